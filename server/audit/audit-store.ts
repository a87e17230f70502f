import { type Kysely, type SelectQueryBuilder, type Transaction, sql } from 'kysely';
import type { AuditAction, AuditResult } from '../../contract/audit';
import { toPlatformDate } from '../../contract/envelope';
import type { Database } from '../store/schema';
import type { Store } from '../store/store';
import { type AuditContent, type ChainAnchor, ChainWalker, type ChainVerdict, GENESIS_HASH, type StoredAuditRecord, recordHash, storedContent } from './chain';

/** One advisory lock key for every gateway copy on one PostgreSQL: appends (and trims) take turns. */
const APPEND_LOCK_KEY = 0x4c42_4144; // "LBAD"
const BATCH = 500;
const DAY_MS = 86_400_000;

/** A new record: its content but the chain link, which append() fills in. */
export type NewAuditRecord = Omit<AuditContent, 'prev_hash'>;

/** What /api/audit filters on (ids as numbers, dates as epoch ms; `to` exclusive). */
export interface AuditQuery {
  userid?: number;
  actions?: readonly AuditAction[];
  lockid?: string;
  groupid?: number;
  personid?: number;
  result?: AuditResult;
  fromMs?: number;
  toMs?: number;
}

type AuditSelect = SelectQueryBuilder<Database, 'audit_records', StoredAuditRecord>;

function filtered(query: AuditSelect, filters: AuditQuery): AuditSelect {
  let q = query;
  if (filters.userid !== undefined) q = q.where('userid', '=', filters.userid);
  if (filters.actions?.length) q = q.where('action', 'in', filters.actions);
  if (filters.lockid !== undefined) q = q.where('lockid', '=', filters.lockid);
  if (filters.groupid !== undefined) q = q.where('groupid', '=', filters.groupid);
  if (filters.personid !== undefined) q = q.where('personid', '=', filters.personid);
  if (filters.result !== undefined) q = q.where('result', '=', filters.result);
  if (filters.fromMs !== undefined) q = q.where('date', '>=', filters.fromMs);
  if (filters.toMs !== undefined) q = q.where('date', '<', filters.toMs);
  return q;
}

const ANCHOR_TEXT = /continues at record (\d+) from hash ([0-9a-f]{64})/;

/**
 * The audit trail in the gateway's store: appended one at a time (each record carries the hash of
 * the one before), read newest first, verified by walking the chain, trimmed only from the oldest end.
 */
export class AuditStore {
  constructor(private readonly store: Store) {}

  private get db(): Kysely<Database> {
    return this.store.db;
  }

  /**
   * Appends one record: reads the head's hash and inserts after it in one transaction (`within`: the
   * caller's, so that a change and its record commit together). PostgreSQL: an advisory lock makes every
   * copy take turns; SQLite: its one connection runs one transaction at a time.
   */
  async append(entry: NewAuditRecord, within?: Transaction<Database>): Promise<StoredAuditRecord> {
    if (within) return this.appendIn(within, entry);
    return this.db.transaction().execute((trx) => this.appendIn(trx, entry));
  }

  private async appendIn(trx: Transaction<Database>, entry: NewAuditRecord): Promise<StoredAuditRecord> {
    await this.takeTurn(trx);
    const head = await trx.selectFrom('audit_records').select('hash').orderBy('auditid', 'desc').limit(1).executeTakeFirst();
    const content: AuditContent = storedContent({ ...entry, prev_hash: head?.hash ?? GENESIS_HASH });
    return trx
      .insertInto('audit_records')
      .values({ ...content, hash: recordHash(content) })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  private async takeTurn(trx: Transaction<Database>): Promise<void> {
    if (this.store.dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(${APPEND_LOCK_KEY})`.execute(trx);
      return;
    }
    // SQLite: a write first takes the file's write lock (waiting out busy_timeout), as BEGIN IMMEDIATE
    // would, so that a second process on the same file waits instead of reading a head about to change.
    await sql`update audit_records set hash = hash where 1 = 0`.execute(trx);
  }

  /** Newest first, older than `beforeid` when given. */
  async list(filters: AuditQuery, beforeid: number | undefined, limit: number): Promise<StoredAuditRecord[]> {
    let query = filtered(this.db.selectFrom('audit_records').selectAll(), filters);
    if (beforeid !== undefined) query = query.where('auditid', '<', beforeid);
    return query.orderBy('auditid', 'desc').limit(limit).execute();
  }

  /** Every matching record, newest first, a batch at a time (never the whole table in memory). */
  async *exportRows(filters: AuditQuery): AsyncGenerator<StoredAuditRecord[]> {
    let beforeid: number | undefined;
    for (;;) {
      const batch = await this.list(filters, beforeid, BATCH);
      if (batch.length) yield batch;
      if (batch.length < BATCH) return;
      beforeid = batch[batch.length - 1]?.auditid;
    }
  }

  /** Walks the kept chain from its anchor, in batches, to the first record that does not fit. */
  async verify(): Promise<ChainVerdict> {
    const walker = new ChainWalker(await this.anchor());
    let after = 0;
    while (!walker.done) {
      const batch = await this.db.selectFrom('audit_records').selectAll().where('auditid', '>', after).orderBy('auditid').limit(BATCH).execute();
      walker.check(batch);
      if (batch.length < BATCH) break;
      after = batch[batch.length - 1]?.auditid ?? after;
    }
    return walker.verdict();
  }

  /** Where the kept chain starts: the newest retention anchor's word, or the very first record. */
  private async anchor(): Promise<ChainAnchor> {
    const latest = await this.db
      .selectFrom('audit_records')
      .select('detail')
      .where('action', '=', 'retention-anchor')
      .orderBy('auditid', 'desc')
      .limit(1)
      .executeTakeFirst();
    const match = latest?.detail ? ANCHOR_TEXT.exec(latest.detail) : null;
    return match ? { auditid: Number(match[1]), prev_hash: match[2] ?? GENESIS_HASH } : { auditid: null, prev_hash: GENESIS_HASH };
  }

  /**
   * Deletes the records older than `retentionDays` (a prefix of ids: the oldest end only) and appends a
   * `retention-anchor` record saying where the kept chain now starts and from which hash. Nothing to
   * trim: nothing written (idempotent; copies take turns).
   */
  async trim(retentionDays: number, now = Date.now()): Promise<number> {
    const cutoff = now - retentionDays * DAY_MS;
    return this.db.transaction().execute(async (trx) => {
      await this.takeTurn(trx);
      const head = await trx.selectFrom('audit_records').select('auditid').orderBy('auditid', 'desc').limit(1).executeTakeFirst();
      // The newest record is always kept: the chain goes on from it.
      const old = await trx
        .selectFrom('audit_records')
        .select('auditid')
        .where('date', '<', cutoff)
        .where('auditid', '<', head?.auditid ?? 0)
        .orderBy('auditid', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!old) return 0;
      const first = await trx
        .selectFrom('audit_records')
        .select(['auditid', 'prev_hash'])
        .where('auditid', '>', old.auditid)
        .orderBy('auditid')
        .limit(1)
        .executeTakeFirstOrThrow();
      const deleted = await trx.deleteFrom('audit_records').where('auditid', '<=', old.auditid).executeTakeFirst();
      const count = Number(deleted.numDeletedRows);
      await this.appendIn(trx, {
        ...ANCHOR_ENTRY,
        date: now,
        count,
        detail: `${count} records before ${toPlatformDate(new Date(cutoff))} UTC removed by retention (${retentionDays} days); the chain continues at record ${first.auditid} from hash ${first.prev_hash}`,
      });
      return count;
    });
  }
}

const ANCHOR_ENTRY = {
  userid: null, username: null, email: null, role: null, action: 'retention-anchor', lockid: null, lockname: null, groupid: null,
  groupname: null, grantid: null, personid: null, personname: null, command: null, result: 'ok', ip: '-',
} as const satisfies Partial<NewAuditRecord>;
