import { QueryClient } from '@tanstack/react-query';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appConfigQuery } from '@/api/app-config';
import { sessionQueries } from '@/api/session';
import { testAppConfig } from '@/testing/app-config';
import { renderAt } from '@/testing/render';
import { LockDetailPage } from './lock-detail-page';

/** A lock a lockdown holds, on its page; the platform's lockdown is the contract's (not built on this branch). */
const LOCK = { lockid: 'EM1', lockname: 'Cedar Court · Front door', lock_online_status: 1, lock_open_status: 0, lockdown: 1 };
const REFUSAL = 'Lockdown in force: Cedar Court is held by lockdown 7';

interface Sent {
  method: string;
  url: string;
  body: unknown;
}

function renderLock(role: 'manager' | 'support', lock: Record<string, unknown> = LOCK) {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const request = { method: init?.method ?? 'GET', url: String(input), body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined };
    sent.push(request);
    let status = 404;
    let body: Record<string, unknown> = { status: 0, msg: 'Not found' };
    if (request.method === 'GET' && request.url === '/api/locks/EM1') [status, body] = [200, { status: 1, msg: '', lock }];
    if (request.method === 'POST' && request.url === '/api/locks/EM1/unlock') [status, body] = [423, { status: 0, msg: REFUSAL }];
    return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(appConfigQuery.queryKey, testAppConfig({ lockdowns: true }, { pollIntervalMs: 600_000 }));
  client.setQueryData(sessionQueries.me().queryKey, { user: { userid: 1, name: 'Dana', email: 'd@x.test', role } });
  renderAt(<LockDetailPage lockid="EM1" />, { url: '/locks/EM1', client });
  return sent;
}

afterEach(() => vi.unstubAllGlobals());

describe('a lock in lockdown, on its page', () => {
  it('carries a Lockdown badge, and a manager’s unlock asks for a reason, sends it, and shows a 423 as the platform words it', async () => {
    const user = userEvent.setup();
    const sent = renderLock('manager');
    const heading = await screen.findByRole('heading', { level: 1, name: 'Cedar Court · Front door' });
    expect(within(heading.parentElement as HTMLElement).getByText('Lockdown')).toBeInTheDocument();
    const remote = screen.getByRole('region', { name: 'Remote control' });
    expect(within(remote).queryByRole('button', { name: /^Unlock/ })).toHaveTextContent('Unlock during lockdown…');
    await user.click(within(remote).getByRole('button', { name: 'Unlock during lockdown…' }));

    const reason = await screen.findByRole('textbox', { name: 'Reason', hidden: true });
    const dialog = reason.closest('dialog') as HTMLElement;
    const unlock = within(dialog).getByRole('button', { name: 'Unlock', hidden: true });
    await user.type(reason, 'ab');
    expect(unlock).toBeDisabled();
    await user.type(reason, 'c: fire brigade');
    await user.click(unlock);

    expect(await within(dialog).findByRole('alert', { hidden: true })).toHaveTextContent(REFUSAL);
    expect(sent.filter((r) => r.method === 'POST')).toEqual([{ method: 'POST', url: '/api/locks/EM1/unlock', body: { override_reason: 'abc: fire brigade' } }]);
  });

  it('offers a support account no unlock', async () => {
    renderLock('support');
    const remote = await screen.findByRole('region', { name: 'Remote control' });
    expect(remote).toHaveTextContent('only a manager can unlock a door during a lockdown');
    expect(within(remote).queryByRole('button')).toBeNull();
  });

  it('keeps the ordinary controls and no badge for a lock no lockdown holds (garbled flag)', async () => {
    renderLock('manager', { ...LOCK, lockdown: 'yes' });
    await screen.findByRole('heading', { level: 1, name: 'Cedar Court · Front door' });
    const remote = screen.getByRole('region', { name: 'Remote control' });
    expect(within(remote).getByRole('button', { name: /Unlock/ })).not.toHaveTextContent('lockdown');
    expect(screen.queryByText('Lockdown')).toBeNull();
  });
});
