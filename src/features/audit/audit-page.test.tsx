import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditRecord, AuditVerifyResponse } from '@contract/audit';
import { appConfigQuery } from '@/api/app-config';
import { sessionQueries } from '@/api/session';
import { createQueryClient } from '@/app/query-client';
import { testAppConfig } from '@/testing/app-config';
import { location, renderAt } from '@/testing/render';
import { startTestServer } from '@/testing/test-server';
import { AuditPage } from './audit-page';

/**
 * The page meets the real gateway and platform (session, settings, groups) in this process. The
 * gateway's audit routes are another engineer's work and not in this branch: a stand-in answers
 * those paths alone (GET /api/audit, /api/audit/verify), filtering and paging the records it holds
 * as the contract says, and records every request.
 */
const SLOW = { timeout: 10_000 };

function auditRow(auditid: number, fields: Partial<AuditRecord> = {}): AuditRecord {
  return {
    auditid,
    date: '2026-12-06 21:14:05',
    userid: 1,
    username: 'Demo Manager',
    email: 'manager@lockboard.local',
    role: 'manager',
    action: 'sign-in',
    lockid: null,
    lockname: null,
    groupid: null,
    groupname: null,
    grantid: null,
    personid: null,
    personname: null,
    command: null,
    count: null,
    result: 'ok',
    detail: null,
    ip: '127.0.0.1',
    prev_hash: '0'.repeat(64),
    hash: '1'.repeat(64),
    ...fields,
  };
}

const MATCHES: Record<string, (r: AuditRecord, value: string) => boolean> = {
  userid: (r, v) => String(r.userid) === v,
  action: (r, v) => v.split(',').includes(r.action),
  lockid: (r, v) => r.lockid === v,
  groupid: (r, v) => String(r.groupid) === v,
  personid: (r, v) => String(r.personid) === v,
  result: (r, v) => r.result === v,
  from: (r, v) => r.date >= v,
  to: (r, v) => r.date <= v,
};

class AuditDouble {
  records: AuditRecord[] = [];
  verdict: AuditVerifyResponse = { status: 1, msg: '', ok: 1, checked: 0, first_bad_auditid: null, first_bad_why: null };
  failure: { status: number; msg: string } | null = null;
  requests: URL[] = [];

  answer(path: string): Response {
    const url = new URL(path, 'http://x');
    this.requests.push(url);
    const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
    if (this.failure) return json({ status: 0, msg: this.failure.msg }, this.failure.status);
    if (url.pathname === '/api/audit/verify') return json(this.verdict);
    const before = Number(url.searchParams.get('beforeid') ?? Infinity);
    const matching = this.records
      .filter((r) => r.auditid < before && [...url.searchParams].every(([key, value]) => !MATCHES[key] || MATCHES[key](r, value)))
      .sort((a, b) => b.auditid - a.auditid);
    return json({ status: 1, msg: '', auditlist: matching.slice(0, Number(url.searchParams.get('limit') ?? 50)) });
  }

  listRequests(): URLSearchParams[] {
    return this.requests.filter((u) => u.pathname === '/api/audit').map((u) => u.searchParams);
  }

  install(): () => void {
    const inner = globalThis.fetch;
    globalThis.fetch = (input, init) =>
      typeof input === 'string' && input.startsWith('/api/audit') ? Promise.resolve(this.answer(input)) : inner(input, init);
    return () => {
      globalThis.fetch = inner;
    };
  }
}

const double = new AuditDouble();
const records = () => within(screen.getByRole('list', { name: 'Audit records' })).getAllByRole('listitem');

function seed() {
  double.records = [
    auditRow(1, { action: 'sign-in', date: '2026-12-06 21:00:00' }),
    auditRow(2, { action: 'lock-command', command: 'unlock', lockid: 'EM000002', lockname: 'HQ · Lobby', date: '2026-12-06 21:01:00' }),
    auditRow(3, { action: 'password-reveal', lockid: 'EM000001', lockname: 'HQ · Server room', date: '2026-12-06 21:02:00' }),
    auditRow(4, { action: 'grant', lockid: 'EM000001', lockname: 'HQ · Server room', personid: 7, personname: 'Pedro', grantid: 12, date: '2026-12-06 21:03:00' }),
    auditRow(5, { action: 'lock-command', command: 'unlock', lockid: 'EM000001', lockname: 'HQ · Server room', result: 'failed', detail: 'The lock is offline', date: '2026-12-06 21:04:00' }),
    auditRow(6, { action: 'sign-in-failed', userid: null, username: null, role: null, email: 'mallory@example.com', result: 'denied', date: '2026-12-06 21:05:00' }),
  ];
  double.verdict = { status: 1, msg: '', ok: 1, checked: 6, first_bad_auditid: null, first_bad_why: null };
  double.failure = null;
  double.requests = [];
}

describe('the audit trail, as a manager', { timeout: 30_000 }, () => {
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

  it('tells each record in words, newest first, with failures and refusals said in words and UTC on hover', async () => {
    renderAt(<AuditPage />, { url: '/audit' });
    await screen.findByRole('list', { name: 'Audit records' }, SLOW);
    const texts = records().map((li) => li.querySelector('p')?.textContent);
    expect(texts).toEqual([
      'A sign-in as mallory@example.com failedDenied',
      'Demo Manager tried to unlock HQ · Server roomFailed',
      'Demo Manager gave Pedro access to HQ · Server room',
      'Demo Manager revealed the password of HQ · Server room',
      'Demo Manager unlocked HQ · Lobby',
      'Demo Manager signed in',
    ]);
    expect(records()[1]).toHaveTextContent('The lock is offline');
    const time = within(records()[2]!).getByText((_, el) => el?.tagName === 'TIME');
    expect(time).toHaveAttribute('title', '2026-12-06 21:03:00 UTC');
    expect(time).toHaveAttribute('dateTime', '2026-12-06T21:03:00.000Z');
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', '/api/audit/export.csv');
  });

  it('opens from a lock’s or a person’s link with its filter, asks the server for exactly that, and exports the same', async () => {
    renderAt(<AuditPage />, { url: '/audit?lockid=EM000001&personid=7' });
    await waitFor(() => expect(records().map((li) => li.dataset.auditid)).toEqual(['4']), SLOW);
    expect(screen.getByText(/Only records about/)).toHaveTextContent('Only records about Pedro');
    expect(screen.getByLabelText('Lock ID')).toHaveValue('EM000001');
    expect(Object.fromEntries(double.listRequests()[0]!)).toEqual({ lockid: 'EM000001', personid: '7', limit: '50' });
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', '/api/audit/export.csv?lockid=EM000001&personid=7');
  });

  it('filters by action, person and result, keeping them in the address', async () => {
    const user = userEvent.setup();
    renderAt(<AuditPage />, { url: '/audit' });
    await screen.findByRole('list', { name: 'Audit records' }, SLOW);
    await user.selectOptions(screen.getByLabelText('Action'), 'Lock password revealed');
    await waitFor(() => expect(records().map((li) => li.dataset.auditid)).toEqual(['3']), SLOW);
    expect(location.current).toBe('/audit?action=password-reveal');
    await user.selectOptions(screen.getByLabelText('Action'), 'Every action');
    await user.selectOptions(screen.getByLabelText('Result'), 'Failed');
    await waitFor(() => expect(records().map((li) => li.dataset.auditid)).toEqual(['5']), SLOW);
    await user.selectOptions(screen.getByLabelText('Who'), 'Demo Manager');
    expect(location.current).toBe('/audit?userid=1&result=failed');
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', '/api/audit/export.csv?userid=1&result=failed');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(records()).toHaveLength(6), SLOW);
    expect(location.current).toBe('/audit');
  });

  it('reads the trail again when a filter is cleared, so a record written a moment ago shows (with the app’s query defaults)', async () => {
    const user = userEvent.setup();
    renderAt(<AuditPage />, { url: '/audit', client: createQueryClient() });
    await waitFor(() => expect(records()).toHaveLength(6), SLOW);
    await user.selectOptions(screen.getByLabelText('Result'), 'Failed');
    await waitFor(() => expect(records().map((li) => li.dataset.auditid)).toEqual(['5']), SLOW);
    double.records.push(auditRow(7, { action: 'audit-export' }));
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(records().map((li) => li.dataset.auditid)[0]).toBe('7'), SLOW);
  });

  it('pages to older records by id and back to newer, with no record twice', async () => {
    const user = userEvent.setup();
    double.records = Array.from({ length: 120 }, (_, i) => auditRow(i + 1, { action: 'sign-in' }));
    renderAt(<AuditPage />, { url: '/audit' });
    await waitFor(() => expect(records()).toHaveLength(50), SLOW);
    expect(screen.getByRole('button', { name: 'Newer' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Older' }));
    await waitFor(() => expect(records()[0]).toHaveAttribute('data-auditid', '70'), SLOW);
    expect(location.current).toBe('/audit?before=71');
    await user.click(screen.getByRole('button', { name: 'Older' }));
    await waitFor(() => expect(records().map((li) => li.dataset.auditid)).toEqual(Array.from({ length: 20 }, (_, i) => String(20 - i))), SLOW);
    expect(screen.getByRole('button', { name: 'Older' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Newer' }));
    await waitFor(() => expect(records()[0]).toHaveAttribute('data-auditid', '70'), SLOW);
    expect(double.listRequests().slice(0, 3).map((q) => q.get('beforeid'))).toEqual([null, '71', '21']);
  });

  it('verifies the chain on demand, and names the record that was changed', async () => {
    const user = userEvent.setup();
    renderAt(<AuditPage />, { url: '/audit' });
    await screen.findByRole('list', { name: 'Audit records' }, SLOW);
    expect(double.requests.some((u) => u.pathname === '/api/audit/verify')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Chain verified: 6 records'), SLOW);
    double.verdict = { status: 1, msg: '', ok: 0, checked: 41, first_bad_auditid: 42, first_bad_why: 'changed' };
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Record 42 was changed'), SLOW);
  });

  it('says when nothing matches, and when the trail cannot be loaded', async () => {
    const user = userEvent.setup();
    renderAt(<AuditPage />, { url: '/audit?lockid=NOPE' });
    expect(await screen.findByText('No records match these filters.', {}, SLOW)).toBeInTheDocument();
    double.failure = { status: 503, msg: 'The audit store is not reachable' };
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    const alert = await screen.findByRole('alert', {}, SLOW);
    expect(alert).toHaveTextContent('The audit trail could not be loaded.');
    expect(alert).toHaveTextContent('The audit store is not reachable');
    double.failure = null;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(records()).toHaveLength(6), SLOW);
  });

  it('shows what the server wrote as text, never as markup', async () => {
    double.records = [auditRow(1, { action: 'password-reveal', lockid: 'EM9', lockname: '<img src=x onerror=alert(1)>', detail: '<b>bold</b>' })];
    const { container } = renderAt(<AuditPage />, { url: '/audit' });
    await screen.findByRole('list', { name: 'Audit records' }, SLOW);
    expect(records()[0]).toHaveTextContent('Demo Manager revealed the password of <img src=x onerror=alert(1)>');
    expect(records()[0]).toHaveTextContent('<b>bold</b>');
    expect(container.querySelector('img, b')).toBeNull();
  });
});

describe('the audit trail, from the real gateway', { timeout: 30_000 }, () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer({ POLL_INTERVAL_MS: '60000' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('reads the gateway’s own records (the test’s sign-in), and its chain verifies', async () => {
    const user = userEvent.setup();
    renderAt(<AuditPage />, { url: '/audit?action=sign-in' });
    await waitFor(() => expect(records()[0]).toHaveTextContent('Demo Manager signed in'), SLOW);
    expect(within(records()[0]!).getByText((_, el) => el?.tagName === 'TIME')).toHaveAttribute('title', expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/));
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^Chain verified: \d+ records?$/), SLOW);
  });
});

describe('the audit trail, as support', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is said to be for managers, and nothing is asked for', async () => {
    const requests: string[] = [];
    vi.stubGlobal('fetch', (input: RequestInfo | URL) => {
      requests.push(String(input));
      return Promise.reject(new Error('no request expected'));
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    queryClient.setQueryData(appConfigQuery.queryKey, testAppConfig());
    queryClient.setQueryData(sessionQueries.me().queryKey, { user: { userid: 2, name: 'Demo Support', email: 'support@lockboard.local', role: 'support' } });
    render(
      <QueryClientProvider client={queryClient}>
        <MemoryRouter>
          <AuditPage />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    expect(await screen.findByRole('heading', { name: 'Only managers can see the audit trail' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Verify' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Export CSV' })).toBeNull();
    expect(requests).toEqual([]);
  });
});
