import { QueryClient } from '@tanstack/react-query';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appConfigQuery } from '@/api/app-config';
import { lockQueries } from '@/api/locks';
import { sessionQueries } from '@/api/session';
import { testAppConfig } from '@/testing/app-config';
import { renderAt } from '@/testing/render';
import { startTestServer } from '@/testing/test-server';
import { SchedulesPage } from './schedules-page';

/** The Schedules page against the gateway and the embedded platform, in this process over real HTTP. */
const SLOW = { timeout: 10_000 };

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ POLL_INTERVAL_MS: '60000' });
});
afterAll(() => server.close());

async function post(path: string, body: unknown): Promise<Record<string, { [key: string]: unknown }>> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status, `POST ${path}`).toBe(200);
  return (await response.json()) as Record<string, { [key: string]: unknown }>;
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(appConfigQuery.queryKey, testAppConfig());
  client.setQueryData(sessionQueries.me().queryKey, { user: { userid: 1, name: 'Demo', email: 'manager@lockboard.local', role: 'manager' } });
  renderAt(<SchedulesPage now={Date.UTC(2026, 11, 7, 10)} />, { client });
  return { user: userEvent.setup(), client };
}

describe('the Schedules page on the embedded platform', { timeout: 30_000 }, () => {
  it('a manager edits a holiday; a refusal stands beside the field it names and what was typed stays', async () => {
    await post('/api/holidays', { name: 'Harbour Day', start_date: '2026-12-09' });
    const { user } = renderPage();
    await user.click(await screen.findByRole('button', { name: 'Edit the holiday Harbour Day' }, SLOW));
    const form = within(screen.getByRole('region', { name: 'Edit the holiday Harbour Day' }));
    const name = form.getByRole('textbox', { name: 'Name' });
    expect(name).toHaveValue('Harbour Day');
    await user.clear(name);
    await user.type(name, 'Harbour Days');
    const last = form.getByLabelText(/Last day/);
    await user.type(last, '2026-12-01');
    await user.click(form.getByRole('button', { name: 'Save holiday' }));

    expect(await form.findByText('end_date must not be before start_date', {}, SLOW)).toBeInTheDocument();
    expect(last).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveValue('Harbour Days');
    expect(last).toHaveValue('2026-12-01');

    await user.clear(last);
    await user.type(last, '2026-12-11');
    expect(form.queryByText('end_date must not be before start_date')).toBeNull();
    await user.click(form.getByRole('checkbox', { name: 'Every year on these dates' }));
    await user.click(form.getByRole('button', { name: 'Save holiday' }));
    expect(await screen.findByText('Harbour Days (every year, 12-09 to 12-11)', {}, SLOW)).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /Edit the holiday/ })).toBeNull();
    expect(server.db.prepare('SELECT name, start_date, end_date, yearly FROM holidays WHERE name = ?').get('Harbour Days')).toEqual({
      name: 'Harbour Days',
      start_date: '2026-12-09',
      end_date: '2026-12-11',
      yearly: 1,
    });
  });

  it('names the first eight locks a schedule drives, through the lock page’s own query, and counts the rest', async () => {
    const locks = server.db.prepare('SELECT lockid, lockname FROM locks ORDER BY lockid LIMIT 10').all() as { lockid: string; lockname: string }[];
    await post('/api/schedules', { name: 'Ten doors', windows: [{ days: '12345', from: '08:00', to: '18:00' }], lockids: locks.map((l) => l.lockid) });
    const { client } = renderPage();
    const card = within((await screen.findByRole('heading', { name: 'Ten doors' }, SLOW)).closest('li') as HTMLElement);
    for (const lock of locks.slice(0, 8)) {
      expect(await card.findByRole('link', { name: lock.lockname }, SLOW)).toHaveAttribute('href', `/locks/${lock.lockid}`);
    }
    expect(card.getByText('and 2 more')).toBeInTheDocument();
    expect(card.queryByRole('link', { name: locks[8]?.lockname })).toBeNull();
    expect(card.getAllByRole('link')).toHaveLength(8);
    // The lock page reads the same cache entry.
    expect(client.getQueryData(lockQueries.detail(locks[0]!.lockid).queryKey)?.name).toBe(locks[0]!.lockname);
    expect(client.getQueryData(lockQueries.detail(locks[8]!.lockid).queryKey)).toBeUndefined();
  });
});
