import { QueryClient } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appConfigQuery } from '@/api/app-config';
import { sessionQueries } from '@/api/session';
import { testAppConfig } from '@/testing/app-config';
import { renderAt } from '@/testing/render';
import { SchedulesPage } from './schedules-page';
import { WeekStrip } from './week-strip';

// Monday 7 December 2026, 10:00 UTC.
const NOW = Date.UTC(2026, 11, 7, 10, 0);
const lobby = { scheduleid: 1, name: 'Lobby hours', timezone: 'UTC', windows: [{ days: '12345', from: '08:00', to: '18:00' }], first_person_in: 0, holidayids: [], lockids: [], groupids: [3], next_change: { date: '2026-12-07 18:00:00', action: 'lock' } };
const holiday = { holidayid: 5, name: 'Founders Day', start_date: '2026-12-09', end_date: '2026-12-09', yearly: 0 };
const list = (key: string, rows: unknown[]) => ({ status: 1, msg: 'ok', [key]: rows, totalCount: rows.length, pageCount: 1, currentPage: 1 });

/**
 * The platform, faked at fetch: lists answer; a POST of a schedule or a PUT of a holiday answers
 * `post` (and is recorded); of the locks only EM1 exists.
 */
function fakePlatform(post: { status: number; body: unknown }, schedules: unknown[] = [lobby]) {
  const posted: unknown[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const json = (status: number, body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status }));
    if ((init?.method === 'POST' && url.startsWith('/api/schedules')) || (init?.method === 'PUT' && url.startsWith('/api/holidays/'))) {
      posted.push(JSON.parse(String(init.body)));
      return json(post.status, post.body);
    }
    if (url.startsWith('/api/locks/EM1')) return json(200, { status: 1, msg: 'ok', lock: { lockid: 'EM1', lockname: 'Front door' } });
    if (url.startsWith('/api/locks/')) return json(404, { status: 0, msg: 'No such lock' });
    if (url.startsWith('/api/schedules')) return json(200, list('scheduleslist', schedules));
    if (url.startsWith('/api/holidays')) return json(200, list('holidayslist', [holiday]));
    if (url.startsWith('/api/lockgroups')) return json(200, list('lockgroupslist', [{ groupid: 3, groupname: 'Lobby doors' }]));
    if (url.startsWith('/api/locks')) return json(200, list('lockslist', []));
    return json(404, { status: 0, msg: 'not found' });
  });
  return posted;
}

function renderPage(role: 'manager' | 'support', features = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(appConfigQuery.queryKey, testAppConfig(features));
  client.setQueryData(sessionQueries.me().queryKey, { user: { userid: 1, name: 'Demo', email: `${role}@lockboard.local`, role } });
  renderAt(<SchedulesPage now={NOW} />, { client });
  return userEvent.setup();
}

afterEach(() => vi.unstubAllGlobals());

const SLOW = { timeout: 30_000 };

describe('the Schedules page', SLOW, () => {
  it('lists a schedule in words, what it drives and its next change', async () => {
    fakePlatform({ status: 200, body: {} });
    renderPage('support');
    const item = (await screen.findByRole('heading', { name: 'Lobby hours' })).closest('li');
    expect(item).not.toBeNull();
    const card = within(item as HTMLElement);
    expect(card.getByText('Mon–Fri 08:00–18:00')).toBeInTheDocument();
    expect(await card.findByRole('link', { name: 'Lobby doors' })).toHaveAttribute('href', '/groups/3');
    expect(card.getByText('Locks at 18:00')).toBeInTheDocument();
  });

  it('a support account sees no buttons to change anything', async () => {
    fakePlatform({ status: 200, body: {} });
    renderPage('support');
    await screen.findByRole('heading', { name: 'Lobby hours' });
    await screen.findByText(/Founders Day/);
    expect(screen.queryByRole('button', { name: 'New schedule' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Edit|Delete|Add holiday/ })).toBeNull();
    expect(screen.getByText(/Your account is read-only/)).toBeInTheDocument();
  });

  it('a manager creates one with the business hours quick pick, for a group, skipping a holiday: the body and the preview', async () => {
    const posted = fakePlatform({ status: 200, body: { status: 1, msg: 'ok', schedule: { ...lobby, scheduleid: 2, name: 'Front door' } } });
    const user = renderPage('manager');
    await user.click(await screen.findByRole('button', { name: 'New schedule' }));
    const form = within(screen.getByRole('region', { name: 'New schedule' }));
    await user.type(form.getByRole('textbox', { name: 'Name' }), 'Front door');
    await user.click(form.getByRole('button', { name: /Business hours/ }));
    await user.click(await form.findByRole('checkbox', { name: /Founders Day/ }));
    await user.click(await form.findByRole('checkbox', { name: 'Lobby doors' }));
    const preview = within(form.getByRole('region', { name: 'The next 7 days' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(preview).toEqual([
      'Mon 12-07Unlocked 08:00–18:00',
      'Tue 12-08Unlocked 08:00–18:00',
      'Wed 12-09Holiday: Founders Day',
      'Thu 12-10Unlocked 08:00–18:00',
      'Fri 12-11Unlocked 08:00–18:00',
      'Sat 12-12Locked all day',
      'Sun 12-13Locked all day',
    ]);
    await user.click(form.getByRole('button', { name: 'Create schedule' }));
    await vi.waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toEqual({ name: 'Front door', timezone: 'UTC', windows: [{ days: '12345', from: '08:00', to: '18:00' }], first_person_in: 0, holidayids: [5], lockids: [], groupids: [3] });
  });

  it('a refusal (400) is shown by the field its message names, and what was typed stays', async () => {
    fakePlatform({ status: 400, body: { status: 0, msg: 'timezone must be an IANA time zone such as Europe/Berlin' } });
    const user = renderPage('manager');
    await user.click(await screen.findByRole('button', { name: 'New schedule' }));
    const form = within(screen.getByRole('region', { name: 'New schedule' }));
    await user.type(form.getByRole('textbox', { name: 'Name' }), 'Night');
    const zone = form.getByRole('textbox', { name: 'Time zone' });
    await user.clear(zone);
    await user.type(zone, 'Mars/Olympus');
    await user.click(form.getByRole('button', { name: 'Create schedule' }));
    expect(await form.findByText('timezone must be an IANA time zone such as Europe/Berlin')).toBeInTheDocument();
    expect(zone).toHaveAttribute('aria-invalid', 'true');
    expect(zone).toHaveValue('Mars/Olympus');
  });

  it('names a lock it drives, and a lock the platform does not know by its id', async () => {
    fakePlatform({ status: 200, body: {} }, [{ ...lobby, groupids: [], lockids: ['EM1', 'EM404'] }]);
    renderPage('support');
    const card = within((await screen.findByRole('heading', { name: 'Lobby hours' })).closest('li') as HTMLElement);
    expect(await card.findByRole('link', { name: 'Front door' })).toHaveAttribute('href', '/locks/EM1');
    expect(card.getByRole('link', { name: 'Lock #EM404' })).toHaveAttribute('href', '/locks/EM404');
    expect(card.queryByText(/more$/)).toBeNull();
  });

  it('the edit form lists a chosen lock by the same name as the card', async () => {
    fakePlatform({ status: 200, body: {} }, [{ ...lobby, groupids: [], lockids: ['EM1'] }]);
    const user = renderPage('manager');
    await user.click(await screen.findByRole('button', { name: 'Edit Lobby hours' }));
    const form = within(screen.getByRole('region', { name: 'Edit Lobby hours' }));
    expect(await form.findByRole('checkbox', { name: 'Front door' })).toBeChecked();
  });

  it('a conflict (409) on a holiday’s edit is shown under its fields, and what was typed stays', async () => {
    const sent = fakePlatform({ status: 409, body: { status: 0, msg: 'Founders Day was changed by someone else; reload it first' } });
    const user = renderPage('manager');
    await user.click(await screen.findByRole('button', { name: 'Edit the holiday Founders Day' }));
    const form = within(screen.getByRole('region', { name: 'Edit the holiday Founders Day' }));
    const name = form.getByRole('textbox', { name: 'Name' });
    await user.type(name, ' (observed)');
    await user.click(form.getByRole('button', { name: 'Save holiday' }));
    expect(await form.findByRole('alert')).toHaveTextContent('Founders Day was changed by someone else; reload it first');
    expect(name).toHaveValue('Founders Day (observed)');
    expect(sent).toEqual([{ name: 'Founders Day (observed)', start_date: '2026-12-09', yearly: 0 }]);
  });

  it('is a note, not a failure, without the platform’s schedules', async () => {
    const posted = fakePlatform({ status: 200, body: {} });
    renderPage('manager', { schedules: false });
    expect(await screen.findByRole('heading', { name: 'Schedules are not available' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New schedule' })).toBeNull();
    expect(posted).toEqual([]);
  });
});

describe('the week strip', () => {
  it('says each day in words, an overnight window carried into the next morning', () => {
    render(<WeekStrip windows={[{ days: '12345', from: '08:00', to: '18:00' }, { days: '7', from: '22:00', to: '06:00' }]} label="The week of Lobby hours" />);
    const days = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(days).toEqual([
      'Mon: Unlocked 00:00–06:00, 08:00–18:00',
      'Tue: Unlocked 08:00–18:00',
      'Wed: Unlocked 08:00–18:00',
      'Thu: Unlocked 08:00–18:00',
      'Fri: Unlocked 08:00–18:00',
      'Sat: Locked all day',
      'Sun: Unlocked 22:00–24:00',
    ]);
  });
});
