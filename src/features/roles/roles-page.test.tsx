import { QueryClient } from '@tanstack/react-query';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { appConfigQuery } from '@/api/app-config';
import { sessionQueries } from '@/api/session';
import { testAppConfig } from '@/testing/app-config';
import { renderAt } from '@/testing/render';
import { RolesPage } from './roles-page';

const dock = { lockid: 'L-7', lockname: 'Loading dock', groupid: null, groupname: null, method: 'keypad', weekdays: '12345', start_time: '22:00', end_time: '06:00' };
const lobby = { lockid: null, lockname: null, groupid: 3, groupname: 'Lobby doors', method: 'card', weekdays: null, start_time: null, end_time: null };
const night = { roleid: 4, name: 'Night shift', grants: [dock, lobby], member_count: 3, created_date: '2026-12-01 08:00:00' };
const jamal = { userid: 9, username: 'Jamal Carter', email: null, phone: null, grant_count: 2, created_date: '2026-12-01 08:00:00' };
const list = (key: string, rows: unknown[]) => ({ status: 1, msg: 'ok', [key]: rows, totalCount: rows.length, pageCount: 1, currentPage: 1 });
const json = (status: number, body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status }));

interface Sent {
  method: string;
  url: string;
  body: unknown;
}

/** The gateway, faked at fetch: reads answer; a change is recorded and answered by `answer` (else the role). */
function fakePlatform(answer: (sent: Sent) => { status: number; body: unknown } | null = () => null) {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    if (method !== 'GET') {
      const change = { method, url, body: init?.body ? JSON.parse(String(init.body)) : null };
      sent.push(change);
      const given = answer(change);
      return given ? json(given.status, given.body) : json(200, { status: 1, msg: 'ok', role: night });
    }
    if (url.startsWith('/api/roles')) return json(200, list('roleslist', [night]));
    if (url.startsWith('/api/people')) return json(200, list('peoplelist', url.includes('roleid=4') || url.includes('searchkey=Jam') ? [jamal] : []));
    if (url.startsWith('/api/locks')) return json(200, list('lockslist', [{ lockid: 'L-7', lockname: 'Loading dock' }]));
    if (url.startsWith('/api/lockgroups')) return json(200, list('lockgroupslist', [{ groupid: 3, groupname: 'Lobby doors' }]));
    return json(404, { status: 0, msg: 'not found' });
  });
  return sent;
}

function renderPage(role: 'manager' | 'support', features = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(appConfigQuery.queryKey, testAppConfig({ roles: true, ...features }));
  client.setQueryData(sessionQueries.me().queryKey, { user: { userid: 1, name: 'Demo', email: `${role}@lockboard.local`, role } });
  renderAt(<RolesPage />, { client });
  return userEvent.setup();
}

// jsdom has no showModal() or close(): stand-ins that set and remove `open`, as a browser does.
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

const roleCard = async () => within((await screen.findByRole('heading', { name: 'Night shift' })).closest('li') as HTMLElement);

describe('the Roles page', { timeout: 30_000 }, () => {
  it('lists a role with its member count and its doors in words; support sees no change buttons', async () => {
    fakePlatform();
    const user = renderPage('support');
    const card = await roleCard();
    expect(card.getByRole('link', { name: '3 members' })).toHaveAttribute('href', '/people?role=4');
    const doors = card.getByRole('list', { name: 'Doors of Night shift' });
    expect(within(doors).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Loading dock · Keypad code · Mon–Fri 22:00–06:00 (overnight)',
      'the group Lobby doors · Card · Always',
    ]);
    expect(card.queryByRole('button', { name: /Edit|Delete/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'New role' })).toBeNull();
    expect(screen.getByText(/Your account is read-only/)).toBeInTheDocument();
    await user.click(card.getByRole('button', { name: 'Members of Night shift' }));
    expect(await card.findByRole('link', { name: 'Jamal Carter' })).toHaveAttribute('href', '/people/9');
    expect(card.queryByRole('button', { name: /Remove/ })).toBeNull();
  });

  it('a manager creates a role: a lock found by search, keypad, working hours', async () => {
    const sent = fakePlatform();
    const user = renderPage('manager');
    await user.click(await screen.findByRole('button', { name: 'New role' }));
    const form = within(screen.getByRole('region', { name: 'New role' }));
    await user.click(form.getByRole('button', { name: 'Create role' }));
    expect(form.getByText('Enter the role’s name.')).toBeInTheDocument();
    await user.type(form.getByRole('textbox', { name: 'Name' }), 'Cleaners');
    await user.click(form.getByRole('button', { name: 'Add this door to the role' }));
    expect(form.getByText('Choose a lock or a group.')).toBeInTheDocument();
    await user.type(form.getByRole('searchbox', { name: 'Find a lock' }), 'Load');
    await user.click(await form.findByRole('radio', { name: 'Loading dock' }, { timeout: 5000 }));
    await user.click(form.getByRole('radio', { name: 'Keypad code' }));
    await user.click(form.getByRole('checkbox', { name: 'Only on certain days and hours' }));
    await user.click(form.getByRole('button', { name: 'Working hours' }));
    await user.click(form.getByRole('button', { name: 'Add this door to the role' }));
    expect(within(form.getByRole('list', { name: 'Doors of this role' })).getByText('Loading dock · Keypad code · Mon–Fri 09:00–17:00')).toBeInTheDocument();
    await user.click(form.getByRole('button', { name: 'Create role' }));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ method: 'POST', url: '/api/roles', body: { name: 'Cleaners', grants: [{ lockid: 'L-7', method: 'keypad', weekdays: '12345', start_time: '09:00', end_time: '17:00' }] } });
  });

  it('saving an edit first shows who gains and loses what, and changes nothing until confirmed', async () => {
    const preview = { grants: [{ change: 'lose', grant: lobby, people: 3 }], members: [] };
    const sent = fakePlatform(({ url }) => (url.includes('preview=1') ? { status: 200, body: { status: 1, msg: 'ok', preview } } : null));
    const user = renderPage('manager');
    const card = await roleCard();
    await user.click(card.getByRole('button', { name: 'Edit Night shift' }));
    await user.click(card.getByRole('button', { name: 'Remove the group Lobby doors · Card · Always' }));
    await user.click(card.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('dialog', { name: 'Save Night shift?' });
    expect(within(dialog).getByRole('listitem')).toHaveTextContent('3 people lose the group Lobby doors · Card · Always');
    expect(sent).toEqual([{ method: 'PUT', url: '/api/roles/4?preview=1', body: { name: 'Night shift', grants: [{ lockid: 'L-7', method: 'keypad', weekdays: '12345', start_time: '22:00', end_time: '06:00' }] } }]);
    await user.click(within(dialog).getByRole('button', { name: 'Save the role' }));
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toMatchObject({ method: 'PUT', url: '/api/roles/4', body: sent[0]?.body });
  });

  it('a refused name (409) is shown by the name field, and what was chosen stays', async () => {
    fakePlatform(() => ({ status: 409, body: { status: 0, msg: "name: there is already a role 'Night shift'" } }));
    const user = renderPage('manager');
    await user.click(await screen.findByRole('button', { name: 'New role' }));
    const form = within(screen.getByRole('region', { name: 'New role' }));
    const name = form.getByRole('textbox', { name: 'Name' });
    await user.type(name, 'night shift');
    await user.click(form.getByRole('button', { name: 'Create role' }));
    expect(await form.findByText("there is already a role 'Night shift'")).toBeInTheDocument();
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveValue('night shift');
  });

  it('delete says whose grants end; members are added by search and removed', async () => {
    const sent = fakePlatform();
    const user = renderPage('manager');
    const card = await roleCard();
    await user.click(card.getByRole('button', { name: 'Delete Night shift…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete the role Night shift?' });
    expect(dialog).toHaveTextContent('This ends 3 people’s grants from this role');
    await user.click(within(dialog).getByRole('button', { name: 'Delete role' }));
    await vi.waitFor(() => expect(sent).toEqual([{ method: 'DELETE', url: '/api/roles/4', body: null }]));

    await user.click(card.getByRole('button', { name: 'Members of Night shift' }));
    await user.click(await card.findByRole('button', { name: 'Remove Jamal Carter from Night shift' }));
    await vi.waitFor(() => expect(sent[1]).toEqual({ method: 'PUT', url: '/api/roles/4/members', body: { remove: [9] } }));
    await user.type(card.getByRole('searchbox', { name: 'Find a person' }), 'Jam');
    await user.click(await card.findByRole('radio', { name: 'Jamal Carter' }, { timeout: 5000 }));
    await user.click(card.getByRole('button', { name: 'Add Jamal Carter to Night shift' }));
    await vi.waitFor(() => expect(sent[2]).toEqual({ method: 'PUT', url: '/api/roles/4/members', body: { add: [9] } }));
  });

  it('is a note, not a failure, without the platform’s roles (and asks for none)', async () => {
    const sent = fakePlatform();
    const fetches = vi.spyOn(globalThis, 'fetch');
    renderPage('manager', { roles: false });
    expect(await screen.findByRole('heading', { name: 'Roles are not available' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New role' })).toBeNull();
    expect(fetches).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
  });
});
