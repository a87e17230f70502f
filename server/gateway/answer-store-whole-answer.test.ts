import { afterEach, describe, expect, it } from 'vitest';
import type { Lock } from '../../contract/locks';
import { FAKE_ACCOUNTS, FakeTokens, fakeLocks, fullPlatform, withSignIn } from '../../test-support/fake-fleet';
import { signIn, startGateway } from '../../test-support/gateway';
import { StandInUpstream } from '../../test-support/stand-in-upstream';

/**
 * The gateway's answer store (proxy/answer-store.ts) knows an upstream answer by a hash of its bytes, and the
 * browser knows it by an ETag of the stripped body: both must cover the whole answer. A page of 50
 * locks whose 30th (or last) lock changes upstream is a new answer: 200 with a new ETag and the
 * new lock, never a 304 or the body kept from before.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** 50 locks like the contract's, each with its own name, address and secret. */
function fiftyLocks(): Lock[] {
  const template = fakeLocks()[0] as Lock;
  return Array.from({ length: 50 }, (_, i) => {
    const lockid = `EM${String(i + 1).padStart(6, '0')}`;
    return { ...template, lockid, lockname: `HQ · Room ${201 + i}`, lock_ssid: `SSID-${lockid}`, lock_password: `secret-${lockid}`, battery_level: 80 };
  });
}

async function setUp(locks: Lock[]) {
  const tokens = new FakeTokens();
  const upstream = await new StandInUpstream(withSignIn(fullPlatform(locks, tokens), tokens)).start();
  const gateway = await startGateway(upstream.url);
  cleanups.push(() => upstream.stop(), () => gateway.close());
  const session = await signIn(gateway.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
  return (headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}/api/locks?pagenumber=1&limit=50`, { headers: { accept: 'application/json', ...session, ...headers } });
}

async function pageOf(response: Response): Promise<Lock[]> {
  return ((await response.json()) as { lockslist: Lock[] }).lockslist;
}

describe('the answer store and ETags cover the whole answer', () => {
  for (const index of [29, 49]) {
    it(`a change to lock ${index + 1} of a page of 50 is a 200 with a new ETag, not a 304`, async () => {
      const locks = fiftyLocks();
      const page = await setUp(locks);
      const first = await page();
      expect(first.status).toBe(200);
      expect(await pageOf(first)).toHaveLength(50);
      const etag = first.headers.get('etag') ?? '';
      expect(etag).not.toBe('');
      // Unchanged: a 304 (the store works at all).
      expect((await page({ 'if-none-match': etag })).status).toBe(304);

      (locks[index] as Lock).battery_level = 7;
      (locks[index] as Lock).lock_online_status = 0;
      const changed = await page({ 'if-none-match': etag });
      expect(changed.status).toBe(200);
      const newEtag = changed.headers.get('etag');
      expect(newEtag).toBeTruthy();
      expect(newEtag).not.toBe(etag);
      expect((await pageOf(changed))[index]).toMatchObject({ lockid: locks[index]?.lockid, battery_level: 7, lock_online_status: 0 });

      // Another dashboard's first poll of the changed page gets the new body, with the new ETag.
      const fresh = await page();
      expect(fresh.status).toBe(200);
      expect(fresh.headers.get('etag')).toBe(newEtag);
      expect((await pageOf(fresh))[index]).toMatchObject({ battery_level: 7, lock_online_status: 0 });
    });
  }

  it('a change to a secret alone (stripped before the browser sees it) keeps the ETag: a 304', async () => {
    const locks = fiftyLocks();
    const page = await setUp(locks);
    const etag = (await page()).headers.get('etag') ?? '';
    (locks[29] as Lock).lock_password = 'secret-changed';
    const again = await page({ 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
  });
});
