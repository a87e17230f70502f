import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TeamAlert } from '@contract/team-alerts';
import { renderAt } from '@/testing/render';
import { startTestServer } from '@/testing/test-server';
import { Toaster } from '@/components/toaster';
import { AlertsHeader } from './alerts-header';
import { AlertsPage } from './alerts-page';

/**
 * The page meets the real gateway and platform (session, settings) in this process. The gateway's
 * team-alert routes are another engineer's work and not in this branch: a stand-in answers those
 * paths alone (GET/POST /api/team-alerts…, GET /api/deliveries), holding the alerts in memory.
 */
const SLOW = { timeout: 10_000 };

function alertRow(alertid: number, fields: Partial<TeamAlert> = {}): TeamAlert {
  return {
    alertid,
    ruleid: 1,
    kind: 'offline',
    severity: 'warning',
    title: `Alert ${alertid}`,
    detail: `Detail ${alertid}`,
    lockid: `EM${String(alertid).padStart(6, '0')}`,
    lockname: `Door ${alertid}`,
    groupid: null,
    lockids: [],
    opened_date: '2026-12-06 21:00:00',
    updated_date: '2026-12-06 21:00:00',
    closed_date: null,
    closed_reason: null,
    acked_by: null,
    acked_date: null,
    ack_note: null,
    escalated: 0,
    read: 0,
    ...fields,
  };
}

class TeamAlertsDouble {
  alerts: TeamAlert[] = [];
  notifier = { state: 'running', msg: 'Watching the event feed', last_poll_date: null as string | null };
  deliveries: Record<string, unknown>[] = [];
  posts: { path: string; body: unknown }[] = [];

  handles(path: string): boolean {
    return path.startsWith('/api/team-alerts') || path.startsWith('/api/deliveries');
  }

  answer(path: string, init: RequestInit | undefined): Response {
    const url = new URL(path, 'http://x');
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
    const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
    if ((init?.method ?? 'GET') === 'POST') this.posts.push({ path: url.pathname, body });
    if (url.pathname === '/api/deliveries') return json({ status: 1, msg: '', deliverieslist: this.deliveries.filter((d) => String(d.alertid) === url.searchParams.get('alertid')) });
    if (url.pathname === '/api/team-alerts/read') {
      for (const a of this.alerts) if (body.all === true || (body.alertids as number[]).includes(a.alertid)) a.read = 1;
      return json({ status: 1, msg: '' });
    }
    const ack = /^\/api\/team-alerts\/(\d+)\/ack$/.exec(url.pathname);
    if (ack) return this.ack(Number(ack[1]), body.note, json);
    if (url.searchParams.get('state') === 'open') return json({ status: 1, msg: '', alertslist: this.alerts.filter((a) => !a.closed_date), notifier: this.notifier });
    const before = Number(url.searchParams.get('beforeid') ?? Infinity);
    const newest = [...this.alerts].sort((a, b) => b.alertid - a.alertid).filter((a) => a.alertid < before);
    return json({ status: 1, msg: '', alertslist: newest.slice(0, Number(url.searchParams.get('limit') ?? 25)) });
  }

  private ack(alertid: number, note: unknown, json: (value: unknown, status?: number) => Response) {
    const alert = this.alerts.find((a) => a.alertid === alertid);
    if (!alert) return json({ status: 0, msg: 'No such alert' }, 404);
    if (alert.acked_by) return json({ status: 0, msg: `Already acknowledged by ${alert.acked_by.name}`, alert }, 409);
    Object.assign(alert, { acked_by: { userid: 1, name: 'Demo Manager' }, acked_date: '2026-12-06 21:14:00', ack_note: typeof note === 'string' ? note : null });
    return json({ status: 1, msg: '', alert });
  }

  /** Puts the stand-in in front of the test server's fetch; returns the undo. */
  install(): () => void {
    const inner = globalThis.fetch;
    globalThis.fetch = (input, init) =>
      typeof input === 'string' && this.handles(input) ? Promise.resolve(this.answer(input, init)) : inner(input, init);
    return () => {
      globalThis.fetch = inner;
    };
  }
}

const double = new TeamAlertsDouble();
const item = (title: string) => screen.getByRole('listitem', { name: title });

function seed() {
  double.alerts = [
    alertRow(3, { severity: 'critical', kind: 'left-unlocked', title: 'Server Room left unlocked', escalated: 1 }),
    alertRow(2, { title: 'Lobby offline', acked_by: { userid: 9, name: 'Ana' }, acked_date: '2026-12-06 21:14:00', ack_note: 'Calling the installer', read: 1 }),
    alertRow(1, { title: 'Garage offline', closed_date: '2026-12-06 21:30:00', closed_reason: 'resolved', read: 1 }),
  ];
  double.notifier = { state: 'running', msg: 'Watching', last_poll_date: null };
  double.posts = [];
}

describe('the team inbox, as a manager', { timeout: 30_000 }, () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let uninstall: () => void;
  beforeAll(async () => {
    server = await startTestServer({ POLL_INTERVAL_MS: '60000' });
    uninstall = double.install();
  });
  afterAll(async () => {
    uninstall();
    await server.close();
  });
  beforeEach(seed);

  it('lists the open alerts worst first, then the history, and marks nothing read on opening', async () => {
    renderAt(<AlertsPage />, { url: '/alerts' });
    const open = await screen.findByRole('region', { name: /Open alerts/ }, SLOW);
    const titles = within(open).getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(titles).toEqual(['Server Room left unlocked', 'Lobby offline']);
    const critical = item('Server Room left unlocked');
    expect(critical).toHaveTextContent('Critical');
    expect(critical).toHaveTextContent('New');
    expect(critical).toHaveTextContent('Escalated');
    expect(within(critical).getByRole('link', { name: 'Door 3' })).toHaveAttribute('href', '/locks/EM000003');
    // When it opened, as a <time> (its words depend on today: "3 min ago", or a date once a day old).
    expect(critical.querySelector('time[datetime="2026-12-06T21:00:00Z"]')).not.toBeNull();
    expect(item('Lobby offline')).toHaveTextContent(/Acknowledged by Ana at .*21:14.* — Calling the installer/);
    expect(item('Lobby offline')).not.toHaveTextContent('New');
    const history = screen.getByRole('region', { name: 'History' });
    await waitFor(() => expect(within(history).getByRole('listitem', { name: 'Garage offline' })).toHaveTextContent(/Resolved at/), SLOW);
    expect(within(history).queryByRole('listitem', { name: 'Lobby offline' })).toBeNull();
    expect(screen.getByRole('navigation', { name: 'Alert settings' })).toHaveTextContent('RulesContactsOutbox');
    expect(screen.queryByRole('region', { name: 'Alert watching' })).toBeNull();
    expect(double.posts).toEqual([]);
  });

  it('marks one alert read, then all', async () => {
    const user = userEvent.setup();
    double.alerts.push(alertRow(4, { title: 'Dock offline' }));
    renderAt(<AlertsPage />, { url: '/alerts' });
    await user.click(await screen.findByRole('button', { name: 'Mark read: Dock offline' }, SLOW));
    await waitFor(() => expect(item('Dock offline')).not.toHaveTextContent('New'), SLOW);
    // The button went away: the focus is on its alert, not lost to the page.
    expect(document.activeElement).toBe(within(item('Dock offline')).getByRole('heading', { name: 'Dock offline' }));
    expect(item('Server Room left unlocked')).toHaveTextContent('New');
    expect(double.posts).toEqual([{ path: '/api/team-alerts/read', body: { alertids: [4] } }]);
    await user.click(screen.getByRole('button', { name: 'Mark all read' }));
    await waitFor(() => expect(item('Server Room left unlocked')).not.toHaveTextContent('New'), SLOW);
    expect(double.posts[1]).toEqual({ path: '/api/team-alerts/read', body: { all: true } });
    expect(screen.getByRole('button', { name: 'Mark all read' })).toBeDisabled();
  });

  it('acknowledges with a note, and the row says who and when', async () => {
    const user = userEvent.setup();
    renderAt(<AlertsPage />, { url: '/alerts' });
    await user.click(await screen.findByRole('button', { name: 'Acknowledge: Server Room left unlocked' }, SLOW));
    // jsdom has no showModal(): the dialog is there, but not "open" to the accessibility tree.
    const dialog = screen.getByRole('dialog', { hidden: true });
    expect(within(dialog).getByRole('heading', { hidden: true })).toHaveTextContent('Acknowledge: Server Room left unlocked');
    await user.type(within(dialog).getByRole('textbox', { name: 'Note (optional)', hidden: true }), 'Guard sent');
    await user.click(within(dialog).getByRole('button', { name: 'Acknowledge', hidden: true }));
    await waitFor(() => expect(item('Server Room left unlocked')).toHaveTextContent(/Acknowledged by Demo Manager at .*21:14.* — Guard sent/), SLOW);
    expect(screen.queryByRole('dialog', { hidden: true })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Acknowledge: Server Room left unlocked' })).toBeNull();
    expect(double.posts).toEqual([{ path: '/api/team-alerts/3/ack', body: { note: 'Guard sent' } }]);
  });

  it('says who acknowledged first when another manager was quicker', async () => {
    const user = userEvent.setup();
    renderAt(<AlertsPage />, { url: '/alerts' });
    const button = await screen.findByRole('button', { name: 'Acknowledge: Server Room left unlocked' }, SLOW);
    Object.assign(double.alerts[0]!, { acked_by: { userid: 9, name: 'Ana' }, acked_date: '2026-12-06 21:20:00', ack_note: 'Mine' });
    await user.click(button);
    await user.click(within(screen.getByRole('dialog', { hidden: true })).getByRole('button', { name: 'Acknowledge', hidden: true }));
    expect(await screen.findByText(/Ana acknowledged it first at .*21:20.* — Mine\./, {}, SLOW)).toBeInTheDocument();
    await waitFor(() => expect(item('Server Room left unlocked')).toHaveTextContent(/Acknowledged by Ana/), SLOW);
  });

  it('shows an alert’s delivery log in its disclosure', async () => {
    const user = userEvent.setup();
    double.deliveries = [
      { deliveryid: 1, messageid: 'm1', alertid: 3, contactid: 5, channel: 'webhook', attempt: 2, state: 'retrying', status_code: 503, detail: 'Service Unavailable', date: '2026-12-06 21:03:00', next_attempt_date: null },
      { deliveryid: 2, messageid: 'm2', alertid: 3, contactid: 6, channel: 'email', attempt: 1, state: 'sent', status_code: 250, detail: 'Accepted', date: '2026-12-06 21:03:01', next_attempt_date: null },
    ];
    renderAt(<AlertsPage />, { url: '/alerts' });
    await user.click(within(await screen.findByRole('listitem', { name: 'Server Room left unlocked' }, SLOW)).getByText('Deliveries'));
    const table = await screen.findByRole('table', { name: 'Deliveries of this alert' }, SLOW);
    const rows = within(table).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^WebhookContact 5Retrying \(attempt 2\)503.*Service Unavailable$/);
    expect(rows[1]).toMatch(/^E-mailContact 6Sent250.*Accepted$/);
  });

  it('pages the history with "Load more"', async () => {
    const user = userEvent.setup();
    double.alerts = Array.from({ length: 30 }, (_, i) => alertRow(i + 1, { closed_date: '2026-12-06 22:00:00', closed_reason: 'resolved', read: 1 }));
    renderAt(<AlertsPage />, { url: '/alerts' });
    const history = await screen.findByRole('region', { name: 'History' }, SLOW);
    await waitFor(() => expect(within(history).getAllByRole('listitem')).toHaveLength(25), SLOW);
    expect(screen.getByText('Nothing is open. New alerts appear here as they happen.')).toBeInTheDocument();
    await user.click(within(history).getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(history).getAllByRole('listitem')).toHaveLength(30), SLOW);
    expect(within(history).getAllByRole('heading', { level: 3 }).at(-1)).toHaveTextContent('Alert 1');
    expect(within(history).queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('says when alerts are not being watched, and still lists them', async () => {
    double.notifier = { state: 'unavailable', msg: 'No service account: set PLUS_SERVICE_EMAIL', last_poll_date: null };
    renderAt(<AlertsPage />, { url: '/alerts' });
    const notice = await screen.findByRole('region', { name: 'Alert watching' }, SLOW);
    expect(notice).toHaveTextContent('Alerts are not being watched: No service account: set PLUS_SERVICE_EMAIL');
    expect(item('Server Room left unlocked')).toBeInTheDocument();
  });
});

describe('the team inbox, as support', { timeout: 30_000 }, () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let uninstall: () => void;
  beforeAll(async () => {
    server = await startTestServer({ POLL_INTERVAL_MS: '60000' }, 'support');
    uninstall = double.install();
  });
  afterAll(async () => {
    uninstall();
    await server.close();
  });
  beforeEach(seed);

  it('reads the alerts and marks them read, but cannot acknowledge or read deliveries', async () => {
    const user = userEvent.setup();
    renderAt(<AlertsPage />, { url: '/alerts' });
    const critical = await screen.findByRole('listitem', { name: 'Server Room left unlocked' }, SLOW);
    expect(within(critical).queryByRole('button', { name: /Acknowledge/ })).toBeNull();
    expect(within(critical).queryByText('Deliveries')).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'Alert settings' })).toBeNull();
    expect(item('Lobby offline')).toHaveTextContent('Acknowledged by Ana');
    await user.click(within(critical).getByRole('button', { name: 'Mark read: Server Room left unlocked' }));
    await waitFor(() => expect(double.posts).toEqual([{ path: '/api/team-alerts/read', body: { alertids: [3] } }]), SLOW);
  });
});

describe('the bell and the toasts', { timeout: 30_000 }, () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let uninstall: () => void;
  beforeAll(async () => {
    // Polls every second: new alerts arrive by the header's own poll.
    server = await startTestServer({ POLL_INTERVAL_MS: '1000' });
    uninstall = double.install();
  });
  afterAll(async () => {
    uninstall();
    await server.close();
  });
  beforeEach(seed);

  it('counts unread open alerts, toasts only what a poll brings, and one toast for a storm', async () => {
    double.alerts.push(alertRow(5, { title: 'Old but unread', closed_date: '2026-12-06 22:00:00' }));
    renderAt(
      <>
        <AlertsHeader />
        <Toaster />
      </>,
    );
    const bell = await screen.findByRole('link', { name: 'Alerts, 1 unread' }, SLOW);
    expect(bell).toHaveAttribute('href', '/alerts');
    const toasts = screen.getByRole('region', { name: 'Notifications' });
    expect(toasts.textContent).toBe('');

    double.alerts.push(alertRow(10, { severity: 'critical', title: 'Cold store left unlocked', kind: 'left-unlocked' }));
    await waitFor(() => expect(toasts).toHaveTextContent('Cold store left unlocked'), SLOW);
    expect(within(toasts).getByRole('link', { name: 'Open the lock' })).toHaveAttribute('href', '/locks/EM000010');
    expect(screen.getByRole('status')).toHaveTextContent('New alert: Cold store left unlocked');
    expect(screen.getByRole('link', { name: 'Alerts, 2 unread' })).toBeInTheDocument();
    expect(toasts).not.toHaveTextContent('Server Room left unlocked');

    double.alerts.push(...[11, 12, 13, 14].map((id) => alertRow(id, { title: `Storm ${id}` })));
    await waitFor(() => expect(toasts).toHaveTextContent('4 new alerts'), SLOW);
    expect(toasts).not.toHaveTextContent('Storm 11');
    expect(screen.getByRole('status')).toHaveTextContent('4 new alerts');
    expect(screen.getByRole('link', { name: 'Alerts, 6 unread' })).toBeInTheDocument();
  });

  it('holds the inbox\'s rows while live updates are paused, showing each row\'s latest state', async () => {
    const user = userEvent.setup();
    renderAt(<AlertsPage />, { url: '/alerts' });
    await user.click(await screen.findByRole('button', { name: 'Pause live updates' }, SLOW));
    double.alerts.push(alertRow(20, { severity: 'critical', title: 'Arrived while paused' }));
    Object.assign(double.alerts[0]!, { acked_by: { userid: 9, name: 'Ana' }, acked_date: '2026-12-06 21:20:00' });
    await waitFor(() => expect(item('Server Room left unlocked')).toHaveTextContent('Acknowledged by Ana'), SLOW);
    expect(screen.queryByRole('listitem', { name: 'Arrived while paused' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Resume live updates' }));
    expect(await screen.findByRole('listitem', { name: 'Arrived while paused' }, SLOW)).toHaveTextContent('Critical');
  });
});
