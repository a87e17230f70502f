import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelopeSchema } from '../../../contract/envelope';
import { startPlatform } from '../platform';
import { type RawResponse, rawRequest } from '../../../test-support/raw-http';
import { loginAs } from '../testing';

/**
 * The platform's own port, attacked with raw request lines over a plain socket (fetch would
 * normalise most of these before they leave): odd spellings never reach a route, never answer
 * data or a 500, and always answer `{status: 0, msg}`.
 */
let dir: string;
let platform: Awaited<ReturnType<typeof startPlatform>>;
let token: string;
/** An online, locked lock: the target of the unlock attempts. */
let lockid: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'platform-target-'));
  platform = await startPlatform({ dbPath: join(dir, 'platform.sqlite'), simulator: false, seed: { locks: 30, historyDays: 0 } });
  token = await loginAs(platform.url, 'manager');
  lockid = platform.db
    .prepare('SELECT lockid FROM locks WHERE lock_online_status = 1 AND lock_open_status = 0 ORDER BY lockid LIMIT 1')
    .pluck()
    .get() as string;
});
afterAll(async () => {
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
});

const send = (requestLine: string, opts: { token?: string; headers?: string[]; body?: string } = {}) =>
  rawRequest(
    platform.url,
    [
      `${requestLine} HTTP/1.1`,
      'Host: 127.0.0.1',
      ...(opts.token ? [`Authorization: Bearer ${opts.token}`] : []),
      ...(opts.body !== undefined ? ['Content-Type: application/json', `Content-Length: ${Buffer.byteLength(opts.body)}`] : []),
      ...(opts.headers ?? []),
    ].join('\r\n'),
    opts.body,
  );

/** A refusal: one of `statuses`, JSON `{status: 0, msg}` and nothing more, no lock password. */
function expectRefusal(response: RawResponse, statuses: number[], label: string): string {
  expect(statuses, `${label}: HTTP ${response.status} ${response.body.slice(0, 200)}`).toContain(response.status);
  expect(response.body, label).not.toMatch(/lock_password/i);
  expect(response.headers['content-type'], label).toMatch(/^application\/json/);
  const body: unknown = JSON.parse(response.body);
  expect(Object.keys(body as object).sort(), label).toEqual(['msg', 'status']);
  const envelope = envelopeSchema.parse(body);
  expect(envelope.status, label).toBe(0);
  expect(envelope.msg.length, label).toBeGreaterThan(0);
  return envelope.msg;
}

const LIST = 'pagenumber=1&limit=100';

/** Not canonical: refused with 400 before routing, with or without a token. */
const NOT_CANONICAL: string[] = [
  // a fragment (a request target has none) and raw characters outside RFC 3986's path characters
  'GET /api/locks/{id}#/x',
  'GET /api/locks/a|b',
  'GET /api/locks/a"b',
  'GET /api/locks/a<b>',
  'GET /api/locks/a{b}',
  'GET /api/locks/a^b',
  'GET /api/locks/a`b',
  // encoded unreserved characters, any case
  `GET /%61pi/locks?${LIST}`,
  `GET /%41PI/locks?${LIST}`,
  `GET /api/%6Cocks?${LIST}`,
  `GET /api/locks/%45M000000`,
  `GET /api/even%74s?${LIST}`,
  `GET /api/locks/%7e`,
  `GET /api/locks/EM%5F1`,
  // dot segments, raw and encoded
  `GET /api/./locks?${LIST}`,
  `GET /api/locks/../locks?${LIST}`,
  `GET /api/locks/%2E%2E/locks?${LIST}`,
  `GET /api/locks/%2e/summary`,
  `GET /api/locks/summary/.`,
  `GET /api/uploads/../locks?${LIST}`,
  `GET /api/uploads/product_images/../../../platform.ts`,
  `GET /api/uploads/product_images/arh3em.jpg/../../../locks?${LIST}`,
  // backslashes, raw and encoded
  `GET /api/uploads/\\..\\..\\locks?${LIST}`,
  `GET /api/uploads/%5C..%5C..%5Clocks?${LIST}`,
  `GET /api\\locks?${LIST}`,
  // empty segments and encoded slashes
  `GET /api//locks?${LIST}`,
  `GET //api/locks?${LIST}`,
  `GET /api%2Flocks?${LIST}`,
  `GET /api/locks%2fsummary`,
  `GET /api/uploads/product_images/..%2F..%2F..%2Fplatform.ts`,
  // ";" parameters
  `GET /api/locks;x=1?${LIST}`,
  `GET /api;/locks?${LIST}`,
  `GET /api/locks/summary;jsessionid=1`,
  // malformed or non-UTF-8 percent-encoding, in the path or the query
  `GET /api/%`,
  `GET /api/locks/%ZZ`,
  `GET /api/locks?x=%`,
  `GET /api/locks?${LIST}&searchkey=%ZZ`,
  `GET /api/locks?${LIST}&searchkey=%ED%A0%80`,
  `GET /api/locks?${LIST}&searchkey=%C0%AF`,
  `GET /api/locks?${LIST}&searchkey=%FF`,
  `GET /api/locks/EM000000%00`,
  // absolute-form and other targets that are not a path
  `GET http://169.254.169.254/api/locks?${LIST}`,
  `GET http://127.0.0.1/api/locks?${LIST}`,
  `GET HTTP://127.0.0.1/api/locks?${LIST}`,
  `OPTIONS *`,
  // state-changing attempts
  `POST /%61pi/locks/{id}/./unlock`,
  `POST /api/locks/{id}/./unlock`,
  `POST /api/locks/{id}/%75nlock`,
  `POST /api/locks/{id}/lock/../unlock`,
  `POST /api/locks/{id}//unlock`,
  `POST /api/locks/{id}/unlock;`,
  `POST /%61pi/logout`,
  `POST /api/uploads/\\..\\locks/{id}/unlock`,
  `DELETE /api/locks/%7Bid%7D/../{id}`,
  `PUT http://127.0.0.1/api/locks/{id}/unlock`,
];

/** Canonical but no route: 401 without a token, 404 (or 400 for an empty lockid) with one. */
const NO_ROUTE: string[] = [
  `GET /API/locks?${LIST}`,
  `GET /Api/Locks?${LIST}`,
  `GET /%2561pi/locks?${LIST}`,
  `GET /api/%256Cocks?${LIST}`,
  `GET /api/locks%3F${LIST}`,
  `GET /api/locks/?${LIST}`,
  `GET /api/locks/summary/`,
  `GET /api/uploads/locks?${LIST}`,
  `GET /api/nowhere`,
  `GET /`,
  `GET /__refused-request-target/x`,
  `PROPFIND /api/locks`,
  `PATCH /api/locks/{id}`,
  `POST /API/locks/{id}/unlock`,
  `POST /api/locks/{id}/UNLOCK`,
  `POST /api/locks/{id}/unlock/`,
  `POST /api/locks/{id}/open`,
];

const fill = (line: string) => line.replaceAll('{id}', lockid);

describe('non-canonical request targets', () => {
  it('are refused 400 {status: 0, msg} before any route, with or without a token', async () => {
    expect(NOT_CANONICAL.length).toBeGreaterThan(40);
    for (const line of NOT_CANONICAL.map(fill)) {
      for (const auth of [undefined, token]) {
        const label = `${line} (${auth ? 'token' : 'no token'})`;
        const msg = expectRefusal(await send(line, { token: auth }), [400], label);
        expect(msg, label).not.toMatch(/token|sign in/i);
      }
    }
  });

  it('names the reason', async () => {
    const reason = async (line: string) => expectRefusal(await send(line), [400], line);
    expect(await reason('GET /%61pi/locks')).toMatch(/encodes characters that need no encoding/);
    expect(await reason('GET /api/./locks')).toMatch(/"\." or "\.\." segments/);
    expect(await reason('GET /api/uploads/\\..\\locks')).toMatch(/backslash/);
    expect(await reason('GET /api//locks')).toMatch(/empty segment/);
    expect(await reason('GET /api/locks;x')).toMatch(/parameters/);
    expect(await reason('GET /api/locks?x=%')).toMatch(/malformed/);
    expect(await reason('GET /api/locks?x=%ED%A0%80')).toMatch(/UTF-8/);
    expect(await reason('GET http://169.254.169.254/api/locks')).toMatch(/starting with \//);
  });
});

describe('canonical targets without a route', () => {
  it('answer 401 without a token and 404 with one, never data', async () => {
    expect(NO_ROUTE.length).toBeGreaterThan(15);
    for (const line of NO_ROUTE.map(fill)) {
      expectRefusal(await send(line), [401], `${line} (no token)`);
      // An empty lockid (`/api/locks/`) matches the lock route and is refused there.
      expectRefusal(await send(line, { token }), [400, 404], `${line} (token)`);
    }
  });
});

describe('the pictures (public)', () => {
  it('serve a picture without a token, and 404 {status: 0, msg} for any other name under them', async () => {
    const picture = await send('GET /api/uploads/product_images/arh3em.jpg');
    expect(picture.status).toBe(200);
    expect(picture.headers['content-type']).toBe('image/jpeg');
    for (const line of ['GET /api/uploads/product_images/', 'GET /api/uploads/product_images/platform.ts', 'GET /api/uploads/product_images/x.jpg%3F']) {
      expectRefusal(await send(line), [404], line);
    }
  });
});

describe('what the parser itself refuses', () => {
  it('answers {status: 0, msg} to encoded, lower-case and unknown method names, and to CONNECT', async () => {
    const lines = [`G%45T /api/locks?${LIST}`, `get /api/locks?${LIST}`, `P%4FST /api/locks/{id}/unlock`, `GET\t/api/locks`, 'CONNECT 169.254.169.254:80'];
    for (const line of lines.map(fill)) expectRefusal(await send(line), [400], line);
  });
});

describe('the lock', () => {
  it('stays locked, with no event, after every raw unlock attempt without a token', async () => {
    const state = () =>
      platform.db.prepare('SELECT lock_open_status AS open, lock_online_status AS online FROM locks WHERE lockid = ?').get(lockid);
    const events = () => platform.db.prepare('SELECT count(*) FROM events WHERE lockid = ?').pluck().get(lockid) as number;
    expect(state()).toEqual({ open: 0, online: 1 });
    const eventsBefore = events();
    const attempts = [
      `POST /%61pi/locks/${lockid}/./unlock`,
      `POST /api/locks/${lockid}/./unlock`,
      `POST /%61pi/locks/${lockid}/unlock`,
      `POST /api/uploads/\\..\\locks/${lockid}/unlock`,
      `POST /api/uploads/../locks/${lockid}/unlock`,
      `POST http://127.0.0.1/api/locks/${lockid}/unlock`,
      `POST /api/locks/${lockid}/unlock`,
    ];
    const answers: [string, RawResponse][] = [];
    for (const line of attempts) {
      answers.push([line, await send(line)], [`${line} with a body`, await send(line, { body: '{"duration_s":60}' })]);
    }
    // The door first: whatever came back, it must not have opened.
    expect(state()).toEqual({ open: 0, online: 1 });
    expect(events()).toBe(eventsBefore);
    expect(answers.length).toBe(2 * attempts.length);
    for (const [label, answer] of answers) expectRefusal(answer, [400, 401], label);

    // The same socket client, with a token and a canonical target, does unlock: the attempts
    // above were refused for their spelling, not lost on the way.
    const done = await send(`POST /api/locks/${lockid}/unlock`, { token });
    expect(done.status, done.body).toBe(200);
    expect(state()).toEqual({ open: 1, online: 1 });
    expect(events()).toBe(eventsBefore + 1);
  });

  it('is readable with its password through the canonical spelling and a token (so the checks above can see a leak)', async () => {
    const ok = await send(`GET /api/locks/${lockid}`, { token });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatch(/"lock_password"/);
  });
});
