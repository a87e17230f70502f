import { afterEach, describe, expect, it } from 'vitest';
import { FakeTokens, fakeLocks, withSignIn } from '../../test-support/fake-fleet';
import { signIn, startGateway } from '../../test-support/gateway';
import { MANAGER, RAW_VARIANTS, type RawVariant } from '../../test-support/odd-host';
import { StandInUpstream, sendJson } from '../../test-support/stand-in-upstream';

/**
 * The same odd answers through the relay (a proxied list poll) and through the gateway's own
 * requests (the password reveal reads the same list call): both read them alike, as JSON or as
 * "not JSON" (502), whatever the headers and bytes look like (upstream-answer.ts).
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** The vendor's envelope with its numbers as strings, as some hosts send them. */
const LIST = JSON.stringify({ status: '1', msg: '', totalCount: '3', totalPage: '1', currentPage: '1', lockslist: fakeLocks() });

async function hostAnswering(variant: RawVariant) {
  const tokens = new FakeTokens();
  const upstream = await new StandInUpstream(
    withSignIn((request, response) => {
      if (!tokens.roleOf(request)) return sendJson(response, 401, { status: 0, msg: 'Sign in first' });
      if (!request.url.startsWith('/api/locks?')) return sendJson(response, 404, { status: 0, msg: 'Not found' });
      response.writeHead(200, variant.headers).end(variant.body(LIST));
    }, tokens),
  ).start();
  const gateway = await startGateway(upstream.url);
  cleanups.push(() => upstream.stop(), () => gateway.close());
  return { gateway, session: await signIn(gateway.url, MANAGER.email, MANAGER.password) };
}

describe('one reading of a host’s answer for the relay and the gateway’s own requests', () => {
  it.each(RAW_VARIANTS.map((v) => [v.name, v] as const))('%s', async (_name, variant) => {
    const { gateway, session } = await hostAnswering(variant);
    const relayed = await fetch(`${gateway.url}/api/locks?pagenumber=1&limit=25`, { headers: session });
    const own = await fetch(`${gateway.url}/api/locks/EM000002/password`, { headers: session });
    const relayedBody = (await relayed.json()) as Record<string, unknown>;
    const ownBody = (await own.json()) as Record<string, unknown>;
    if (variant.accepted) {
      expect([relayed.status, own.status]).toEqual([200, 200]);
      expect(relayedBody).toMatchObject({ status: 1, totalCount: 3, totalPage: 1, currentPage: 1 });
      expect((relayedBody.lockslist as { lockname: string }[]).map((l) => l.lockname)).toEqual(fakeLocks().map((l) => l.lockname));
      expect(ownBody).toMatchObject({ status: 1, lockid: 'EM000002', lock_password: 'secret-EM000002' });
    } else {
      expect([relayed.status, own.status]).toEqual([502, 502]);
      expect(relayedBody).toEqual({ status: 0, msg: 'The Plus Platform sent an answer that is not JSON' });
      expect(ownBody).toEqual(relayedBody);
    }
  });
});
