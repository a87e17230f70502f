import { QueryClient } from '@tanstack/react-query';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '@/testing/test-server';
import { ApiError } from './client';
import { lockQueries } from './locks';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** One lock as the SPA reads it without the platform's detail endpoint: through the documented list call. */
const viaList = (lockid: string) => new QueryClient({ defaultOptions: { queries: { retry: false } } }).fetchQuery(lockQueries.detail(lockid, true));

describe('a lock without the detail endpoint (found with the documented list call)', () => {
  it('finds an existing lock, with its state as the platform has it', async () => {
    const row = server.db
      .prepare('SELECT lockid, lockname, lock_online_status AS online, lock_open_status AS open FROM locks ORDER BY lockid DESC LIMIT 1 OFFSET 7')
      .get() as { lockid: string; lockname: string; online: number; open: number };
    const lock = await viaList(row.lockid);
    expect(lock).toMatchObject({ lockid: row.lockid, name: row.lockname, online: row.online === 1, open: row.open === 1 });
  });

  it('finds the lock whose lockid matches exactly, not another that merely contains it', async () => {
    const { lockid } = server.db.prepare('SELECT lockid FROM locks ORDER BY lockid LIMIT 1 OFFSET 30').get() as { lockid: string };
    const partial = lockid.slice(0, 3); // "EM" and one more: many locks contain it
    const matching = (server.db.prepare("SELECT count(*) AS n FROM locks WHERE lockid LIKE ? || '%'").get(partial) as { n: number }).n;
    expect(matching).toBeGreaterThan(1);
    const found = await viaList(lockid);
    expect(found.lockid).toBe(lockid);
    await expect(viaList(partial)).rejects.toMatchObject({ status: 404 });
  });

  it('answers 404 "no such lock" for a lockid the platform does not have', async () => {
    const error = await viaList('EMNOPE42').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, message: 'No lock EMNOPE42 on this platform' });
  });
});
