import type { APIRequestContext, Page } from '@playwright/test';
import type { AlertRule, RuleKind, TeamAlert } from '../contract/team-alerts';
import type { RunningGateway } from '../test-support/gateway';
import { type E2eServer, countRequests, expect, extraGateway } from './fixtures';

/**
 * Team alerts as the e2e specs meet them: the server's notifier raises them (rules in the gateway's
 * store), the browser reads `GET /api/team-alerts` (the bell, toasts, the inbox on /alerts).
 */

/**
 * A gateway of the test's own in front of the worker's platform, with a fresh store (the four
 * default rules, nothing else) and a notifier reading the feed every 250 ms with the platform's
 * service account: no other test's rules or alerts. Waits until its notifier has read where the
 * feed stands, so that every event written from now on is evaluated.
 */
export async function ownGateway(server: E2eServer, env: Record<string, string> = {}): Promise<RunningGateway> {
  const gateway = await extraGateway(server.platformUrl, { serviceAccount: server.serviceAccount, env });
  // "running" once a pass has read the feed (the first one keeps where it stands as its cursor).
  await expect.poll(() => gateway.notifier?.role).toBe('running');
  return gateway;
}

export interface RuleInput {
  name: string;
  kind: RuleKind;
  scope: { lockids: string[] } | { all: true } | { groupids: number[] };
  threshold_s?: number;
}

/** Creates a rule as a manager (the request context carries a manager's session). */
export async function createRule(request: APIRequestContext, base: string, rule: RuleInput): Promise<AlertRule> {
  const response = await request.post(`${base}/api/alert-rules`, { data: rule, headers: { origin: base } });
  expect(response.status(), `create the rule ${rule.name}: ${await response.text()}`).toBe(200);
  return ((await response.json()) as { rule: AlertRule }).rule;
}

export async function deleteRule(request: APIRequestContext, base: string, ruleid: number): Promise<void> {
  const response = await request.delete(`${base}/api/alert-rules/${ruleid}`, { headers: { origin: base } });
  expect(response.status(), `delete the rule ${ruleid}`).toBe(200);
}

/** The team's alerts (open ones, or all), those of one lock when given. */
export async function teamAlerts(request: APIRequestContext, base: string, query: { state?: 'open' | 'all'; lockid?: string; kind?: RuleKind } = {}): Promise<TeamAlert[]> {
  const params = new URLSearchParams({ state: query.state ?? 'all', limit: '100' });
  if (query.lockid) params.set('lockid', query.lockid);
  if (query.kind) params.set('kind', query.kind);
  const response = await request.get(`${base}/api/team-alerts?${params}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { alertslist: TeamAlert[] }).alertslist;
}

/** "YYYY-MM-DD HH:mm:ss" UTC as ms. */
export const utcMs = (date: string) => Date.parse(`${date.replace(' ', 'T')}Z`);

export const toasts = (page: Page) => page.getByRole('region', { name: 'Notifications' });
export const toastCards = (page: Page) => toasts(page).locator(':scope > div');
/** One toast (its card), by its exact title. */
export const toast = (page: Page, title: string) => toastCards(page).filter({ has: page.getByText(title, { exact: true }) });

/** The header's bell: a link named "Alerts" or "Alerts, N unread" (the main navigation's "Alerts" link has no label of its own). */
export const bell = (page: Page) => page.getByRole('link', { name: /^Alerts(, \d+ unread)?$/ }).and(page.locator('a[aria-label]'));

/** One alert of the inbox on /alerts, in its open list or its history, by a text it holds. */
export const openAlert = (page: Page, text: string | RegExp) => page.getByRole('region', { name: /^Open alerts/ }).locator('li[data-alertid]').filter({ hasText: text });
export const pastAlert = (page: Page, text: string | RegExp) => page.getByRole('region', { name: 'History' }).locator('li[data-alertid]').filter({ hasText: text });

/** Counts the page's polls of the team's alerts whose answer came back in full. */
export const alertPolls = (page: Page) => countRequests(page, /\/api\/team-alerts(\?|$)/, { finished: true });

/** Waits for `n` more polls of the team's alerts to come back: the positive signal before asserting that nothing was told. */
export async function morePolls(polls: { count: number }, n = 2) {
  const seen = polls.count;
  await expect.poll(() => polls.count, { timeout: 15_000 }).toBeGreaterThanOrEqual(seen + n);
}

/** The page has had the team's alerts once: what comes from now on is new to it (a toast). */
export async function pageHasAlerts(polls: { count: number }) {
  await expect.poll(() => polls.count, { timeout: 15_000 }).toBeGreaterThan(0);
}

/**
 * How long an alert may take from the platform's event to the page: the notifier's pass (every
 * 250 ms) and the page's poll (every second), on a machine shared with other test runs.
 */
export const ARRIVES = { timeout: 20_000 };
