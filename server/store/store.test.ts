import { type ExpressionBuilder, sql } from 'kysely';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../test-support/free-port';
import { STORE_ENGINES, closeTestStores, freshStoreOptions, openTestStore, testPostgres } from '../../test-support/store-engines';
import { isUniqueViolation } from './errors';
import { storeMigrations } from './migrations';
import type { Database } from './schema';
import { type Store, openStore } from './store';

afterAll(closeTestStores);

const NOW = Date.UTC(2026, 11, 6, 23, 30, 0); // past 2^31: a bigint column on PostgreSQL

function alert(openKey: string | null, lockids = '[]') {
  return {
    ruleid: 1,
    kind: 'left-unlocked',
    severity: 'warning',
    title: 'Door left unlocked',
    detail: 'Server room has been unlocked for 10 minutes',
    lockid: 'A1',
    lockname: 'Server room',
    groupid: null,
    lockids,
    open_key: openKey,
    opened_at: NOW,
    updated_at: NOW,
    escalated: 0,
  };
}

/** The lease pattern: take `name` for `holder` until `until` if it is free, expired, or already ours. */
async function takeLease(store: Store, holder: string, now: number, until: number): Promise<string | undefined> {
  const row = await store.db
    .insertInto('leases')
    .values({ name: 'notifier', holder, expires_at: until })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, expires_at: until })
        .where((eb) => eb.or([eb('leases.expires_at', '<', now), eb('leases.holder', '=', holder)])),
    )
    .returning('holder')
    .executeTakeFirst();
  return row?.holder;
}

describe.each(STORE_ENGINES)('the store on %s', (engine) => {
  let store: Store;
  beforeEach(async () => {
    store = await openTestStore(engine);
  }, 60_000);

  it('answers an insert with the generated id, and times and counts as JS numbers', async () => {
    const first = await store.db.insertInto('alerts').values(alert('k1')).returning('alertid').executeTakeFirstOrThrow();
    const second = await store.db.insertInto('alerts').values(alert('k2')).returning('alertid').executeTakeFirstOrThrow();
    expect(typeof first.alertid).toBe('number');
    expect(second.alertid).toBe(first.alertid + 1);

    const row = await store.db.selectFrom('alerts').selectAll().where('alertid', '=', first.alertid).executeTakeFirstOrThrow();
    expect(row.opened_at).toBe(NOW);
    expect(row.closed_at).toBeNull();
    const totals = await store.db
      .selectFrom('alerts')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.sum<number>('opened_at').as('sum'), eb.fn.max('opened_at').as('max')])
      .executeTakeFirstOrThrow();
    expect(totals).toEqual({ count: 2, sum: 2 * NOW, max: NOW });
  });

  it('stores text holding a NUL character (PostgreSQL refuses it) with U+FFFD in its place', async () => {
    const name = 'Server\u0000room';
    const { alertid } = await store.db.insertInto('alerts').values({ ...alert('nul'), lockname: name }).returning('alertid').executeTakeFirstOrThrow();
    await store.db.updateTable('alerts').set({ detail: `detail ${name}` }).where('alertid', '=', alertid).execute();
    const found = await store.db.selectFrom('alerts').select(['lockname', 'detail']).where('lockname', 'in', [name, 'other']).execute();
    expect(found).toEqual([{ lockname: 'Server\uFFFDroom', detail: 'detail Server\uFFFDroom' }]);
    const raw = await sql<{ v: string }>`select ${name} as v`.execute(store.db);
    expect(raw.rows[0]?.v).toBe('Server\uFFFDroom');
  });

  it('gives JSON text back exactly as written', async () => {
    const lockids = JSON.stringify(['A1', 'Tür "Süd" \\ 🔒', '\u0001 tab\t newline\n']);
    const { alertid } = await store.db.insertInto('alerts').values(alert('json', lockids)).returning('alertid').executeTakeFirstOrThrow();
    const row = await store.db.selectFrom('alerts').select('lockids').where('alertid', '=', alertid).executeTakeFirstOrThrow();
    expect(row.lockids).toBe(lockids);
    expect(JSON.parse(row.lockids)).toEqual(['A1', 'Tür "Süd" \\ 🔒', '\u0001 tab\t newline\n']);
  });

  it('keeps one open alert per open_key, and any number of alerts without one', async () => {
    await store.db.insertInto('alerts').values(alert('rule:1:lock:A1')).execute();
    const duplicate = store.db.insertInto('alerts').values(alert('rule:1:lock:A1')).execute();
    const error = await duplicate.then(() => null, (e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);

    await store.db.insertInto('alerts').values([alert(null), alert(null), alert(null)]).execute();
    const keys = await store.db.selectFrom('alerts').select('open_key').orderBy('alertid').execute();
    expect(keys.map((k) => k.open_key)).toEqual(['rule:1:lock:A1', null, null, null]);
  });

  it('upserts a lease: taken when free, refused while another holds it, taken over once it expires', async () => {
    expect(await takeLease(store, 'copy-a', NOW, NOW + 30_000)).toBe('copy-a');
    expect(await takeLease(store, 'copy-b', NOW + 1_000, NOW + 31_000)).toBeUndefined();
    expect(await takeLease(store, 'copy-a', NOW + 10_000, NOW + 40_000)).toBe('copy-a');
    expect(await takeLease(store, 'copy-b', NOW + 40_001, NOW + 70_000)).toBe('copy-b');
    const leases = await store.db.selectFrom('leases').selectAll().execute();
    expect(leases).toEqual([{ name: 'notifier', holder: 'copy-b', expires_at: NOW + 70_000 }]);
  });

  it('rolls a failed transaction back', async () => {
    const failed = store.db.transaction().execute(async (trx) => {
      await trx.insertInto('contacts').values({ name: 'Ops', channel: 'email', address: 'ops@example.com', enabled: 1, failing: 0, created_at: NOW }).execute();
      await trx.insertInto('alerts').values(alert('twice')).execute();
      await trx.insertInto('alerts').values(alert('twice')).execute();
    });
    await expect(failed).rejects.toSatisfy(isUniqueViolation);
    expect(await store.db.selectFrom('contacts').selectAll().execute()).toEqual([]);
    expect(await store.db.selectFrom('alerts').selectAll().execute()).toEqual([]);
  });
});

describe.each(STORE_ENGINES)('opening the store on %s', (engine) => {
  it('runs the migrations at the first open and not again at the next, keeping the data', async () => {
    const options = await freshStoreOptions(engine);
    const first = await openStore(options);
    await first.db.insertInto('notifier_state').values({ key: 'cursor', value: '{"afterid":41}', updated_at: NOW }).execute();
    await first.close();

    const again = await openStore(options);
    try {
      const ran = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(again.db);
      expect(ran.rows.map((r) => r.name)).toEqual(Object.keys(storeMigrations(engine)));
      const state = await again.db.selectFrom('notifier_state').selectAll().execute();
      expect(state).toEqual([{ key: 'cursor', value: '{"afterid":41}', updated_at: NOW }]);
    } finally {
      await again.close();
    }
  }, 60_000);

  it('opens for two copies starting at once on one fresh store', async () => {
    const options = await freshStoreOptions(engine);
    const copies = await Promise.all([openStore(options), openStore(options), openStore(options)]);
    try {
      const tables = await copies[0].db.introspection.getTables();
      expect(tables.map((t) => t.name)).toContain('alerts');
      await copies[1].db.insertInto('leases').values({ name: 'x', holder: 'copy-b', expires_at: NOW }).execute();
      expect(await copies[2].db.selectFrom('leases').select('holder').execute()).toEqual([{ holder: 'copy-b' }]);
    } finally {
      await Promise.all(copies.map((c) => c.close()));
    }
  }, 60_000);
});

/** The claim pattern: one conditional UPDATE … RETURNING takes a due message that no live sender holds. */
async function claimOne(store: Store, now: number): Promise<string | undefined> {
  const free = (eb: ExpressionBuilder<Database, 'messages'>) =>
    eb.and([eb('state', '=', 'pending'), eb('next_attempt_at', '<=', now), eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)])]);
  const candidate = await store.db.selectFrom('messages').select('messageid').where(free).orderBy('next_attempt_at').limit(1).executeTakeFirst();
  if (!candidate) return undefined;
  const claimed = await store.db
    .updateTable('messages')
    .set({ claimed_until: now + 60_000 })
    .where('messageid', '=', candidate.messageid)
    .where(free)
    .returning('messageid')
    .executeTakeFirst();
  return claimed?.messageid ?? '';
}

describe.each(STORE_ENGINES)('two copies on one store on %s', (engine) => {
  it('claim each due message exactly once when they race for them', async () => {
    const options = await freshStoreOptions(engine);
    const [a, b] = await Promise.all([openStore(options), openStore(options)]);
    try {
      const ids = Array.from({ length: 40 }, (_, i) => `msg-${i}`);
      const message = (messageid: string) => ({ messageid, contactid: 1, alertid: 1, type: 'alert.opened', payload: '{}', state: 'pending', attempt: 0, next_attempt_at: NOW, created_at: NOW });
      await a.db.insertInto('messages').values(ids.map(message)).execute();
      const claimer = async (store: Store) => {
        const mine: string[] = [];
        for (let id = await claimOne(store, NOW); id !== undefined; id = await claimOne(store, NOW)) if (id) mine.push(id);
        return mine;
      };
      const claims = await Promise.all([claimer(a), claimer(b), claimer(a), claimer(b)]);
      expect(claims.flat().sort()).toEqual([...ids].sort());
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 60_000);
});

describe('a PostgreSQL store', () => {
  it('never shows the password of its DATABASE_URL', async () => {
    const { databaseUrl } = await freshStoreOptions('postgres');
    const url = new URL(databaseUrl ?? '');
    url.password = 'pg-S3cret-pw';
    const inUserInfo = await openStore({ databaseUrl: url.toString() });
    await inUserInfo.close();
    expect(inUserInfo.where).not.toContain('pg-S3cret-pw');
    expect(inUserInfo.where).toContain(`127.0.0.1:${url.port}`);

    url.password = '';
    url.searchParams.set('password', 'pg-S3cret-pw');
    const inQuery = await openStore({ databaseUrl: url.toString() });
    await inQuery.close();
    expect(inQuery.where).not.toContain('pg-S3cret-pw');
  }, 60_000);

  it('fails to open with a message naming the store when nothing listens there, without its password', async () => {
    const port = await freePort();
    const opening = openStore({ databaseUrl: `postgres://lockboard:pg-S3cret-pw@127.0.0.1:${port}/lockboard` });
    const error = await opening.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(new RegExp(`store \\(postgres://lockboard:\\*\\*\\*@127\\.0\\.0\\.1:${port}/lockboard\\)`));
    expect(message).toMatch(/could not be opened: .*ECONNREFUSED/);
    expect(message).not.toContain('pg-S3cret-pw');
  });

  it('outlives a PostgreSQL crash: queries fail while it is down and work again once it is back', async () => {
    const server = await testPostgres();
    const store = await openTestStore('postgres');
    await store.db.insertInto('leases').values({ name: 'notifier', holder: 'copy-a', expires_at: NOW }).execute();
    // Idle pooled connections, which the crash breaks under them (unheard, their errors would end the process).
    await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(store.db)));
    await server.kill();
    await expect(store.db.selectFrom('leases').selectAll().execute()).rejects.toThrow();
    await server.start();
    const holders = () => store.db.selectFrom('leases').select('holder').execute().then((rows) => rows.map((r) => r.holder), (e: unknown) => String(e));
    await expect.poll(holders, { timeout: 20_000 }).toEqual(['copy-a']);
  }, 60_000);
});
