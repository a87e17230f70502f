import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Insertable } from 'kysely';
import type { NotifierStatus, WebhookEventType } from '../../../contract/team-alerts';
import { type RunningGateway, signIn, startGateway, testConfig } from '../../../test-support/gateway';
import { startPlatform } from '../../platform/platform';
import { DEMO_CREDENTIALS } from '../../platform/testing';
import type { AlertTable } from '../../store/schema';
import type { Store } from '../../store/store';
import { type StoreEngine, openTestStore } from '../../../test-support/store-engines';
import type { ContactTestResult, TeamAlertsMessenger } from './services';

/** A messenger that keeps what it was asked to send, for the tests to read. */
export function recordingMessenger(testResult: ContactTestResult = { ok: true, status_code: 204, detail: 'HTTP 204' }) {
  const enqueued: { alertid: number; type: WebhookEventType; contactids: readonly number[] }[] = [];
  const tested: number[] = [];
  const messenger: TeamAlertsMessenger = {
    enqueue: async (input) => {
      enqueued.push(input);
    },
    sendTest: async (contactid) => {
      tested.push(contactid);
      return testResult;
    },
  };
  return { messenger, enqueued, tested };
}

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export type Caller = (method: string, path: string, body?: unknown) => Promise<Answer>;

/** A client of the gateway with these session headers (none: signed out), always from the dashboard's own page. */
export function caller(url: string, session: Record<string, string>): Caller {
  return async (method, path, body) => {
    const headers: Record<string, string> = { ...session, origin: url };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
}

export interface TeamAlertsWorld {
  gateway: RunningGateway;
  store: Store;
  recorded: ReturnType<typeof recordingMessenger>;
  manager: Caller;
  support: Caller;
  /** A second, separate manager session (another browser). */
  manager2: Caller;
  /** The audit lines written so far (JSON). */
  auditLines: string[];
  close(): Promise<void>;
}

const NOTIFIER: NotifierStatus = { state: 'running', msg: 'Watching the feed', last_poll_date: '2026-01-01 00:00:00' };

/**
 * The embedded platform, a gateway on a throw-away store with a recording messenger, and signed-in sessions.
 * On `postgres` the store is a new database on the test file's PostgreSQL server: a file that uses it
 * calls `afterAll(closeTestStores)` (test-support/store-engines) to stop that server.
 */
export async function startWorld(engine: StoreEngine, env: Record<string, string> = {}): Promise<TeamAlertsWorld> {
  const platform = await startPlatform({
    dbPath: join(mkdtempSync(join(tmpdir(), 'lockboard-team-alerts-')), 'platform.sqlite'),
    simulator: false,
    seed: { locks: 3, historyDays: 1 },
  });
  const store = await openTestStore(engine);
  const recorded = recordingMessenger();
  const auditLines: string[] = [];
  const gateway = await startGateway(platform.url, {
    mode: 'embedded',
    config: testConfig({ LOGIN_RATE_LIMIT: '100', ...env }),
    teamAlerts: { store, messenger: recorded.messenger, notifierStatus: async () => NOTIFIER },
    auditStream: { write: (line: string) => auditLines.push(line) },
  });
  const session = (role: 'manager' | 'support') => signIn(gateway.url, DEMO_CREDENTIALS[role].email, DEMO_CREDENTIALS[role].password);
  const [m, s, m2] = [await session('manager'), await session('support'), await session('manager')];
  return {
    gateway,
    store,
    recorded,
    manager: caller(gateway.url, m),
    support: caller(gateway.url, s),
    manager2: caller(gateway.url, m2),
    auditLines,
    close: async () => {
      await gateway.close();
      await store.close();
      await platform.close();
    },
  };
}

let clock = Date.UTC(2026, 0, 1, 12, 0, 0);

/** Puts an alert straight into the store (as the notifier would), each a minute after the last. */
export async function insertAlert(store: Store, fields: Partial<Insertable<AlertTable>> = {}): Promise<number> {
  clock += 60_000;
  const row = await store.db
    .insertInto('alerts')
    .values({
      ruleid: null,
      kind: 'left-unlocked',
      severity: 'critical',
      title: 'Door left unlocked',
      detail: 'Unlocked for 10 minutes',
      lockid: 'L1',
      lockname: 'Front door',
      groupid: null,
      lockids: '[]',
      open_key: null,
      opened_at: clock,
      updated_at: clock,
      closed_at: null,
      closed_reason: null,
      acked_by_userid: null,
      acked_by_name: null,
      acked_at: null,
      ack_note: null,
      escalated: 0,
      escalate_at: null,
      ...fields,
    })
    .returning('alertid')
    .executeTakeFirstOrThrow();
  return row.alertid;
}
