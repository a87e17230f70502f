/** Helpers for tests (and e2e) that talk to the embedded platform over HTTP. */
import { connect } from 'node:net';
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

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  /** The body as text (chunked encoding undone). */
  text: string;
}

/**
 * Sends `head` (a request line and headers, without the blank line) and `body` byte for byte over a
 * plain socket: unlike fetch, nothing normalises the target (dot segments, backslashes, encoding).
 * `Connection: close` is added; the answer is read to the end.
 */
export function rawRequest(url: string, head: string, body = ''): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port) });
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${head.split('\r\n')[0]}`)));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      try {
        resolve(parseRawResponse(Buffer.concat(chunks).toString('latin1')));
      } catch (error) {
        reject(error);
      }
    });
    // Not end(): a half-closed socket makes Node abort a request whose handler awaits.
    socket.write(`${head}\r\nConnection: close\r\n${body ? `Content-Length: ${Buffer.byteLength(body)}\r\n` : ''}\r\n${body}`);
  });
}

function parseRawResponse(raw: string): RawResponse {
  const split = raw.indexOf('\r\n\r\n');
  if (split === -1) throw new Error(`not an HTTP answer: ${JSON.stringify(raw.slice(0, 200))}`);
  const [statusLine = '', ...lines] = raw.slice(0, split).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  if (!status) throw new Error(`bad status line: ${statusLine}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.slice(split + 4);
  if (headers['transfer-encoding'] === 'chunked') {
    let decoded = '';
    for (let at = 0; ; ) {
      const lineEnd = body.indexOf('\r\n', at);
      const size = parseInt(body.slice(at, lineEnd), 16);
      if (!size) break;
      decoded += body.slice(lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
    body = decoded;
  }
  return { status, headers, text: Buffer.from(body, 'latin1').toString('utf8') };
}
