import { QueryClient } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appConfigQuery } from '@/api/app-config';
import { sessionQueries } from '@/api/session';
import { testAppConfig } from '@/testing/app-config';
import { renderAt } from '@/testing/render';
import { MANAGER, type Route, lockdownRow, stubHost } from './fake-host';
import { LockdownPage } from './lockdown-page';

afterEach(() => vi.unstubAllGlobals());

const GROUP = { groupid: 3, groupname: 'Cedar Court', lock_count: 5, online_count: 3, offline_count: 2, unlocked_count: 1, lowbattery_count: 0 };
const OFFLINE = { EM2: 'Cedar Court · Back door', EM3: 'Cedar Court · Bike shed' };

const host: Route = ({ method, url }) => {
  if (method === 'GET' && url.startsWith('/api/lockgroups?')) return { body: { status: 1, msg: '', lockgroupslist: [GROUP], totalCount: 1, totalPage: 1 } };
  const lockid = /^\/api\/locks\/(EM\d)$/.exec(url)?.[1] as keyof typeof OFFLINE | undefined;
  if (method === 'GET' && lockid) return { body: { status: 1, msg: '', lock: { lockid, lockname: OFFLINE[lockid], lock_online_status: 0 } } };
  if (method === 'POST' && url === '/api/lockdowns') {
    return { body: { status: 1, msg: 'Lockdown started', lockdown: lockdownRow({ scope: { groupids: [3] }, lock_count: 5, pending_lockids: ['EM2', 'EM3'] }) } };
  }
  return undefined;
};

function renderPage(url: string, lockdowns = true) {
  const sent = stubHost(host);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(appConfigQuery.queryKey, testAppConfig({ lockdowns }));
  client.setQueryData(sessionQueries.me().queryKey, { user: MANAGER });
  renderAt(<LockdownPage />, { url, client });
  return sent;
}

describe('starting a lockdown on a platform that keeps it', () => {
  it('sends the group after its name is typed, then shows the locks held and the offline ones by name', async () => {
    const user = userEvent.setup();
    const sent = renderPage('/lockdown?group=3');
    await user.click(await screen.findByRole('button', { name: 'Start lockdown' }));
    const dialog = await screen.findByRole('dialog', { hidden: true });
    const confirm = within(dialog).getByRole('button', { name: 'Start lockdown', hidden: true });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByRole('textbox', { hidden: true }), 'Cedar Court');
    await user.click(confirm);

    const result = await screen.findByRole('region', { name: 'Lockdown started' });
    expect(sent.filter((r) => r.method === 'POST')).toEqual([{ method: 'POST', url: '/api/lockdowns', body: { groupids: [3] } }]);
    expect(result).toHaveTextContent('5 locks in lockdown.');
    expect(result).toHaveTextContent('2 locks were offline: each locks as soon as it is back.');
    const offline = within(result).getByRole('list', { name: 'Offline locks' });
    await waitFor(() =>
      expect(within(offline).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
        'Cedar Court · Back door — locks as soon as it is back',
        'Cedar Court · Bike shed — locks as soon as it is back',
      ]),
    );
  });

  it('locks the whole fleet with {all: true}', async () => {
    const user = userEvent.setup();
    const sent = renderPage('/lockdown');
    await user.click(await screen.findByRole('button', { name: 'Start lockdown' }));
    const dialog = await screen.findByRole('dialog', { hidden: true });
    await user.type(within(dialog).getByRole('textbox', { hidden: true }), 'LOCK ALL');
    await user.click(within(dialog).getByRole('button', { name: 'Start lockdown', hidden: true }));
    await waitFor(() => expect(sent.filter((r) => r.method === 'POST')).toEqual([{ method: 'POST', url: '/api/lockdowns', body: { all: true } }]));
  });

  it('keeps the batched lock commands on a platform without lockdowns', async () => {
    renderPage('/lockdown?group=3', false);
    expect(await screen.findByRole('button', { name: 'Lock all' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Start lockdown' })).toBeNull();
  });
});
