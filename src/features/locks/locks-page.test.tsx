import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { location, renderAt } from '@/testing/render';
import { cellOf } from '@/testing/lock-table';
import { startTestServer } from '@/testing/test-server';
import { LocksPage } from './locks-page';

/** The page waits on real HTTP (gateway and platform in this process): give it time on a busy machine. */
const SLOW = { timeout: 10_000 };

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ POLL_INTERVAL_MS: '60000' });
});
afterAll(() => server.close());

const rows = () =>
  within(screen.getByRole('table', { name: 'Locks' }))
    .queryAllByRole('row')
    .filter((r): r is HTMLTableRowElement => r.hasAttribute('data-lockid'));

describe('LocksPage against the embedded platform', { timeout: 30_000 }, () => {
  it('shows the first page, the total and the chips with the fleet counts', async () => {
    renderAt(<LocksPage />, { url: '/locks' });
    await waitFor(() => expect(rows()).toHaveLength(25), SLOW);
    expect(screen.getByText('240 locks')).toBeInTheDocument();
    expect(screen.getByText('Page 1 of 10')).toBeInTheDocument();
    const { offline } = server.db.prepare('SELECT count(*) AS offline FROM locks WHERE lock_online_status = 0').get() as { offline: number };
    expect(await screen.findByRole('button', { name: `Offline ${offline}` }, SLOW)).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByRole('button', { name: 'All 240' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('searches after typing stops and writes ?q= to the URL', async () => {
    const user = userEvent.setup();
    renderAt(<LocksPage />, { url: '/locks?page=2' });
    await waitFor(() => expect(rows()).toHaveLength(25), SLOW);
    await user.type(screen.getByRole('searchbox', { name: 'Search locks' }), 'Server Room');
    await waitFor(() => expect(location.current).toBe('/locks?q=Server+Room'), SLOW);
    await waitFor(() => {
      const names = rows().map((row) => within(row).getByRole('rowheader').textContent ?? '');
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(name).toMatch(/Server Room/i);
    }, SLOW);
  });

  it('filters by a chip and resets the page', async () => {
    const user = userEvent.setup();
    renderAt(<LocksPage />, { url: '/locks?page=3' });
    const chip = await screen.findByRole('button', { name: /^Unlocked \d+$/ }, SLOW);
    await user.click(chip);
    await waitFor(() => expect(location.current).toBe('/locks?status=unlocked'), SLOW);
    await waitFor(() => {
      expect(rows().length).toBeGreaterThan(0);
      // The "Lock state" cell; the phone copy under the name says the same.
      for (const row of rows()) expect(cellOf(row, 'state')).toHaveTextContent(/^Unlocked/);
    }, SLOW);
  });
});
