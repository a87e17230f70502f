/** Helpers for tests (and e2e) that talk to the embedded platform over HTTP. */
import { loginResponseSchema } from '../../contract/auth';
import { DEMO_ACCOUNTS } from './db/demo-people';

/** The seeded demo accounts (embedded platform only). */
export const DEMO_CREDENTIALS = {
  manager: { email: DEMO_ACCOUNTS[0].email, password: DEMO_ACCOUNTS[0].password },
  support: { email: DEMO_ACCOUNTS[1].email, password: DEMO_ACCOUNTS[1].password },
} as const;

/** Signs in as a demo account and returns its Bearer token. */
export async function loginAs(url: string, role: 'manager' | 'support'): Promise<string> {
  const response = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_CREDENTIALS[role]),
  });
  if (response.status !== 200) throw new Error(`login as ${role} failed: HTTP ${response.status}`);
  return loginResponseSchema.parse(await response.json()).token;
}

/** A tiny JSON client: `call('GET', '/api/locks?...', {token})` → `{status, body, headers}`. */
export async function call(
  url: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(url + path, {
    method,
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, headers: response.headers };
}
