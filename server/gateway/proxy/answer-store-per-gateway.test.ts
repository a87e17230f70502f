import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningGateway, signIn, startGateway } from '../../../test-support/gateway';
import { raw } from '../../../test-support/raw-http';
import { StandInUpstream, sendJson } from '../../../test-support/stand-in-upstream';
import type * as StripSecretsModule from '../strip-secrets';

// Counts the answers the gateways strip themselves: an answer sent from an answer store is not
// stripped again, and nothing else in the answer tells the two apart (the same bytes give the same body).
const strips = vi.hoisted(() => ({ count: 0 }));
vi.mock('../strip-secrets', async (importOriginal) => {
  const original = await importOriginal<typeof StripSecretsModule>();
  return {
    ...original,
    stripSecrets: (value: unknown) => {
      strips.count += 1;
      return original.stripSecrets(value);
    },
  };
});

const LOCK_PAGE = '/api/locks?pagenumber=1&limit=10';
/** The same bytes from both hosts: one answer store shared by the two gateways would know them. */
const LOCKS = { status: 1, msg: '', lockslist: [{ lockid: 'L-1', lockname: 'Front door', lock_password: '123456' }], totalCount: 1, totalPage: 1, currentPage: 1 };

function host(): Promise<StandInUpstream> {
  return new StandInUpstream((request, response) => {
    if (request.url === '/api/login') {
      return sendJson(response, 200, { status: 1, msg: '', token: 'upstream-token-0123456789', user: { userid: 1, name: 'M', email: 'm@x.test', role: 'manager' } });
    }
    sendJson(response, 200, LOCKS);
  }).start();
}

describe('each gateway keeps its own answer store (issue 23)', () => {
  const hosts: StandInUpstream[] = [];
  const gateways: RunningGateway[] = [];
  const sessions: Record<string, string>[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i += 1) {
      const upstream = await host();
      const gateway = await startGateway(upstream.url);
      hosts.push(upstream);
      gateways.push(gateway);
      sessions.push(await signIn(gateway.url, 'm@x.test', 'pw'));
    }
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    for (const upstream of hosts) await upstream.stop();
  });

  /** GETs the lock page through gateway `i`; returns the answer and how many answers it stripped for it. */
  async function poll(i: number, headers: Record<string, string> = {}) {
    const before = strips.count;
    const answer = await raw(gateways[i]!.url, 'GET', LOCK_PAGE, { ...sessions[i]!, ...headers });
    return { answer, stripped: strips.count - before };
  }

  it('the second gateway reads its own host\'s answer instead of the first gateway\'s stored one', async () => {
    const first = await poll(0);
    expect(first.answer.status, first.answer.body).toBe(200);
    expect(first.stripped).toBe(1);

    const second = await poll(1);
    expect(second.answer.status, second.answer.body).toBe(200);
    expect(second.stripped).toBe(1);
    // The same bytes still give the same answer, secrets removed.
    expect(second.answer.json).toEqual(first.answer.json);
    expect(second.answer.headers.etag).toBe(first.answer.headers.etag);
    expect(second.answer.body).not.toContain('lock_password');
  });

  it('a gateway still answers bytes it has seen from its own store: a 304 or the stored body', async () => {
    const again = await poll(1);
    expect(again.answer.status).toBe(200);
    expect(again.stripped).toBe(0);
    const unchanged = await poll(1, { 'if-none-match': again.answer.headers.etag ?? '' });
    expect(unchanged.answer.status).toBe(304);
    expect(unchanged.stripped).toBe(0);
    expect(hosts.map((upstream) => upstream.requests.filter((r) => r.url === LOCK_PAGE).length)).toEqual([1, 3]);
  });
});
