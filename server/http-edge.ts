import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The HTTP edge shared by the gateway and the embedded platform: what happens to a request before
 * any route sees it.
 *
 * One canonical spelling for every request target, checked before routing (DESIGN.md, Security).
 * Routers and proxies decode and normalise paths in their own ways; an attacker's path that one
 * layer reads as `/api/...` and another as something else is how gates are walked around. So any
 * target that is not already in its one plain spelling is refused, never "fixed up".
 */
export type TargetVerdict = { ok: true } | { ok: false; reason: string };

const UNRESERVED_ENCODED = /%(?:3[0-9]|[46][1-9a-f]|[57][0-9a]|2d|2e|5f|7e)/i;
const CONTROL_ENCODED = /%(?:[01][0-9a-f]|7f)/i;
const BAD_PERCENT = /%(?![0-9a-f]{2})/i;

function decodesToUtf8(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** Why `target` (the raw request line's target) is not canonical, or ok. */
export function checkRequestTarget(target: string): TargetVerdict {
  if (!target.startsWith('/')) return { ok: false, reason: 'The request target must be a path starting with /' };
  if (/[^\x21-\x7e]/.test(target) || target.includes('#')) return { ok: false, reason: 'The address holds characters that must be percent-encoded' };
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = queryAt === -1 ? '' : target.slice(queryAt + 1);

  if (BAD_PERCENT.test(path) || BAD_PERCENT.test(query)) return { ok: false, reason: 'The address holds a malformed percent-encoding' };
  if (!decodesToUtf8(path) || !decodesToUtf8(query.replace(/\+/g, ' '))) {
    return { ok: false, reason: 'The address holds percent-encoding that is not UTF-8' };
  }
  if (/[^A-Za-z0-9\-._~!$&'()*+,;=:@/%\\]/.test(path)) return { ok: false, reason: 'The path holds characters that must be percent-encoded' };
  if (path.includes('\\') || /%5c/i.test(path)) return { ok: false, reason: 'The path may not contain a backslash' };
  if (path.includes('//')) return { ok: false, reason: 'The path may not contain an empty segment (//)' };
  if (path.includes(';')) return { ok: false, reason: 'The path may not contain ";" parameters' };
  if (/%2f/i.test(path)) return { ok: false, reason: 'The path may not contain an encoded slash' };
  if (UNRESERVED_ENCODED.test(path)) return { ok: false, reason: 'The path encodes characters that need no encoding' };
  if (CONTROL_ENCODED.test(path)) return { ok: false, reason: 'The path may not contain control characters' };
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) {
    return { ok: false, reason: 'The path may not contain "." or ".." segments' };
  }
  return { ok: true };
}

/** Where a refused request is routed, so that it gets the app's headers, hooks and error shape. */
export const REFUSED_TARGET_PATH = '/__refused-http-edge';

declare module 'node:http' {
  interface IncomingMessage {
    /** Set before routing when the request target is not canonical: why. */
    refusedTarget?: string;
  }
}

/**
 * Fastify's `rewriteUrl`: a non-canonical target is routed to REFUSED_TARGET_PATH (whose route the
 * app registers to answer 400), with the reason on the request. Canonical targets pass unchanged.
 */
export function routeRefusedTargets(request: IncomingMessage): string {
  const target = request.url ?? '';
  const verdict = checkRequestTarget(target);
  if (verdict.ok) return target;
  request.refusedTarget = verdict.reason;
  return REFUSED_TARGET_PATH;
}

/**
 * True when a refused target was aimed at the API, read as loosely as any layer might read it
 * (decoded, backslashes as slashes, any case, absolute-form): it gets JSON, not the HTML page.
 */
export function wasApiRequest(target: string): boolean {
  const loose = target
    .replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\/g, '/')
    .toLowerCase();
  const path = loose.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/, '').split('?')[0] ?? '';
  return path.split('/').includes('api') || /^\/+api;/.test(path);
}

/**
 * Fastify's `clientErrorHandler`: what Node's parser refuses before any route (a malformed request
 * line or method, headers too large, a request slower than `requestTimeout`) still answers
 * `{status: 0, msg}`, then the connection closes.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [code, msg] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'The request took too long to arrive']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request headers are too large']
        : [400, 'The request is malformed'];
  answerAndClose(socket, code, msg);
  socket.destroy(error);
}

/** Node's `connect` event (a CONNECT request never reaches a route): refused like the rest. */
export function refuseConnect(_request: IncomingMessage, socket: Duplex): void {
  answerAndClose(socket, 400, 'CONNECT is not supported: the request target must be a path starting with /');
  socket.destroy();
}

function answerAndClose(socket: Duplex, code: number, msg: string): void {
  const body = JSON.stringify({ status: 0, msg });
  if (!socket.writable) return;
  socket.write(
    `HTTP/1.1 ${code} ${STATUS_CODES[code]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * Fastify options that make a whole request (headers and body) arrive within `ms`: Node enforces
 * requestTimeout only when headersTimeout is no longer, and checks on an interval (30 s by default),
 * so a trickled body would otherwise be held for up to twice as long.
 */
export function requestTimeoutOptions(ms: number) {
  return {
    requestTimeout: ms,
    http: { headersTimeout: Math.min(ms, 60_000), connectionsCheckingInterval: Math.max(100, Math.floor(ms / 4)) },
  };
}
