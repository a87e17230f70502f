import { QueryClient } from '@tanstack/react-query';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '@/testing/test-server';
import { lockQueries } from './locks';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('polling the lock list', () => {
  it('keeps every unchanged lock the same object across polls, so memoised rows do not re-render', async () => {
    const client = new QueryClient();
    const options = lockQueries.list({ pagenumber: 1, limit: 25 });
    const first = await client.fetchQuery(options);
    await client.refetchQueries({ queryKey: options.queryKey });
    const second = client.getQueryData(options.queryKey);
    expect(second).toBe(first);

    const changed = first.locks[3]!;
    server.db.prepare('UPDATE locks SET lock_open_status = 1 - lock_open_status WHERE lockid = ?').run(changed.lockid);
    await client.refetchQueries({ queryKey: options.queryKey });
    const third = client.getQueryData(options.queryKey);
    expect(third).not.toBe(first);
    expect(third!.locks.map((l) => l.lockid)).toEqual(first.locks.map((l) => l.lockid));
    expect(third!.locks).toHaveLength(25);
    expect(third!.locks[3]!.open).toBe(!changed.open);
    third!.locks.forEach((lock, i) => {
      if (lock.lockid === changed.lockid) expect(lock).not.toBe(first.locks[i]);
      else expect(lock).toBe(first.locks[i]);
    });
  });
});
