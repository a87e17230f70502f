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

const group = (groupid: number, groupname: string, lock_count: number, unlocked_count = 0, offline_count = 0) => ({
  groupid,
  groupname,
  lock_count,
  unlocked_count,
  offline_count,
});
const FEW = [group(3, 'Cedar Court', 5, 1, 2), group(5, 'Elm House', 4, 2, 0), group(8, 'Oak Hall', 7)];
// Enough groups for the search box.
const MANY = [...FEW, ...['Annex', 'Boiler room', 'Car park', 'Depot', 'Elm Annex', 'Gym'].map((name, i) => group(20 + i, name, i + 1))];

/** Groups `rows`; the locks of group 3 (A, B) and 5 (B, C: B is in both); lockdowns and bulk commands answered. */
function hostOf(rows: Record<string, unknown>[]): Route {
  const members: Record<string, string[]> = { '3': ['A', 'B'], '5': ['B', 'C'] };
  return ({ method, url, body }) => {
    const query = new URL(url, 'http://host').searchParams;
    if (method === 'GET' && url.startsWith('/api/lockgroups?')) return { body: { status: 1, msg: '', lockgroupslist: rows, totalCount: rows.length, totalPage: 1 } };
    if (method === 'GET' && url.startsWith('/api/locks?')) {
      const lockslist = (members[query.get('groupid') ?? ''] ?? []).map((lockid) => ({ lockid, lockname: `Door ${lockid}` }));
      return { body: { status: 1, msg: '', lockslist, totalCount: lockslist.length, totalPage: 1, currentPage: 1 } };
    }
    if (method === 'POST' && url === '/api/lockdowns') return { body: { status: 1, msg: '', lockdown: lockdownRow({ scope: body }) } };
    if (method === 'POST' && url === '/api/commands') {
      const results = (body as { lockids: string[] }).lockids.map((lockid) => ({ lockid, lockname: `Door ${lockid}`, status: 1, outcome: 'done', msg: '' }));
      return { body: { status: 1, msg: '', results, summary: { done: results.length, offline: 0, failed: 0 } } };
    }
    return undefined;
  };
}

function renderPage(url: string, { rows = FEW, lockdowns = true, active = [] as Record<string, unknown>[] } = {}) {
  const host = hostOf(rows);
  const sent = stubHost((request) =>
    request.url === '/api/lockdowns?state=active' ? { body: { status: 1, msg: '', lockdownslist: active } } : host(request),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(appConfigQuery.queryKey, testAppConfig({ lockdowns }));
  client.setQueryData(sessionQueries.me().queryKey, { user: MANAGER });
  renderAt(<LockdownPage />, { url, client });
  return sent;
}

const picker = () => screen.getByRole('region', { name: 'What to lock down' });
const posts = (sent: { method: string; url: string; body: unknown }[]) => sent.filter((r) => r.method === 'POST');

async function confirmWith(text: string, label: string, title: string) {
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: label }));
  const dialog = await screen.findByRole('dialog', { hidden: true });
  expect(within(dialog).getByRole('heading', { hidden: true })).toHaveTextContent(title);
  const confirm = within(dialog).getByRole('button', { name: label, hidden: true });
  await user.type(within(dialog).getByRole('textbox', { hidden: true }), text);
  expect(confirm).toBeEnabled();
  await user.click(confirm);
}

describe('the scope picker', () => {
  it('starts with the group of ?group=N chosen; a second group adds to what will happen, the typed text and the request', async () => {
    const user = userEvent.setup();
    const sent = renderPage('/lockdown?group=3');
    const cedar = await screen.findByRole('checkbox', { name: 'Cedar Court · 5 locks' });
    expect(cedar).toBeChecked();
    expect(within(picker()).getByRole('radio', { name: 'Chosen groups' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Elm House · 4 locks' })).not.toBeChecked();

    await user.click(screen.getByRole('checkbox', { name: 'Elm House · 4 locks' }));
    const scope = screen.getByRole('region', { name: 'Lock down every door in Cedar Court and Elm House' });
    expect(scope).toHaveTextContent('2 groups, 9 locks, 3 unlocked now, 2 offline.');
    expect(scope).toHaveTextContent('counted once per group');

    await confirmWith('LOCK 2 GROUPS', 'Start lockdown', 'Lock down every door in Cedar Court and Elm House?');
    await waitFor(() => expect(posts(sent)).toEqual([{ method: 'POST', url: '/api/lockdowns', body: { groupids: [3, 5] } }]));
  });

  it('cannot start with no group chosen, and says so', async () => {
    const user = userEvent.setup();
    const sent = renderPage('/lockdown');
    expect(within(picker()).getByRole('radio', { name: 'Every lock' })).toBeChecked();
    await user.click(within(picker()).getByRole('radio', { name: 'Chosen groups' }));
    await screen.findByRole('checkbox', { name: 'Oak Hall · 7 locks' });
    expect(screen.getByRole('region', { name: 'No group chosen' })).toHaveTextContent('No group is chosen: choose at least one group above');
    expect(screen.queryByRole('button', { name: 'Start lockdown' })).toBeNull();

    await user.click(screen.getByRole('checkbox', { name: 'Oak Hall · 7 locks' }));
    expect(screen.getByRole('button', { name: 'Start lockdown' })).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Oak Hall · 7 locks' }));
    expect(screen.queryByRole('button', { name: 'Start lockdown' })).toBeNull();
    expect(posts(sent)).toEqual([]);
  });

  it('filters many groups by name, and keeps the chosen ones chosen while filtered out', async () => {
    const user = userEvent.setup();
    renderPage('/lockdown?group=3', { rows: MANY });
    await screen.findByRole('checkbox', { name: 'Cedar Court · 5 locks' });
    await user.type(screen.getByRole('searchbox', { name: 'Find groups' }), 'elm');
    expect(within(picker()).getAllByRole('checkbox').map((box) => (box as HTMLInputElement).labels?.[0]?.textContent)).toEqual([
      'Elm House · 4 locks',
      'Elm Annex · 5 locks',
    ]);
    await user.click(screen.getByRole('checkbox', { name: 'Elm Annex · 5 locks' }));
    expect(within(picker()).getByText('(2 chosen)')).toBeInTheDocument();
    await user.type(screen.getByRole('searchbox', { name: 'Find groups' }), 'zzz');
    expect(within(picker()).getByText('No group matches “elmzzz”.')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Lock down every door in Cedar Court and Elm Annex' })).toHaveTextContent('2 groups, 10 locks');
  });

  it('offers no second start for groups an active lockdown already holds', async () => {
    const user = userEvent.setup();
    renderPage('/lockdown?group=3', { active: [lockdownRow({ scope: { groupids: [5, 3] } })] });
    const scope = await screen.findByRole('region', { name: 'Lock down every door in Cedar Court' });
    await waitFor(() => expect(scope).toHaveTextContent('Every door in Cedar Court is in lockdown now.'));
    expect(screen.queryByRole('button', { name: 'Start lockdown' })).toBeNull();
    // Oak Hall is not held: with it chosen too, a lockdown can start.
    await user.click(screen.getByRole('checkbox', { name: 'Oak Hall · 7 locks' }));
    expect(screen.getByRole('button', { name: 'Start lockdown' })).toBeInTheDocument();
  });

  it('without the lockdowns feature, locks each lock of several groups once, in batched commands', async () => {
    const user = userEvent.setup();
    const sent = renderPage('/lockdown?group=3', { lockdowns: false });
    await user.click(await screen.findByRole('checkbox', { name: 'Elm House · 4 locks' }));
    expect(screen.getByRole('region', { name: 'Lock every door in Cedar Court and Elm House' })).toHaveTextContent('2 groups, 9 locks');
    await confirmWith('lock 2 groups', 'Lock all', 'Lock every door in Cedar Court and Elm House?');
    const run = await screen.findByRole('region', { name: 'Lockdown finished' });
    expect(run).toHaveTextContent('Groups: Cedar Court and Elm House');
    const commands = posts(sent).filter((r) => r.url === '/api/commands');
    expect(commands).toHaveLength(1);
    expect((commands[0]!.body as { lockids: string[] }).lockids.sort()).toEqual(['A', 'B', 'C']);
  });
});
