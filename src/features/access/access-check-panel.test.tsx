import { QueryClient } from '@tanstack/react-query';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appConfigQuery } from '@/api/app-config';
import { testAppConfig } from '@/testing/app-config';
import { renderAt } from '@/testing/render';
import { AccessCheckPanel, type CheckSubject } from './access-check-panel';

const list = (key: string, rows: unknown[]) => ({ status: 1, msg: 'ok', [key]: rows, totalCount: rows.length, totalPage: 1, currentPage: 1 });
const yes = { allowed: 1, reason: null, grantid: 12, roleid: 2, rolename: 'Night shift', explanation: 'Allowed by grant #12 from role Night shift (Mon–Fri 22:00–06:00)' };
const no = { allowed: 0, reason: 'outside_hours', grantid: null, roleid: null, rolename: null, explanation: 'Grant #12 covers Mon–Fri 22:00–06:00 only' };

/** The gateway, faked at fetch: the searches answer; every access check asked is recorded and answers `check`. */
function fakeGateway(check: unknown) {
  const asked: string[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL) => {
    const url = String(input);
    const json = (body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
    if (url.startsWith('/api/access-check')) {
      asked.push(url);
      return json({ status: 1, msg: 'ok', check });
    }
    if (url.startsWith('/api/locks')) return json(list('lockslist', [{ lockid: 'EM1', lockname: 'Loading dock' }]));
    if (url.startsWith('/api/people')) return json(list('peoplelist', [{ userid: 7, username: 'Jamal Carter' }]));
    return Promise.resolve(new Response('{}', { status: 404 }));
  });
  return asked;
}

function renderPanel(subject: CheckSubject, accessCheck = true) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(appConfigQuery.queryKey, testAppConfig({ accessCheck }));
  renderAt(<AccessCheckPanel subject={subject} />, { client });
  return userEvent.setup();
}

afterEach(() => vi.unstubAllGlobals());

describe('“Can this person open this door now?”', { timeout: 30_000 }, () => {
  it('on a person’s page: choose a lock, and the answer is a Yes in words with the grant and role that allow it', async () => {
    const asked = fakeGateway(yes);
    const user = renderPanel({ userid: 7, name: 'Jamal Carter' });
    const panel = within(screen.getByRole('region', { name: 'Can Jamal Carter open this door now?' }));
    // Part of the page, not a form just opened: it leaves the focus (and the scroll) where the page put them.
    expect(panel.getByRole('searchbox', { name: 'Find a lock' })).not.toHaveFocus();
    await user.click(panel.getByRole('button', { name: 'Check' }));
    expect(panel.getByText('Choose a lock first.')).toBeInTheDocument();
    await user.type(panel.getByRole('searchbox', { name: 'Find a lock' }), 'dock');
    await user.click(await panel.findByRole('radio', { name: 'Loading dock' }));
    await user.click(panel.getByRole('button', { name: 'Check' }));
    expect(await panel.findByText('Jamal Carter can open Loading dock now.')).toBeInTheDocument();
    expect(panel.getByText('Yes')).toBeInTheDocument();
    expect(panel.getByText('Allowed by grant #12 from role Night shift (Mon–Fri 22:00–06:00)')).toBeInTheDocument();
    expect(asked).toEqual(['/api/access-check?userid=7&lockid=EM1']);
  });

  it('on a lock’s page: choose a person, a method and a moment; a No says why', async () => {
    const asked = fakeGateway(no);
    const user = renderPanel({ lockid: 'EM1', name: 'Loading dock' });
    const panel = within(screen.getByRole('region', { name: 'Can this person open this door now?' }));
    await user.type(panel.getByRole('searchbox', { name: 'Find a person' }), 'Jamal');
    await user.click(await panel.findByRole('radio', { name: 'Jamal Carter' }));
    await user.selectOptions(panel.getByRole('combobox', { name: /Method/ }), 'keypad');
    const at = panel.getByLabelText(/^At/);
    await user.type(at, '2026-12-08T14:00');
    await user.click(panel.getByRole('button', { name: 'Check' }));
    expect(await panel.findByText('Jamal Carter cannot open Loading dock with keypad code at 2026-12-08 14:00.')).toBeInTheDocument();
    expect(panel.getByText('No')).toBeInTheDocument();
    expect(panel.getByText('Reason: Outside allowed hours')).toBeInTheDocument();
    expect(asked).toEqual(['/api/access-check?userid=7&lockid=EM1&method=keypad&at=2026-12-08+14%3A00%3A00']);
  });

  it('is not shown without the platform’s access check', () => {
    fakeGateway(yes);
    renderPanel({ userid: 7, name: 'Jamal Carter' }, false);
    expect(screen.queryByRole('region')).toBeNull();
  });
});
