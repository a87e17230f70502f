import { hydrate } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '@contract/app-config';
import { inertJson, render } from '@/entry-server';
import { startClockAt } from '@/lib/use-now';
import { readSsrState } from './boot-ssr';
import { createQueryClient } from './query-client';
import { AppRoot, SSR_STATE_ID } from './root';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const NOW = Date.UTC(2026, 2, 14, 9, 30, 0);

const appConfig: AppConfig = {
  mode: 'embedded',
  pollIntervalMs: 10_000,
  offlineAlertAfterS: 300,
  timezone: 'UTC',
  upstreamOrigin: null,
  features: {
    lockFilters: true,
    lockSorting: true,
    lockSummary: true,
    lockDetail: true,
    lockCommands: true,
    timedUnlock: true,
    eventHistory: true,
    eventFeed: true,
    lockGroups: false,
    access: true,
  },
};
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
    expect(container.textContent).toBe(server.textContent);
    const ids = (root: Element) => [...root.querySelectorAll('tr[data-lockid]')].map((tr) => tr.getAttribute('data-lockid'));
    expect(ids(container)).toEqual(ids(server));
    expect(ids(container)).toHaveLength(25);
    act(() => root.unmount());
    queryClient.clear();
  });

  it('hydrates its own markup without a mismatch, a recoverable error or a request', async () => {
    const rendered = await render({ url: '/locks?page=2', appConfig, user, getJson, now: NOW });
    const { html, state } = rendered!;
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

  it('renders nothing (the gateway sends the shell) without a session, when the list does not come, or for another route', async () => {
    expect(await render({ url: '/login?next=%2Flocks', appConfig, user: null, getJson, now: NOW })).toBeNull();
    expect(await render({ url: '/locks', appConfig, user: null, getJson, now: NOW })).toBeNull();
    expect(await render({ url: '/locks', appConfig, user, getJson: async () => null, now: NOW })).toBeNull();
    expect(await render({ url: '/activity', appConfig, user, getJson, now: NOW })).toBeNull();
  });

  it('writes its data as inert JSON that cannot close the script element', () => {
    const text = inertJson({ name: '</script><script>alert(1)</script>', sep: '\u2028' });
    expect(text).not.toMatch(/<|>|\u2028/);
    expect(JSON.parse(text)).toEqual({ name: '</script><script>alert(1)</script>', sep: '\u2028' });
  });
});
