import type { ServerResponse } from 'node:http';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import type { Lock } from '../contract/locks';
import { FAKE_ACCOUNTS, FakeTokens, fakeLocks, withSignIn } from './fake-fleet';
import { type Handler, type RecordedRequest, sendJson } from './stand-in-upstream';

/**
 * Stand-in hosts that answer the way real ones do and the embedded platform does not: a cap on
 * `limit`, totals counted at another page size or left out, a token that expires into the vendor's
 * `status: 0`, and answers that bend HTTP and JSON conventions.
 */

/** `count` locks EM000001…, every one in group 1 and the even ones in group 2 too. */
export function lockFleet(count: number): Lock[] {
  const [template] = fakeLocks();
  return Array.from({ length: count }, (_, i) => {
    const lockid = `EM${String(i + 1).padStart(6, '0')}`;
    const groups = [{ groupid: 1, groupname: 'All' }, ...(i % 2 === 1 ? [{ groupid: 2, groupname: 'Even' }] : [])];
    return { ...template!, lockid, lockname: `Door ${i + 1}`, lock_password: `secret-${lockid}`, lockgroups: groups } as Lock;
  });
}

/**
 * How a capped host reports its totals: `totalCount` (as a string) and no page count; no
 * `totalCount` and `totalPage` counted at its own page size, or at the asked one; or neither.
 */
export type CappedTotals = 'count' | 'host-pages' | 'asked-pages' | 'none';
export const CAPPED_TOTALS: CappedTotals[] = ['count', 'host-pages', 'asked-pages', 'none'];

/** The host's page `pagenumber` of `rows` at its capped page size, in the envelope `totals` says. */
export function cappedPage<Row>(rows: readonly Row[], url: URL, cap: number, totals: CappedTotals, listName: string) {
  const asked = Number(url.searchParams.get('limit'));
  const size = Math.min(asked, cap);
  const page = Number(url.searchParams.get('pagenumber'));
  const pagesAt = (perPage: number) => Math.ceil(rows.length / perPage);
  const counts = {
    count: { totalCount: String(rows.length), totalPage: null },
    'host-pages': { totalCount: null, totalPage: pagesAt(size) },
    'asked-pages': { totalCount: null, totalPage: pagesAt(asked) },
    none: { totalCount: null, totalPage: null },
  }[totals];
  return { status: 1, msg: '', ...counts, currentPage: page, [listName]: rows.slice((page - 1) * size, page * size) };
}

/**
 * A signed-in host that serves `locks` (filtered by `groupid`; `searchkey` ignored, as a host
 * without search does) and `events` at most `cap` rows a page, whatever `limit` asks; commands
 * succeed and are recorded.
 */
export function cappedHost(options: { locks: Lock[]; events?: Record<string, unknown>[]; cap: number; totals: CappedTotals; tokens?: FakeTokens }) {
  const tokens = options.tokens ?? new FakeTokens();
  const commands: string[] = [];
  const handler = withSignIn((request, response) => {
    const url = new URL(request.url, 'http://upstream');
    if (!tokens.roleOf(request)) return sendJson(response, 401, { status: 0, msg: 'Sign in first' });
    const command = /^\/api\/locks\/([^/]+)\/(lock|unlock)$/.exec(url.pathname);
    if (command && request.method === 'POST') {
      commands.push(decodeURIComponent(command[1] ?? ''));
      const lock = options.locks.find((l) => l.lockid === decodeURIComponent(command[1] ?? ''));
      return sendJson(response, 200, { status: 1, msg: 'done', lock });
    }
    if (url.pathname === '/api/locks') {
      const groupid = url.searchParams.get('groupid');
      const rows = groupid === null ? options.locks : options.locks.filter((l) => (l as { lockgroups?: { groupid: number }[] }).lockgroups?.some((g) => String(g.groupid) === groupid));
      return sendJson(response, 200, cappedPage(rows, url, options.cap, options.totals, 'lockslist'));
    }
    if (url.pathname === '/api/events') return sendJson(response, 200, cappedPage(options.events ?? [], url, options.cap, options.totals, 'eventslist'));
    return sendJson(response, 404, { status: 0, msg: 'Not found' });
  }, tokens);
  return { handler, tokens, commands };
}

/**
 * A host whose tokens can expire, and then answers every request carrying one the way the vendor
 * reports every failure: HTTP 200, `status: 0` and its own words. `expire()` expires every token
 * issued so far; `how` answers the expired token otherwise (a redirect, a sign-in page, a 403).
 */
export function expiringHost(next: (tokens: FakeTokens) => Handler) {
  const tokens = new FakeTokens();
  const expired = new Set<string>();
  let answerExpired: (response: ServerResponse) => void = (response) => sendJson(response, 200, { status: 0, msg: 'token expired, please login again' });
  const inner = next(tokens);
  const handler = withSignIn((request: RecordedRequest, response: ServerResponse) => {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (token && expired.has(token)) return answerExpired(response);
    return inner(request, response);
  }, tokens);
  return {
    handler,
    tokens,
    expire(how?: (response: ServerResponse) => void) {
      for (const token of tokens.live.keys()) expired.add(token);
      if (how) answerExpired = how;
    },
  };
}

export const SIGN_IN_PAGE =
  '<!DOCTYPE html><html><head><title>Plus Platform</title></head><body><form method="post" action="/login">' +
  '<input name="email"><input type="password" name="password"><button>Sign in</button></form></body></html>';

/** An answer as raw bytes with the headers given: how a host bends HTTP around its JSON. */
export interface RawVariant {
  name: string;
  headers: Record<string, string>;
  body: (json: string) => Buffer;
  /** Whether the gateway reads it as JSON (else: 502, "not JSON"). */
  accepted: boolean;
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');

export const RAW_VARIANTS: RawVariant[] = [
  { name: 'application/json', headers: { 'content-type': 'application/json' }, body: utf8, accepted: true },
  { name: 'application/json;charset=UTF-8', headers: { 'content-type': 'application/json;charset=UTF-8' }, body: utf8, accepted: true },
  { name: 'text/plain', headers: { 'content-type': 'text/plain' }, body: utf8, accepted: true },
  { name: 'text/html; charset=utf-8', headers: { 'content-type': 'text/html; charset=utf-8' }, body: utf8, accepted: true },
  { name: 'no content type', headers: {}, body: utf8, accepted: true },
  { name: 'a UTF-8 byte-order mark', headers: { 'content-type': 'application/json' }, body: (json) => utf8(`\uFEFF${json}`), accepted: true },
  { name: 'whitespace and newlines around', headers: { 'content-type': 'application/json' }, body: (json) => utf8(`\r\n  ${json}\n\n\t `), accepted: true },
  { name: 'an anti-XSSI prefix', headers: { 'content-type': 'application/json' }, body: (json) => utf8(`)]}',\n${json}`), accepted: true },
  { name: 'gzip although identity was asked', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: (json) => gzipSync(json), accepted: true },
  { name: 'deflate (zlib)', headers: { 'content-type': 'application/json', 'content-encoding': 'deflate' }, body: (json) => deflateSync(json), accepted: true },
  { name: 'deflate (raw)', headers: { 'content-type': 'application/json', 'content-encoding': 'deflate' }, body: (json) => deflateRawSync(json), accepted: true },
  { name: 'brotli', headers: { 'content-type': 'application/json', 'content-encoding': 'br' }, body: (json) => brotliCompressSync(json), accepted: true },
  { name: 'labelled gzip but plain', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: utf8, accepted: true },
  { name: 'ISO-8859-1', headers: { 'content-type': 'application/json; charset=ISO-8859-1' }, body: (json) => Buffer.from(json, 'latin1'), accepted: true },
  { name: 'UTF-16LE with its byte-order mark', headers: { 'content-type': 'application/json; charset=utf-16' }, body: (json) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]), accepted: true },
  { name: 'an HTML page', headers: { 'content-type': 'text/html' }, body: () => utf8('<html><body><h1>Maintenance</h1></body></html>'), accepted: false },
  { name: 'truncated JSON', headers: { 'content-type': 'application/json' }, body: (json) => utf8(json.slice(0, json.length - 5)), accepted: false },
  { name: 'an empty body', headers: { 'content-type': 'application/json' }, body: () => Buffer.alloc(0), accepted: false },
  { name: 'plain text', headers: { 'content-type': 'text/plain' }, body: () => utf8('OK'), accepted: false },
  { name: 'gzip of an HTML page', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: () => gzipSync('<html>busy</html>'), accepted: false },
];

/** The manager's credentials on every stand-in here. */
export const MANAGER = FAKE_ACCOUNTS.manager;
