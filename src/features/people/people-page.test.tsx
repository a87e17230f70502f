import { QueryClient } from '@tanstack/react-query';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appConfigQuery } from '@/api/app-config';
import { sessionQueries } from '@/api/session';
import { testAppConfig } from '@/testing/app-config';
import { location, renderAt } from '@/testing/render';
import { PeoplePage } from './people-page';

/** A UTC platform date `minutes` ago. */
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString().slice(0, 19).replace('T', ' ');
const lifecycle = { status: 'active', department: null, tags: [], roleids: [], suspended_reason: null, suspended_until: null, visitor: 0, last_used: null, last_denied: null };
const ana = {
  ...lifecycle,
  userid: 7,
  username: 'Ana Ruiz',
  email: 'ana@example.com',
  phone: null,
  grant_count: 2,
  created_date: '2026-12-01 08:00:00',
  status: 'suspended',
  suspended_until: '2026-12-09 14:30:00',
  department: 'Facilities',
  roleids: [4],
  last_used: { lockid: 'L-7', lockname: 'Loading dock', date: ago(5) },
  last_denied: { lockid: 'L-2', lockname: 'Lobby', date: ago(2), reason: 'suspended' },
};
const guest = { ...lifecycle, userid: 8, username: 'Guest Visitor', email: null, phone: null, grant_count: 1, created_date: '2026-12-01 08:00:00', visitor: 1 };
const list = (key: string, rows: unknown[]) => ({ status: 1, msg: 'ok', [key]: rows, totalCount: rows.length, pageCount: 1, currentPage: 1 });

/** The gateway, faked at fetch: records every people list asked for. */
function fakePlatform() {
  const asked: URLSearchParams[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL) => {
    const url = String(input);
    const json = (body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
    if (url.startsWith('/api/roles')) return json(list('roleslist', [{ roleid: 4, name: 'Night shift', grants: [], member_count: 1, created_date: '2026-12-01 08:00:00' }]));
    if (url.startsWith('/api/people')) {
      asked.push(new URL(url, 'http://x').searchParams);
      return json(list('peoplelist', [ana, guest]));
    }
    return Promise.resolve(new Response(JSON.stringify({ status: 0, msg: 'not found' }), { status: 404 }));
  });
  return asked;
}

function renderPage(features = {}, url = '/people') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(appConfigQuery.queryKey, testAppConfig({ roles: true, ...features }));
  client.setQueryData(sessionQueries.me().queryKey, { user: { userid: 1, name: 'Demo', email: 'support@lockboard.local', role: 'support' } });
  renderAt(<PeoplePage />, { client, url });
  return userEvent.setup();
}

afterEach(() => vi.unstubAllGlobals());

const rowOf = async (name: string) => within((await within(await screen.findByRole('table')).findByRole('link', { name })).closest('tr') as HTMLElement);

describe('the People list with roles', { timeout: 30_000 }, () => {
  it('shows status, department, roles, last door used and last refused (with why)', async () => {
    fakePlatform();
    renderPage();
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Name', 'Email', 'Phone', 'Access', 'Status', 'Department', 'Roles', 'Last door used', 'Last refused']);
    const row = await rowOf('Ana Ruiz');
    const cells = row.getAllByRole('cell').map((td) => td.textContent);
    expect(cells.slice(3)).toEqual(['Suspended until 9 Dec 2026 14:30', 'Facilities', 'Night shift', 'Loading dock · 5 minutes ago', 'Lobby · 2 minutes ago · Person suspended']);
    expect(row.getByRole('link', { name: 'Loading dock' })).toHaveAttribute('href', '/locks/L-7');
    const guestRow = await rowOf('Guest Visitor');
    expect(guestRow.getAllByRole('cell').map((td) => td.textContent).slice(3)).toEqual(['Visitor', '—', '—', '—', '—']);
  });

  it('filters by role, status and department, in the address and in the request', async () => {
    const asked = fakePlatform();
    const user = renderPage({}, '/people?page=2');
    await screen.findByRole('option', { name: 'Night shift' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Role' }), 'Night shift');
    await vi.waitFor(() => expect(location.current).toBe('/people?role=4'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Archived');
    const department = screen.getByRole('searchbox', { name: 'Department' });
    await user.type(department, 'Facilities{Enter}');
    await vi.waitFor(() => expect(location.current).toBe('/people?role=4&status=archived&department=Facilities'));
    await vi.waitFor(() => expect(Object.fromEntries(asked.at(-1) ?? [])).toEqual({ pagenumber: '1', limit: '25', roleid: '4', status: 'archived', department: 'Facilities' }));
  });

  it('without the roles feature: the old columns, no filters, no roles asked for', async () => {
    const asked = fakePlatform();
    const fetches = vi.spyOn(globalThis, 'fetch');
    renderPage({ roles: false }, '/people?role=4');
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Name', 'Email', 'Phone', 'Access']);
    expect(screen.queryByRole('combobox', { name: 'Role' })).toBeNull();
    expect(fetches.mock.calls.map(([url]) => String(url)).filter((url) => url.startsWith('/api/roles'))).toEqual([]);
    expect(asked[0]?.has('roleid')).toBe(false);
  });
});
