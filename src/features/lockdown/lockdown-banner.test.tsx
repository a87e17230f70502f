import { QueryClient } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { User } from '@contract/auth';
import { appConfigQuery } from '@/api/app-config';
import { lockdownQueries } from '@/api/lockdowns';
import { sessionQueries } from '@/api/session';
import { testAppConfig } from '@/testing/app-config';
import { renderAt } from '@/testing/render';
import { MANAGER, SUPPORT, type Route, lockdownRow, stubHost } from './fake-host';
import LockdownBanner from './lockdown-banner';

afterEach(() => vi.unstubAllGlobals());

function renderBanner(route: Route, { user = MANAGER as User, lockdowns = true } = {}) {
  const sent = stubHost(route);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(appConfigQuery.queryKey, testAppConfig({ lockdowns }));
  client.setQueryData(sessionQueries.me().queryKey, { user });
  renderAt(<LockdownBanner />, { client });
  return { sent, client };
}

const active =
  (...rows: Record<string, unknown>[]): Route =>
  ({ method, url }) => {
    if (method === 'GET' && url === '/api/lockdowns?state=active') return { body: { status: 1, msg: '', lockdownslist: rows } };
    if (method === 'GET' && url.startsWith('/api/lockgroups')) return { body: { status: 1, msg: '', lockgroupslist: [{ groupid: 3, groupname: 'Cedar Court', lock_count: 4 }], totalCount: 1, totalPage: 1 } };
    if (method === 'POST' && url === '/api/lockdowns/7/lift') return { body: { status: 1, msg: 'Lifted', lockdown: lockdownRow({ lifted_by: 'Dana Manager', lifted_date: '2026-12-07 10:00:00' }) } };
    return undefined;
  };

describe('the lockdown banner', () => {
  it('tells a support user the scope, who started it and when, with no way to lift it', async () => {
    renderBanner(active(lockdownRow()), { user: SUPPORT });
    const banner = await screen.findByRole('status', { name: 'Lockdown in force' });
    expect(banner).toHaveTextContent('Lockdown in force: Whole fleet.');
    expect(banner).toHaveTextContent(/Started by Dana Manager, .*2026/);
    expect(within(banner).queryByRole('button')).toBeNull();
  });

  it('lets a manager lift it once LIFT is typed, with POST /api/lockdowns/:id/lift', async () => {
    const user = userEvent.setup();
    const { sent } = renderBanner(active(lockdownRow({ scope: { groupids: [3] } })));
    const banner = await screen.findByRole('status', { name: 'Lockdown in force' });
    await waitFor(() => expect(banner).toHaveTextContent('Lockdown in force: Cedar Court.'));
    await user.click(within(banner).getByRole('button', { name: 'Lift lockdown' }));
    const dialog = await screen.findByRole('dialog', { hidden: true });
    expect(within(dialog).getByRole('heading', { hidden: true })).toHaveTextContent('Lift the lockdown of Cedar Court?');
    const confirm = within(dialog).getByRole('button', { name: 'Lift lockdown', hidden: true });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByRole('textbox', { hidden: true }), 'LIFT');
    await user.click(confirm);
    await waitFor(() => expect(sent.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual(['/api/lockdowns/7/lift']));
  });

  it('is absent while no lockdown is active', async () => {
    const { client } = renderBanner(active());
    await waitFor(() => expect(client.getQueryState(lockdownQueries.active().queryKey)?.status).toBe('success'));
    expect(screen.queryByRole('status', { name: 'Lockdown in force' })).toBeNull();
  });

  it('is absent, and asks nothing, on a platform without lockdowns', async () => {
    const { sent, client } = renderBanner(active(lockdownRow()), { lockdowns: false });
    // Settings and session are in the cache from the start: an enabled poll would be fetching now.
    expect(client.getQueryCache().find({ queryKey: lockdownQueries.active().queryKey })?.state.fetchStatus).toBe('idle');
    expect(screen.queryByRole('status', { name: 'Lockdown in force' })).toBeNull();
    expect(sent).toEqual([]);
  });
});
