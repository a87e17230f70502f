import { QueryClient } from '@tanstack/react-query';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appConfigQuery } from '@/api/app-config';
import { sessionQueries } from '@/api/session';
import { testAppConfig } from '@/testing/app-config';
import { renderAt } from '@/testing/render';
import { PassesPage } from './passes-page';

// Monday 7 December 2026, 11:00 UTC.
const NOW = Date.UTC(2026, 11, 7, 11, 0);
const pass = {
  passid: 4, userid: 31, name: 'Vera Visitor', email: 'vera@example.com', lockids: ['EM1'], groupids: [3],
  start_date: '2026-12-07 09:00:00', end_date: '2026-12-07 17:00:00', status: 'active', created_by: 'Demo Manager',
  created_date: '2026-12-07 08:00:00', code_sent_date: '2026-12-07 10:42:00',
};
const list = (key: string, rows: unknown[]) => ({ status: 1, msg: 'ok', [key]: rows, totalCount: rows.length, totalPage: 1, currentPage: 1 });

/** The gateway, faked at fetch: lists answer; a change answers `change` (and is recorded). */
function fakeGateway(change: { status: number; body: unknown } = { status: 200, body: {} }, rows: unknown[] = [pass]) {
  const changes: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const json = (status: number, body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status }));
    if (init?.method && init.method !== 'GET') {
      changes.push({ method: init.method, url, body: init.body ? JSON.parse(String(init.body)) : null });
      return json(change.status, change.body);
    }
    if (url.startsWith('/api/passes')) return json(200, list('passeslist', rows));
    if (url.startsWith('/api/lockgroups')) return json(200, list('lockgroupslist', [{ groupid: 3, groupname: 'Cedar Court' }]));
    if (url.startsWith('/api/locks/EM1')) return json(200, { status: 1, msg: 'ok', lock: { lockid: 'EM1', lockname: 'Front door' } });
    if (url.startsWith('/api/locks')) return json(200, list('lockslist', [{ lockid: 'EM1', lockname: 'Front door' }]));
    return json(404, { status: 0, msg: 'not found' });
  });
  return changes;
}

function renderPage(role: 'manager' | 'support', features = {}) {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(appConfigQuery.queryKey, testAppConfig({ passes: true, ...features }));
  client.setQueryData(sessionQueries.me().queryKey, { user: { userid: 1, name: 'Demo', email: `${role}@lockboard.local`, role } });
  renderAt(<PassesPage />, { client });
  return userEvent.setup();
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const passItem = async () => within((await screen.findByRole('link', { name: 'Vera Visitor' })).closest('li') as HTMLElement);

describe('the Visitor passes page', { timeout: 30_000 }, () => {
  it('lists a pass: visitor, status in words, doors by name, window, and where its code went', async () => {
    fakeGateway();
    renderPage('manager');
    const item = await passItem();
    expect(item.getByText('Active')).toBeInTheDocument();
    expect(await item.findByRole('link', { name: 'Front door' })).toHaveAttribute('href', '/locks/EM1');
    expect(await item.findByRole('link', { name: 'Cedar Court' })).toHaveAttribute('href', '/groups/3');
    expect(item.getByText(/2026-12-07 09:00–17:00/)).toBeInTheDocument();
    expect(item.getByText(/Code sent to v…@example.com at 10:42/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /see the Outbox/ })).toHaveAttribute('href', '/alerts/outbox');
  });

  it('support sees the list with the e-mail hidden, and no way to change it', async () => {
    fakeGateway(undefined, [{ ...pass, email: null }]);
    renderPage('support');
    const item = await passItem();
    expect(item.getByText(/Code sent to \(e-mail hidden\) at 10:42/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /New pass|Resend|End now/ })).toBeNull();
    expect(screen.queryByRole('link', { name: /Outbox/ })).toBeNull();
  });

  it('a manager creates one with the "Today 09:00–17:00" quick pick: the body sent, and where the code went', async () => {
    const changes = fakeGateway({ status: 200, body: { status: 1, msg: 'ok', pass: { ...pass, passid: 5 }, passcode: '482913', sent: { to: 'v…@example.com', date: '2026-12-07 11:00:04' } } });
    const user = renderPage('manager');
    await user.click(await screen.findByRole('button', { name: 'New pass' }));
    const form = within(screen.getByRole('region', { name: 'New pass' }));
    await user.type(form.getByRole('textbox', { name: 'Visitor’s name' }), 'Vera Visitor');
    await user.type(form.getByRole('textbox', { name: 'E-mail' }), 'vera@example.com');
    await user.click(form.getByRole('button', { name: 'Create pass and send code' }));
    expect(form.getByText('Choose at least one door or group.')).toBeInTheDocument();
    expect(changes).toEqual([]);
    await user.type(form.getByRole('searchbox', { name: 'Find a lock' }), 'Front');
    await user.click(await form.findByRole('radio', { name: 'Front door' }));
    await user.click(form.getByRole('button', { name: 'Today 09:00–17:00' }));
    await user.click(form.getByRole('button', { name: 'Create pass and send code' }));
    await vi.waitFor(() => expect(changes).toHaveLength(1));
    expect(changes[0]).toEqual({
      method: 'POST',
      url: '/api/passes',
      body: { name: 'Vera Visitor', email: 'vera@example.com', lockids: ['EM1'], groupids: [], start_date: '2026-12-07 09:00:00', end_date: '2026-12-07 17:00:00' },
    });
    expect(await screen.findByText('Pass for Vera Visitor created. Code sent to v…@example.com at 11:00.')).toBeInTheDocument();
    // Even an answer that wrongly carried the code never shows it.
    expect(document.body.textContent).not.toContain('482913');
  });

  it('Resend asks first (the old code stops working), then posts the resend', async () => {
    const changes = fakeGateway({ status: 200, body: { status: 1, msg: 'ok', pass, sent: { to: 'v…@example.com', date: '2026-12-07 11:00:00' } } });
    const user = renderPage('manager');
    await user.click((await passItem()).getByRole('button', { name: 'Resend Vera Visitor’s code' }));
    expect(screen.getByText(/the old one stops working/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send a new code', hidden: true }));
    await vi.waitFor(() => expect(changes.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /api/passes/4/resend']));
  });

  it('End now ends it; a refusal (409) is shown in the dialog', async () => {
    const changes = fakeGateway({ status: 409, body: { status: 0, msg: 'This pass has already ended.' } });
    const user = renderPage('manager');
    await user.click((await passItem()).getByRole('button', { name: 'End now Vera Visitor’s pass' }));
    await user.click(screen.getByRole('button', { name: 'End the pass', hidden: true }));
    expect(await screen.findByText('This pass has already ended.')).toBeInTheDocument();
    expect(changes.map((c) => `${c.method} ${c.url}`)).toEqual(['DELETE /api/passes/4']);
  });

  it('is a note, not a failure, without the platform’s passes', async () => {
    const changes = fakeGateway();
    renderPage('manager', { passes: false });
    expect(await screen.findByRole('heading', { name: 'Visitor passes are not available' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New pass' })).toBeNull();
    expect(changes).toEqual([]);
  });
});
