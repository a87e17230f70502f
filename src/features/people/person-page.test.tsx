import { QueryClient } from '@tanstack/react-query';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { appConfigQuery } from '@/api/app-config';
import { sessionQueries } from '@/api/session';
import { testAppConfig } from '@/testing/app-config';
import { renderAt } from '@/testing/render';
import { PersonPage } from './person-page';

const ana = {
  userid: 7, username: 'Ana Ruiz', email: 'ana@example.com', phone: null, grant_count: 2, created_date: '2026-12-01 08:00:00',
  status: 'active', department: 'Facilities', tags: ['first aid'], roleids: [4], suspended_reason: null, suspended_until: null, visitor: 0, last_used: null, last_denied: null,
};
const grant = { userid: 7, username: 'Ana Ruiz', groupid: null, groupname: null, start_date: null, end_date: null, status: 'active', created_by: 'manager', created_date: '2026-12-01 08:00:00', revoked_by: null, revoked_date: null };
const fromRole = { ...grant, grantid: 1, lockid: 'L-7', lockname: 'Loading dock', method: 'card', weekdays: '12345', start_time: '22:00', end_time: '06:00', roleid: 4, rolename: 'Night shift' };
const own = { ...grant, grantid: 2, lockid: 'L-2', lockname: 'Lobby', method: 'app', weekdays: null, start_time: null, end_time: null, roleid: null, rolename: null };
const roles = [{ roleid: 4, name: 'Night shift', grants: [], member_count: 1, created_date: '2026-12-01 08:00:00' }, { roleid: 5, name: 'Cleaners', grants: [], member_count: 0, created_date: '2026-12-01 08:00:00' }];
const list = (key: string, rows: unknown[]) => ({ status: 1, msg: 'ok', [key]: rows, totalCount: rows.length, pageCount: 1, currentPage: 1 });
const json = (status: number, body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status }));

/** The gateway, faked at fetch: a change is recorded and answered by `answer` (else the person). */
function fakePlatform(answer: (url: string) => { status: number; body: unknown } | null = () => null) {
  const sent: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    if (method !== 'GET') {
      sent.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : null });
      return answer(url) ? json(answer(url)?.status ?? 200, answer(url)?.body) : json(200, { status: 1, msg: 'ok', person: ana, role: roles[0] });
    }
    if (url.startsWith('/api/people/7')) return json(200, { status: 1, msg: 'ok', person: ana });
    if (url.startsWith('/api/roles')) return json(200, list('roleslist', roles));
    if (url.startsWith('/api/grants')) return json(200, list('grantslist', url.includes('active') ? [fromRole, own] : []));
    if (url.startsWith('/api/events')) return json(200, list('eventslist', []));
    return json(404, { status: 0, msg: 'not found' });
  });
  return sent;
}

function renderPage(role: 'manager' | 'support') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(appConfigQuery.queryKey, testAppConfig({ roles: true }));
  client.setQueryData(sessionQueries.me().queryKey, { user: { userid: 1, name: 'Demo', email: `${role}@lockboard.local`, role } });
  renderAt(<PersonPage />, { client, url: '/people/7', path: '/people/:userid' });
  return userEvent.setup();
}

const proto = HTMLDialogElement.prototype as Partial<Pick<HTMLDialogElement, 'showModal' | 'close'>>;
beforeAll(() => {
  proto.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  proto.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});
afterAll(() => {
  delete proto.showModal;
  delete proto.close;
});
afterEach(() => vi.unstubAllGlobals());

describe('a person’s page with roles', { timeout: 30_000 }, () => {
  it('groups grants by source: a role grant has no Revoke and says to leave the role; support changes nothing', async () => {
    fakePlatform();
    renderPage('support');
    expect(await screen.findByText('Active')).toBeInTheDocument();
    expect(screen.getByText('Facilities')).toBeInTheDocument();
    const fromNight = within(await screen.findByRole('region', { name: 'From role Night shift' }));
    expect(fromNight.getByRole('link', { name: 'Loading dock' })).toBeInTheDocument();
    expect(fromNight.getByText('Remove them from the role Night shift to end it.')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Given individually' })).getByRole('link', { name: 'Lobby' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Night shift' })).toHaveAttribute('href', '/people?role=4');
    expect(screen.queryByRole('button', { name: /Revoke|Suspend|Archive|Remove|Edit details/ })).toBeNull();
  });

  it('a manager revokes only the individual grant, and moves them between roles', async () => {
    const sent = fakePlatform();
    const user = renderPage('manager');
    const fromNight = within(await screen.findByRole('region', { name: 'From role Night shift' }));
    expect(fromNight.queryByRole('button', { name: /Revoke/ })).toBeNull();
    expect(within(screen.getByRole('region', { name: 'Given individually' })).getByRole('button', { name: 'Revoke Ana Ruiz’s access to Lobby' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Remove Ana Ruiz from Night shift' }));
    await vi.waitFor(() => expect(sent).toEqual([{ method: 'PUT', url: '/api/roles/4/members', body: { remove: [7] } }]));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Add to a role' }), 'Cleaners');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    await vi.waitFor(() => expect(sent[1]).toEqual({ method: 'PUT', url: '/api/roles/5/members', body: { add: [7] } }));
  });

  it('suspends with a reason (required) and a resume day', async () => {
    const sent = fakePlatform();
    const user = renderPage('manager');
    await user.click(await screen.findByRole('button', { name: 'Suspend…' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Suspend Ana Ruiz?' }));
    await user.click(dialog.getByRole('button', { name: 'Suspend' }));
    expect(dialog.getByText('Say why they are suspended.')).toBeInTheDocument();
    expect(sent).toEqual([]);
    await user.type(dialog.getByRole('textbox', { name: 'Reason' }), 'Lost badge');
    await user.type(dialog.getByLabelText(/Resume on/), '2026-12-20');
    await user.click(dialog.getByRole('button', { name: 'Suspend' }));
    await vi.waitFor(() => expect(sent).toEqual([{ method: 'POST', url: '/api/people/7/suspend', body: { reason: 'Lost badge', until: '2026-12-20 00:00:00' } }]));
  });

  it('archives after the name is typed, and shows the platform’s 409', async () => {
    const sent = fakePlatform(() => ({ status: 409, body: { status: 0, msg: 'Ana Ruiz is already archived' } }));
    const user = renderPage('manager');
    await user.click(await screen.findByRole('button', { name: 'Archive…' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Archive Ana Ruiz?' }));
    expect(dialog.getByText(/ends every grant they hold/)).toBeInTheDocument();
    await user.type(dialog.getByRole('textbox'), 'Ana Ruiz');
    await user.click(dialog.getByRole('button', { name: 'Archive' }));
    expect(await dialog.findByText('Ana Ruiz is already archived')).toBeInTheDocument();
    expect(sent).toEqual([{ method: 'POST', url: '/api/people/7/archive', body: null }]);
  });

  it('edits the department and the tags', async () => {
    const sent = fakePlatform();
    const user = renderPage('manager');
    await user.click(await screen.findByRole('button', { name: 'Edit details' }));
    const department = screen.getByRole('textbox', { name: /Department/ });
    expect(department).toHaveValue('Facilities');
    await user.clear(department);
    await user.type(department, 'Security');
    await user.type(screen.getByRole('textbox', { name: /Tags/ }), ', night ,first aid');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ method: 'PUT', url: '/api/people/7', body: { department: 'Security', tags: ['first aid', 'night'] } });
  });
});
