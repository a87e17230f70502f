import { sql } from 'kysely';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { STORE_ENGINES, closeTestStores, freshStoreOptions, openTestStore } from '../../test-support/store-engines';
import { openStore, type Store } from '../store/store';
import { AuditStore, type NewAuditRecord } from './audit-store';
import { GENESIS_HASH, recordHash } from './chain';

const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);

function entry(n: number, date = NOW): NewAuditRecord {
  return {
    date, userid: 7, username: 'Demo Manager', email: 'manager@lockboard.local', role: 'manager', action: 'lock-command',
    lockid: `L${n}`, lockname: `HQ · Door ${n}`, groupid: null, groupname: null, grantid: null, personid: null, personname: null,
    command: 'unlock', count: null, result: 'ok', detail: `unlocked ${n}`, ip: '127.0.0.1',
  };
}

async function appendMany(audit: AuditStore, count: number, date = NOW): Promise<number[]> {
  const ids: number[] = [];
  for (let n = 1; n <= count; n += 1) ids.push((await audit.append(entry(n, date))).auditid);
  return ids;
}

afterAll(closeTestStores);

describe.each(STORE_ENGINES)('the audit chain on %s', (engine) => {
  let store: Store;
  let audit: AuditStore;
  beforeEach(async () => {
    store = await openTestStore(engine);
    audit = new AuditStore(store);
  });

  it('links each record to the one before and verifies', async () => {
    const ids = await appendMany(audit, 5);
    const rows = await store.db.selectFrom('audit_records').selectAll().orderBy('auditid').execute();
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    expect(rows[3]?.prev_hash).toBe(rows[2]?.hash);
    expect(rows.map((r) => recordHash(r) === r.hash)).toEqual([true, true, true, true, true]);
    expect(await audit.verify()).toEqual({ ok: true, checked: ids.length, first_bad_auditid: null, first_bad_why: null });
  });

  it('keeps text as both engines store it, so that a record with NUL or a lone surrogate still verifies', async () => {
    await audit.append({ ...entry(1), detail: 'a\u0000b \uD800 c', lockname: 'é · 🔒' });
    expect(await audit.verify()).toMatchObject({ ok: true, checked: 1 });
  });

  it('names a record changed directly in the database', async () => {
    const ids = await appendMany(audit, 5);
    await store.db.updateTable('audit_records').set({ detail: 'nothing happened' }).where('auditid', '=', ids[2]!).execute();
    expect(await audit.verify()).toEqual({ ok: false, checked: 2, first_bad_auditid: ids[2], first_bad_why: 'changed' });
  });

  it('names a record removed from the middle, and the first one removed', async () => {
    const ids = await appendMany(audit, 5);
    await store.db.deleteFrom('audit_records').where('auditid', '=', ids[3]!).execute();
    expect(await audit.verify()).toMatchObject({ ok: false, first_bad_auditid: ids[3], first_bad_why: 'removed' });
    await store.db.deleteFrom('audit_records').where('auditid', '=', ids[0]!).execute();
    expect(await audit.verify()).toMatchObject({ ok: false, first_bad_auditid: ids[0], first_bad_why: 'removed' });
  });

  it('names a record inserted with a hash of its own but the wrong link', async () => {
    const ids = await appendMany(audit, 3);
    const rows = await store.db.selectFrom('audit_records').selectAll().orderBy('auditid').execute();
    // A forged record that links to the first record, not to the head.
    const forged = { ...entry(9), prev_hash: rows[0]!.hash };
    const inserted = await store.db.insertInto('audit_records').values({ ...forged, hash: recordHash(forged) }).returning('auditid').executeTakeFirstOrThrow();
    expect(await audit.verify()).toEqual({ ok: false, checked: ids.length, first_bad_auditid: inserted.auditid, first_bad_why: 'inserted' });
  });

  it('walks a chain longer than one batch', async () => {
    // Built here and inserted in bulk: 1,203 appends one by one take too long on PostgreSQL.
    let prev = GENESIS_HASH;
    const rows = Array.from({ length: 1_203 }, (_, n) => {
      const content = { ...entry(n), prev_hash: prev };
      prev = recordHash(content);
      return { ...content, hash: prev };
    });
    for (let at = 0; at < rows.length; at += 200) await store.db.insertInto('audit_records').values(rows.slice(at, at + 200)).execute();
    expect(await audit.verify()).toMatchObject({ ok: true, checked: 1_203 });
  });

  it('trims the oldest records with an anchor, still verifies, and still finds a later deletion', async () => {
    const old = await appendMany(audit, 4, NOW - 500 * DAY_MS);
    const kept = await appendMany(audit, 4, NOW - DAY_MS);
    expect(await audit.trim(400, NOW)).toBe(old.length);
    expect(await audit.trim(400, NOW)).toBe(0);
    const left = await store.db.selectFrom('audit_records').select(['auditid', 'action', 'count']).orderBy('auditid').execute();
    expect(left.map((r) => r.auditid).slice(0, 4)).toEqual(kept);
    expect(left.at(-1)).toMatchObject({ action: 'retention-anchor', count: old.length });
    expect(await audit.verify()).toEqual({ ok: true, checked: kept.length + 1, first_bad_auditid: null, first_bad_why: null });

    await store.db.deleteFrom('audit_records').where('auditid', '=', kept[2]!).execute();
    expect(await audit.verify()).toMatchObject({ ok: false, first_bad_auditid: kept[2], first_bad_why: 'removed' });
  });

  it('after trimming, finds the oldest kept record removed', async () => {
    await appendMany(audit, 3, NOW - 500 * DAY_MS);
    const kept = await appendMany(audit, 3, NOW);
    await audit.trim(400, NOW);
    await store.db.deleteFrom('audit_records').where('auditid', '=', kept[0]!).execute();
    expect(await audit.verify()).toMatchObject({ ok: false, first_bad_auditid: kept[0], first_bad_why: 'removed' });
  });

  it('lists newest first by filter and pages by beforeid; the export reads every match in batches', async () => {
    await appendMany(audit, 3);
    await audit.append({ ...entry(4), action: 'password-reveal', command: null });
    await audit.append({ ...entry(5), action: 'password-reveal', command: null, userid: 8, result: 'failed' });
    const reveals = await audit.list({ actions: ['password-reveal'] }, undefined, 10);
    expect(reveals.map((r) => r.lockid)).toEqual(['L5', 'L4']);
    expect((await audit.list({ actions: ['password-reveal'] }, reveals[0]!.auditid, 10)).map((r) => r.lockid)).toEqual(['L4']);
    expect((await audit.list({ userid: 8 }, undefined, 10)).map((r) => r.lockid)).toEqual(['L5']);
    expect((await audit.list({ result: 'failed', lockid: 'L5' }, undefined, 10)).map((r) => r.lockid)).toEqual(['L5']);
    expect(await audit.list({ fromMs: NOW + 1 }, undefined, 10)).toEqual([]);
    const batches: number[] = [];
    for await (const batch of audit.exportRows({ actions: ['lock-command'] })) batches.push(batch.length);
    expect(batches).toEqual([3]);
  });

  it('never forks the chain when appends run at once', async () => {
    const entries = Array.from({ length: 40 }, (_, n) => entry(n));
    await Promise.all(entries.map((e) => audit.append(e)));
    expect(await audit.verify()).toMatchObject({ ok: true, checked: 40 });
  });
});

describe('two gateway copies on one PostgreSQL', () => {
  it('append in turns: the chain never forks', async () => {
    const options = await freshStoreOptions('postgres');
    const [a, b] = await Promise.all([openStore(options), openStore(options)]);
    try {
      const copies = [new AuditStore(a), new AuditStore(b)];
      await Promise.all(Array.from({ length: 60 }, (_, n) => copies[n % 2]!.append(entry(n))));
      expect(await copies[0]!.verify()).toEqual({ ok: true, checked: 60, first_bad_auditid: null, first_bad_why: null });
      const heads = await sql<{ n: number }>`select count(distinct prev_hash) as n from audit_records`.execute(a.db);
      expect(Number(heads.rows[0]?.n)).toBe(60);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
