import { hydrate } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { prerender } from 'react-dom/static';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { inertJson, render, signedInNext } from '@/entry-server';
import { setFormatIntl } from '@/lib/format';
import { startClockAt } from '@/lib/use-now';
import { testAppConfig } from '@/testing/app-config';
import { columnCells } from '@/testing/lock-table';
import { readSsrState } from './boot-ssr';
import { createQueryClient } from './query-client';
import { preloadRoute } from './app-routes';
import { browserIntl } from './hooks/viewer-intl';
import { AppRoot, SSR_STATE_ID } from './root';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const NOW = Date.UTC(2026, 2, 14, 9, 30, 0);

const appConfig = testAppConfig({ lockGroups: false });
const user = { userid: 1, name: 'Demo Manager', email: 'manager@lockboard.local', role: 'manager' as const };

function lockRow(i: number) {
  return {
    lockuserid: 1,
    lockid: `EM${String(i).padStart(6, '0')}`,
    lockname: `Door ${i} <b>&amp;</b>`,
    lock_open_status: i % 3 === 0 ? 1 : 0,
    lock_online_status: i % 4 === 0 ? 0 : 1,
    battery_level: (i * 7) % 100,
    lock_ssid: 'HQ',
    mac_address: null,
    temperature: String(20 + (i % 5)),
    lock_model: 'M1',
    // Minutes before NOW: relative times ("12 minutes ago") must read the same on both sides.
    online_updated_date: new Date(NOW - i * 60_000 * 7).toISOString().slice(0, 19).replace('T', ' '),
    lock_pic: null,
    lockgroups: [],
  };
}

const answers: Record<string, Record<string, unknown>> = {
  '/api/locks?pagenumber=2&limit=25': {
    status: 1,
    msg: '',
    totalCount: 60,
    totalPage: 3,
    currentPage: 2,
    lockslist: Array.from({ length: 25 }, (_, i) => lockRow(i + 26)),
  },
  '/api/locks/summary': { status: 1, msg: '', summary: { total: 60, online: 45, offline: 15, unlocked: 20, lowbattery: 3 } },
};
const getJson = async (path: string) => answers[path] ?? null;

/** The visible markup, without React's Suspense comments (which only the server writes). */
const markup = (html: string) => html.replace(/<!--.*?-->/g, '');

afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('the server renderer (entry-server.tsx)', () => {
  it('renders the locks page of the URL with its rows, and the client renders the same markup from the same data', async () => {
    const rendered = await render({ url: '/locks?page=2', appConfig, user, getJson, now: NOW });
    expect(rendered).not.toBeNull();
    const { html, state } = rendered!;
    expect(html.match(/<tr[^>]*data-lockid=/g)).toHaveLength(25);
    expect(html).toContain('Door 26 &lt;b&gt;&amp;amp;&lt;/b&gt;');

    // The browser's own render (createRoot) from the same cache and the same "now".
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    const container = document.createElement('div');
    document.body.append(container);
    const script = document.createElement('script');
    script.type = 'application/json';
    script.id = SSR_STATE_ID;
    script.textContent = state;
    document.body.append(script);
    const ssr = readSsrState(document)!;
    expect(ssr.now).toBe(NOW);
    const queryClient = createQueryClient();
    hydrate(queryClient, ssr.queries);
    startClockAt(NOW);
    const root = createRoot(container);
    await act(async () => {
      root.render(<AppRoot queryClient={queryClient} pageNow={{ now: NOW }} router={(app) => <MemoryRouter initialEntries={['/locks?page=2']}>{app}</MemoryRouter>} />);
    });
    // The same text and the same rows; useId prefixes and attribute spelling differ between
    // renderers, which hydration (next test) checks node by node.
    const server = document.createElement('div');
    server.innerHTML = html;
    // Except the password cells: the server sends them empty and the browser fills them once
    // mounted (lock-row.tsx): fewer bytes for a column that shows only in a very wide window.
    const passwordCells = columnCells(container, 'password');
    expect(passwordCells).toHaveLength(25);
    for (const cell of passwordCells) expect(cell).toHaveTextContent(/^••••••••Reveal password for /);
    const serverPasswordCells = columnCells(server, 'password');
    expect(serverPasswordCells).toHaveLength(25);
    for (const cell of serverPasswordCells) expect(cell).toBeEmptyDOMElement();
    for (const cell of passwordCells) cell.replaceChildren();
    expect(container.textContent).toBe(server.textContent);
    const ids = (root: Element) => [...root.querySelectorAll('tr[data-lockid]')].map((tr) => tr.getAttribute('data-lockid'));
    expect(ids(container)).toEqual(ids(server));
    expect(ids(container)).toHaveLength(25);
    act(() => root.unmount());
    queryClient.clear();
  });

  it('hydrates its own markup without a mismatch, a recoverable error or a request', async () => {
    const rendered = await render({ url: '/locks?page=2', appConfig, user, getJson, now: NOW, styleNonce: 'page-n0nce' });
    const { html, state } = rendered!;
    // The table's column plan carries the page's style nonce, which the browser reads from the page's meta.
    expect(html).toContain('<style nonce="page-n0nce">');
    document.head.insertAdjacentHTML('beforeend', '<meta property="csp-nonce" nonce="page-n0nce">');
    onTestFinished(() => document.head.querySelector('meta[property="csp-nonce"]')?.remove());
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    document.body.insertAdjacentHTML('beforeend', `<script type="application/json" id="${SSR_STATE_ID}">${state}</script>`);
    // The browser's clock is 1.5 s ahead of the server's: hydration still reads the server's "now".
    const clientNow = NOW + 1_500;
    vi.useFakeTimers({ now: clientNow, toFake: ['Date'] });
    const ssr = readSsrState(document)!;
    const queryClient = createQueryClient();
    hydrate(queryClient, ssr.queries);
    startClockAt(ssr.now);
    const errors: unknown[] = [];
    // Server and client renderers share this test's process (and React's contexts): React's dev-only
    // note about that is not about the page.
    const consoleError = vi.spyOn(console, 'error').mockImplementation((...args) => {
      if (!String(args[0]).startsWith('Detected multiple renderers')) errors.push(args);
    });
    const before = container.innerHTML;
    let root: ReturnType<typeof hydrateRoot> | undefined;
    await act(async () => {
      root = hydrateRoot(
        container,
        <AppRoot queryClient={queryClient} pageNow={{ now: ssr.now }} router={(app) => <MemoryRouter initialEntries={['/locks?page=2']}>{app}</MemoryRouter>} />,
        { onRecoverableError: (error) => errors.push(error) },
      );
    });
    expect(errors).toEqual([]);
    expect(fetchSpy.mock.calls.filter(([url]) => String(url).startsWith('/api/locks'))).toEqual([]);
    // The rows the server wrote are the rows on screen (the same nodes' text).
    expect(markup(container.innerHTML).match(/<tr[^>]*data-lockid=/g)).toHaveLength(25);
    expect(markup(before).match(/data-lockid="[^"]+"/g)).toEqual(markup(container.innerHTML).match(/data-lockid="[^"]+"/g));
    act(() => root?.unmount());
    consoleError.mockRestore();
    fetchSpy.mockRestore();
    queryClient.clear();
  });

  it('renders nothing (the gateway sends the shell, or redirects) for a page without a session, sign-in with one, when the list does not come, or for another route', async () => {
    expect(await render({ url: '/login?next=%2Flocks', appConfig, user, getJson, now: NOW })).toBeNull();
    expect(await render({ url: '/locks', appConfig, user: null, getJson, now: NOW })).toBeNull();
    expect(await render({ url: '/locks', appConfig, user, getJson: async () => null, now: NOW })).toBeNull();
    expect(await render({ url: '/groups', appConfig, user, getJson, now: NOW })).toBeNull();
    expect(await render({ url: '/locks/EM000030/events', appConfig, user, getJson, now: NOW })).toBeNull();
  });
});

/** A server-rendered lock page and Activity: the same markup on both sides, and hydration in one pass. */
const LOCK = lockRow(30);
function eventRow(i: number) {
  return {
    eventid: 9000 - i,
    lockid: i % 2 ? LOCK.lockid : `EM${String(i).padStart(6, '0')}`,
    lockname: i % 2 ? LOCK.lockname : `Door ${i}`,
    event_type: i % 5 === 0 ? 'access_denied' : i % 2 ? 'unlocked' : 'locked',
    reason: i % 5 === 0 ? 'expired' : null,
    userid: i % 3 ? 40 + i : null,
    username: i % 3 ? `Person ${i} <i>` : null,
    method: i % 3 ? 'card' : 'system',
    // Late evening UTC: another day (and hour) in the zones below.
    event_date: new Date(Date.UTC(2026, 2, 13, 23, 50) - i * 3_600_000).toISOString().slice(0, 19).replace('T', ' '),
    battery_level: null,
    actor: null,
  };
}
const grant = {
  grantid: 7,
  userid: 41,
  username: 'Person 1 <i>',
  lockid: LOCK.lockid,
  lockname: LOCK.lockname,
  groupid: null,
  groupname: null,
  method: 'card',
  start_date: null,
  end_date: null,
  weekdays: '12345',
  start_time: '08:00',
  end_time: '18:00',
  status: 'active',
  created_by: 'Demo Manager',
  created_date: '2026-03-01 10:00:00',
  revoked_by: null,
  revoked_date: null,
};

/** What the gateway would answer each read of these pages (the path's query in any order); the reads are recorded. */
function pageAnswers(reads: string[], { failEvents = false } = {}) {
  return async (path: string): Promise<Record<string, unknown> | null> => {
    reads.push(path);
    const url = new URL(path, 'http://x.invalid');
    const q = Object.fromEntries(url.searchParams);
    const list = (field: string, rows: unknown[], totalCount = rows.length) => ({ status: 1, msg: '', totalCount, totalPage: 1, currentPage: 1, [field]: rows });
    if (url.pathname === `/api/locks/${LOCK.lockid}`) return { status: 1, msg: '', lock: LOCK };
    if (url.pathname === `/api/locks/${LOCK.lockid}/events` || url.pathname === '/api/events') {
      if (failEvents && q.limit === '25') return null;
      const rows = Array.from({ length: 25 }, (_, i) => eventRow(i + 1)).filter((e) => !q.type || e.event_type === q.type);
      return list('eventslist', rows.slice(0, Number(q.limit)), 80);
    }
    if (url.pathname === '/api/grants') return list('grantslist', q.status === 'active,scheduled' ? [grant] : []);
    if (url.pathname === '/api/schedules') return list('scheduleslist', []);
    return null;
  };
}

/** The browser side: `html` in a container, its state read as start.tsx reads it, hydrated at `url`. */
async function hydrateAt(url: string, html: string, state: string) {
  // The server renderer leaves the last page's context values (its router's location) on React's
  // shared context objects until its next render; only here, where the browser's renderer shares
  // the process, would hydration read them as an outer router. An empty render puts them back.
  await prerender(<></>);
  const container = document.createElement('div');
  container.innerHTML = html;
  document.body.append(container);
  document.body.insertAdjacentHTML('beforeend', `<script type="application/json" id="${SSR_STATE_ID}">${state}</script>`);
  const ssr = readSsrState(document)!;
  const queryClient = createQueryClient();
  hydrate(queryClient, ssr.queries);
  startClockAt(ssr.now);
  // As start.tsx: numbers and dates in the locale and zone the page was rendered in.
  const renderedIntl = ssr.intl;
  const serverIntl = renderedIntl ? setFormatIntl(() => renderedIntl) : null;
  // Every request is answered here as a server would (the bell's poll with no alert, anything else
  // "not found"): a request that failed to reach a server would set the app probing for one, and its
  // /app-config.json could land in the next test's requests on a busy machine.
  const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation((input) =>
    Promise.resolve(
      String(input).startsWith('/api/team-alerts')
        ? Response.json({ status: 1, msg: '', alertslist: [], notifier: { state: 'running', msg: '', last_poll_date: null } })
        : String(input).startsWith('/api/lockdowns')
          ? Response.json({ status: 1, msg: '', lockdownslist: [] })
          : Response.json({ status: 0, msg: 'Not answered in this test' }, { status: 404 }),
    ),
  );
  const errors: unknown[] = [];
  const consoleError = vi.spyOn(console, 'error').mockImplementation((...args) => {
    if (!String(args[0]).startsWith('Detected multiple renderers')) errors.push(args);
  });
  // As start.tsx: the route's lazy chunk is loaded before hydrating.
  await preloadRoute(new URL(url, 'http://x.invalid').pathname);
  const before = markup(container.innerHTML);
  let root: ReturnType<typeof hydrateRoot> | undefined;
  await act(async () => {
    root = hydrateRoot(
      container,
      <AppRoot queryClient={queryClient} pageNow={{ now: ssr.now }} intl={ssr.intl} router={(app) => <MemoryRouter initialEntries={[url]}>{app}</MemoryRouter>} />,
      { onRecoverableError: (error) => errors.push(error) },
    );
  });
  // Not the page's: the header's alert bell polls the team's open alerts, and the lockdown banner the active
  // lockdowns, once the page is hydrated (layout.tsx).
  const shell = ['/api/team-alerts?state=open', '/api/lockdowns?state=active'];
  // Nor the lock's trends: charts drawn in the browser only, their readings fetched once the page is live (features/trends).
  const clientOnly = (u: string) => shell.includes(u) || /^\/api\/locks\/[^/?]+\/readings\?/.test(u);
  const requests = fetchSpy.mock.calls.map(([u]) => String(u)).filter((u) => !clientOnly(u));
  const done = () => {
    act(() => root?.unmount());
    // This process is the server too: its renderer reads each request's again.
    if (serverIntl) setFormatIntl(serverIntl);
    consoleError.mockRestore();
    fetchSpy.mockRestore();
    queryClient.clear();
  };
  return { container, before, errors, requests, done, ssr };
}

describe('the server renderer: a lock’s page and Activity', () => {
  // A viewer in another zone and locale than this test process: hydration reads the page's own.
  const intl = { timeZone: 'Pacific/Auckland', locale: 'de-DE', zoneKnown: true };

  it('renders a lock’s page with the lock, its history, last refusal and grants, read as the page reads them', async () => {
    const reads: string[] = [];
    const rendered = await render({ url: `/locks/${LOCK.lockid}`, appConfig, user, getJson: pageAnswers(reads), now: NOW, intl });
    expect(rendered).not.toBeNull();
    const page = document.createElement('div');
    page.innerHTML = rendered!.html;
    expect(page.querySelector('h1')?.textContent).toBe(LOCK.lockname);
    expect(page.textContent).toContain('Lock ID');
    expect(page.textContent).toContain(LOCK.lockid);
    expect(page.textContent).toContain('Who has access');
    expect(page.textContent).toContain('Last refused:');
    expect(page.querySelectorAll('tr[data-eventid]')).toHaveLength(25);
    // Times in the viewer's zone and locale (Auckland is 13 hours ahead in March), and the zone named.
    expect(page.textContent).toContain('Times in Pacific/Auckland');
    expect(page.textContent).toContain('14.03.2026, 11:50:00');
    expect(rendered!.html).not.toContain('lock_password');
    expect(reads.sort()).toEqual(
      [
        `/api/locks/${LOCK.lockid}`,
        `/api/locks/${LOCK.lockid}/events?pagenumber=1&limit=25`,
        `/api/locks/${LOCK.lockid}/events?pagenumber=1&limit=1&type=access_denied`,
        `/api/grants?pagenumber=1&limit=25&status=active%2Cscheduled&lockid=${LOCK.lockid}`,
        `/api/grants?pagenumber=1&limit=25&status=expired%2Crevoked&lockid=${LOCK.lockid}`,
        '/api/schedules?pagenumber=1&limit=100',
      ].sort(),
    );
  });

  it('hydrates a lock’s page in one pass: no mismatch, no recoverable error, no request, the same markup', async () => {
    const rendered = await render({ url: `/locks/${LOCK.lockid}`, appConfig, user, getJson: pageAnswers([]), now: NOW, intl });
    vi.useFakeTimers({ now: NOW + 1_500, toFake: ['Date'] });
    const hydrated = await hydrateAt(`/locks/${LOCK.lockid}`, rendered!.html, rendered!.state);
    expect(hydrated.ssr.intl).toEqual({ timeZone: 'Pacific/Auckland', locale: 'de-DE' });
    expect(hydrated.errors).toEqual([]);
    // Nothing the page asks for (the browser's zone differs here: its times then re-render, but no query depends on it).
    expect(hydrated.requests).toEqual([]);
    expect(hydrated.before).toContain('14.03.2026, 11:50:00');
    expect(hydrated.container.querySelectorAll('tr[data-eventid]')).toHaveLength(25);
    expect(hydrated.container.querySelector('h1')?.textContent).toBe(LOCK.lockname);
    hydrated.done();
  });

  it('renders a history that did not come as its loading state, which hydrates as it is (the browser then fetches it)', async () => {
    const rendered = await render({ url: `/locks/${LOCK.lockid}`, appConfig, user, getJson: pageAnswers([], { failEvents: true }), now: NOW, intl });
    expect(rendered).not.toBeNull();
    expect(rendered!.html).not.toContain('data-eventid');
    expect(rendered!.html).not.toContain('could not be loaded');
    const hydrated = await hydrateAt(`/locks/${LOCK.lockid}`, rendered!.html, rendered!.state);
    expect(hydrated.errors).toEqual([]);
    expect(hydrated.requests.filter((u) => u.includes('/events?pagenumber=1&limit=25'))).toHaveLength(1);
    hydrated.done();
  });

  it('sends the shell for a lock the platform does not have (the browser shows its not-found)', async () => {
    expect(await render({ url: '/locks/NOPE', appConfig, user, getJson: pageAnswers([]), now: NOW, intl })).toBeNull();
  });

  it('writes the locks page’s numbers and times in the viewer’s locale and zone, not the server’s, and hydrates them as they are', async () => {
    const url = '/locks?page=2';
    const rendered = await render({ url, appConfig, user, getJson, now: NOW, intl });
    const page = document.createElement('div');
    page.innerHTML = rendered!.html;
    const titles = [...page.querySelectorAll('tbody time[title]')].map((time) => time.getAttribute('title'));
    expect(titles.length).toBeGreaterThan(0);
    // German dates ("1. Jan. 2026, 13:00:00"), Auckland's clock: not this process's en-US in UTC.
    const auckland = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Pacific/Auckland' });
    const first = page.querySelector('tbody time')!;
    expect(first.getAttribute('title')).toBe(auckland.format(Date.parse(first.getAttribute('datetime')!)));
    const hydrated = await hydrateAt(url, rendered!.html, rendered!.state);
    expect(hydrated.errors).toEqual([]);
    expect(hydrated.container.querySelector('tbody time')?.getAttribute('title')).toBe(first.getAttribute('title'));
    hydrated.done();
  });

  it('renders Activity for the URL’s filters (local days in the viewer’s zone) and hydrates it in one pass', async () => {
    const reads: string[] = [];
    const url = '/activity?type=access_denied&from=2026-03-10&to=2026-03-14';
    const rendered = await render({ url, appConfig, user, getJson: pageAnswers(reads), now: NOW, intl });
    expect(rendered).not.toBeNull();
    // Midnight of 10 March in Auckland (UTC+13) is 11:00 UTC the day before.
    expect(reads).toEqual(['/api/events?pagenumber=1&limit=25&type=access_denied&from=2026-03-09+11%3A00%3A00&to=2026-03-14+10%3A59%3A59']);
    const page = document.createElement('div');
    page.innerHTML = rendered!.html;
    expect(page.querySelectorAll('tr[data-eventid]')).toHaveLength(5);
    expect(page.querySelector('h2')?.textContent).toBe('Refused door uses, 10.–14. März');

    // Hydrated in the page's zone and locale (not this process's): no mismatch. Then the
    // browser's own zone takes over (a stale cookie): its days are other instants, fetched then.
    const hydrated = await hydrateAt(url, rendered!.html, rendered!.state);
    expect(hydrated.errors).toEqual([]);
    expect(hydrated.before).toContain('Times in Pacific/Auckland');
    expect(hydrated.requests).toEqual(['/api/events?pagenumber=1&limit=25&type=access_denied&from=2026-03-10+00%3A00%3A00&to=2026-03-14+23%3A59%3A59']);
    hydrated.done();
  });

  it('hydrates Activity rendered in the browser’s own zone and locale without a request, the same markup as the browser renders', async () => {
    const url = '/activity?type=access_denied&from=2026-03-10&to=2026-03-14';
    const own = { ...browserIntl(), zoneKnown: true };
    const rendered = await render({ url, appConfig, user, getJson: pageAnswers([]), now: NOW, intl: own });
    const hydrated = await hydrateAt(url, rendered!.html, rendered!.state);
    expect(hydrated.errors).toEqual([]);
    expect(hydrated.requests).toEqual([]);
    expect(hydrated.container.querySelectorAll('tr[data-eventid]')).toHaveLength(5);
    // The rows on screen are the server's, unchanged (nothing re-rendered them differently).
    const server = document.createElement('div');
    server.innerHTML = hydrated.before;
    expect(markup(hydrated.container.querySelector('tbody')!.innerHTML)).toBe(server.querySelector('tbody')!.innerHTML);
    hydrated.done();
  });

  it('sends the shell for Activity with From/To while the viewer’s zone is only a guess', async () => {
    const guess = { timeZone: 'UTC', locale: 'en-US', zoneKnown: false };
    expect(await render({ url: '/activity?from=2026-03-10', appConfig, user, getJson: pageAnswers([]), now: NOW, intl: guess })).toBeNull();
    expect(await render({ url: '/activity?type=locked', appConfig, user, getJson: pageAnswers([]), now: NOW, intl: guess })).not.toBeNull();
  });

  it('writes its data as inert JSON that cannot close the script element', () => {
    const text = inertJson({ name: '</script><script>alert(1)</script>', sep: '\u2028' });
    expect(text).not.toMatch(/<|>|\u2028/);
    expect(JSON.parse(text)).toEqual({ name: '</script><script>alert(1)</script>', sep: '\u2028' });
  });
});

/** Attributes in name order, without React's Suspense comments: markup compared node by node. */
function canonical(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (!(node instanceof Element)) return '';
  // (A style as the browser reads it: the two renderers space it differently.)
  const value = (a: Attr) => (a.name === 'style' ? (node as HTMLElement).style.cssText : a.value);
  const attributes = [...node.attributes].map((a) => `${a.name}="${value(a)}"`).sort();
  return `<${node.localName} ${attributes.join(' ')}>${[...node.childNodes].map(canonical).join('')}</${node.localName}>`;
}

describe('the server renderer: the sign-in page', () => {
  const url = '/login?next=%2Factivity&reason=expired';

  it('renders the form, the reason’s notice and the demo accounts for a signed-out request; the browser renders the same markup', async () => {
    const rendered = await render({ url, appConfig, user: null, getJson: async () => null, now: NOW });
    expect(rendered).not.toBeNull();
    const server = document.createElement('div');
    server.innerHTML = rendered!.html;
    expect(server.querySelector('h1')?.textContent).toBe('Sign in');
    expect(server.querySelector('label[for="login-email"]')?.textContent).toBe('Email');
    expect(server.querySelector('label[for="login-password"]')?.textContent).toBe('Password');
    expect(server.querySelector('[role="status"]')?.textContent).toBe('Your session has expired. Sign in again to continue.');
    expect(server.textContent).toContain('manager@lockboard.local');
    // Not usable before the app runs: no native submission of a password.
    expect(server.querySelector('button[type="submit"]')).toBeDisabled();
    expect(server.querySelector('form')?.hasAttribute('action')).toBe(false);

    // The browser's own render of the same page from the same state: the same markup, but for the
    // button, which the browser's render has enabled (it is the app's at once).
    await prerender(<></>);
    const container = document.createElement('div');
    document.body.append(container);
    document.body.insertAdjacentHTML('beforeend', `<script type="application/json" id="${SSR_STATE_ID}">${rendered!.state}</script>`);
    const ssr = readSsrState(document)!;
    const queryClient = createQueryClient();
    hydrate(queryClient, ssr.queries);
    await preloadRoute('/login');
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const root = createRoot(container);
    await act(async () => {
      root.render(<AppRoot queryClient={queryClient} pageNow={{ now: null }} router={(app) => <MemoryRouter initialEntries={[url]}>{app}</MemoryRouter>} />);
    });
    // Who is signed in (nobody) and the settings came with the page: nothing is asked.
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(container.querySelector('button[type="submit"]')).toBeEnabled();
    server.querySelector('button[type="submit"]')!.removeAttribute('disabled');
    expect(canonical(container)).toBe(canonical(server));
    act(() => root.unmount());
    fetchSpy.mockRestore();
    queryClient.clear();
  });

  it('hydrates without a mismatch; what was typed before stays, and the submit sends it', async () => {
    const rendered = await render({ url, appConfig, user: null, getJson: async () => null, now: NOW });
    const { html, state } = rendered!;
    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    document.body.insertAdjacentHTML('beforeend', `<script type="application/json" id="${SSR_STATE_ID}">${state}</script>`);
    // Typed into the server's markup before the app has hydrated.
    const email = container.querySelector<HTMLInputElement>('#login-email')!;
    const password = container.querySelector<HTMLInputElement>('#login-password')!;
    email.value = 'manager@lockboard.local';
    password.value = 'typed-early';
    await prerender(<></>);
    const ssr = readSsrState(document)!;
    const queryClient = createQueryClient();
    hydrate(queryClient, ssr.queries);
    await preloadRoute('/login');
    const errors: unknown[] = [];
    const consoleError = vi.spyOn(console, 'error').mockImplementation((...args) => {
      if (!String(args[0]).startsWith('Detected multiple renderers')) errors.push(args);
    });
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify({ status: 0, msg: 'Invalid email or password' }), { status: 401 }));
    let root: ReturnType<typeof hydrateRoot> | undefined;
    await act(async () => {
      root = hydrateRoot(container, <AppRoot queryClient={queryClient} pageNow={{ now: ssr.now }} router={(app) => <MemoryRouter initialEntries={[url]}>{app}</MemoryRouter>} />, {
        onRecoverableError: (error) => errors.push(error),
      });
    });
    expect(errors).toEqual([]);
    expect(fetchSpy).not.toHaveBeenCalled();
    // The same nodes, still holding what was typed; the button now works.
    expect(container.querySelector('#login-email')).toBe(email);
    expect(email.value).toBe('manager@lockboard.local');
    expect(password.value).toBe('typed-early');
    const submit = container.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(submit).toBeEnabled();

    await act(async () => submit.click());
    const logins = fetchSpy.mock.calls.filter(([u]) => String(u) === '/api/login');
    expect(logins).toHaveLength(1);
    expect(JSON.parse(String(logins[0]![1]?.body))).toEqual({ email: 'manager@lockboard.local', password: 'typed-early' });
    // A wrong password is cleared and focused for the next try; the email stays.
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('Invalid email or password');
    expect(password.value).toBe('');
    expect(document.activeElement).toBe(password);
    expect(email.value).toBe('manager@lockboard.local');
    act(() => root?.unmount());
    consoleError.mockRestore();
    fetchSpy.mockRestore();
    queryClient.clear();
  });

  it('sends a signed-in request on to its `next`, a path of this app only, as a clean Location', () => {
    expect(signedInNext('?next=%2Factivity%3Fq%3Dx')).toBe('/activity?q=x');
    expect(signedInNext('')).toBe('/locks');
    for (const elsewhere of ['//evil.example', '/\\evil.example', 'https://evil.example', '/login?next=/x']) {
      expect(signedInNext(`?${new URLSearchParams({ next: elsewhere })}`), elsewhere).toBe('/locks');
    }
    expect(signedInNext(`?${new URLSearchParams({ next: '/locks\r\nSet-Cookie: a=b' })}`)).toBe('/locks%0D%0ASet-Cookie:%20a=b');
    expect(signedInNext(`?${new URLSearchParams({ next: '/locks?q=Tür\\x' })}`)).toBe('/locks?q=T%C3%BCr%5Cx');
    // Not UTF-8: read as replacement characters, which stay in the path.
    expect(signedInNext('?next=/%ED%A0%80')).toBe('/%EF%BF%BD%EF%BF%BD%EF%BF%BD');
  });
});
