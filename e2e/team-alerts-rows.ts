import { type Browser, type BrowserContextOptions, type Page, expect, request } from '@playwright/test';
import type { Store } from '../server/store/store';

/** Signs in through `gatewayUrl`'s own /api/login and opens a browser context with that session. */
export async function browserAs(browser: Browser, gatewayUrl: string, user: { email: string; password: string }, options: BrowserContextOptions = {}) {
  const api = await request.newContext({ baseURL: gatewayUrl, extraHTTPHeaders: { origin: gatewayUrl } });
  const response = await api.post('/api/login', { data: { email: user.email, password: user.password } });
  expect(response.status(), `sign in as ${user.email}`).toBe(200);
  const storageState = await api.storageState();
  await api.dispose();
  const context = await browser.newContext({ ...options, baseURL: gatewayUrl, storageState });
  const page = await context.newPage();
  return { context, page };
}

/** Goes to `path` and waits until the app says it is ready (as e2e/fixtures.ts's page does). */
export async function open(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.ok(), `${path} answered`).toBe(true);
  await page.locator('html[data-ready]').waitFor({ state: 'attached' });
}

export interface AlertRow {
  kind: string;
  severity: 'critical' | 'warning' | 'info';
  title: string;
  detail: string;
  lockid: string | null;
  lockname: string | null;
  /** How long ago it opened, in minutes. */
  openedMinAgo: number;
  /** How long ago it resolved (null: open). */
  closedMinAgo?: number | null;
  acked?: { userid: number; name: string; minAgo: number; note: string | null } | null;
}

/** Writes an alert straight into a gateway's store (for pictures and pages to check): its alertid. */
export async function insertAlert(store: Store, alert: AlertRow): Promise<number> {
  const now = Date.now();
  const at = (minAgo: number) => now - minAgo * 60_000;
  const closed = alert.closedMinAgo ?? null;
  const row = await store.db
    .insertInto('alerts')
    .values({
      ruleid: null,
      kind: alert.kind,
      severity: alert.severity,
      title: alert.title,
      detail: alert.detail,
      lockid: alert.lockid,
      lockname: alert.lockname,
      groupid: null,
      lockids: JSON.stringify(alert.lockid ? [alert.lockid] : []),
      open_key: closed === null ? `inserted:${alert.title}:${now}` : null,
      opened_at: at(alert.openedMinAgo),
      updated_at: at(closed ?? alert.acked?.minAgo ?? alert.openedMinAgo),
      closed_at: closed === null ? null : at(closed),
      closed_reason: closed === null ? null : 'resolved',
      acked_by_userid: alert.acked?.userid ?? null,
      acked_by_name: alert.acked?.name ?? null,
      acked_at: alert.acked ? at(alert.acked.minAgo) : null,
      ack_note: alert.acked?.note ?? null,
      escalated: 0,
      escalate_at: null,
    })
    .returning('alertid')
    .executeTakeFirstOrThrow();
  return row.alertid;
}
