/** Helpers for tests (and e2e) that talk to the embedded platform over HTTP. */
import { loginResponseSchema } from '../../contract/auth';
import type { Lock } from '../../contract/locks';
import { DEMO_ACCOUNTS } from './db/demo-people';
import { asciiLower, normalizeSearchKey } from './locks/lock-search';

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

/**
 * Natural order of two names, written independently of the platform's sort key (a reference for
 * tests): case ignored, runs of digits compared by their value, anything else character by character.
 */
export function naturalCompare(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  const digit = (s: string, i: number) => i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;
  let [i, j] = [0, 0];
  while (i < x.length && j < y.length) {
    if (digit(x, i) && digit(y, j)) {
      let [ei, ej] = [i, j];
      while (digit(x, ei)) ei += 1;
      while (digit(y, ej)) ej += 1;
      const [nx, ny] = ei - i < 16 && ej - j < 16 ? [Number(x.slice(i, ei)), Number(y.slice(j, ej))] : [BigInt(x.slice(i, ei)), BigInt(y.slice(j, ej))];
      if (nx !== ny) return nx < ny ? -1 : 1;
      [i, j] = [ei, ej];
      continue;
    }
    if (x[i] !== y[j]) return (x[i] as string) < (y[j] as string) ? -1 : 1;
    i += 1;
    j += 1;
  }
  return i < x.length ? 1 : j < y.length ? -1 : 0;
}

/**
 * The lock search as the contract words it (a reference for tests): every word of the key (split
 * at white space) is in one of the five fields, ignoring ASCII case, the characters MACs are
 * written with and apostrophes.
 */
export function lockMatchesSearch(lock: Lock, searchkey: string | undefined): boolean {
  const words = normalizeSearchKey(searchkey).split(/\s+/).map((w) => w.replace(IGNORED, '')).filter(Boolean);
  const texts = searchTexts(lock);
  return words.every((w) => texts.some((t) => t.includes(w)));
}

const IGNORED = /[:.\-'\u2019]/g;
const textCache = new WeakMap<Lock, { fields: string; texts: string[] }>();
function searchTexts(lock: Lock): string[] {
  const fields = [lock.lockname, lock.lockid, lock.lock_ssid, lock.mac_address ?? '', lock.lock_model];
  const joined = fields.join('\u0000');
  const cached = textCache.get(lock);
  if (cached?.fields === joined) return cached.texts;
  const texts = fields.map((f) => asciiLower(f).replace(IGNORED, ''));
  textCache.set(lock, { fields: joined, texts });
  return texts;
}
