import { vi } from 'vitest';

/** A request the page sent: its method, path with query, and JSON body. */
export interface SentRequest {
  method: string;
  url: string;
  body: unknown;
}

type Answer = { status?: number; body: Record<string, unknown> };
export type Route = (request: SentRequest) => Answer | undefined;

/**
 * `fetch` answered by `route` (then 404 `{status: 0}`), every request recorded: the platform's
 * lockdowns are not built yet on this branch, so the pages are tried against the contract's shapes.
 */
export function stubHost(route: Route): SentRequest[] {
  const sent: SentRequest[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const request: SentRequest = {
      method: init?.method ?? 'GET',
      url: String(input),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    sent.push(request);
    const answer = route(request) ?? { status: 404, body: { status: 0, msg: 'Not found' } };
    return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: { 'content-type': 'application/json' } }));
  });
  return sent;
}

export const lockdownRow = (over: Record<string, unknown> = {}) => ({
  lockdownid: 7,
  scope: { all: true },
  started_by: 'Dana Manager',
  started_date: '2026-12-07 09:30:00',
  lifted_by: null,
  lifted_date: null,
  lock_count: 12,
  pending_lockids: [],
  ...over,
});

export const MANAGER = { userid: 1, name: 'Dana Manager', email: 'manager@lockboard.local', role: 'manager' as const };
export const SUPPORT = { userid: 2, name: 'Sam Support', email: 'support@lockboard.local', role: 'support' as const };
