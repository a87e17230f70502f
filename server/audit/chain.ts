import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { ChainBreak } from '../../contract/audit';
import type { AuditRecordTable } from '../store/schema';

/** The `prev_hash` of the very first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** A record's content: every column but its id and hash. */
export type AuditContent = Omit<Selectable<AuditRecordTable>, 'auditid' | 'hash'>;
export type StoredAuditRecord = Selectable<AuditRecordTable>;

/** The canonical order of the hashed fields. Never reorder: every stored hash depends on it. */
const CANONICAL_FIELDS = [
  'date', 'userid', 'username', 'email', 'role', 'action', 'lockid', 'lockname', 'groupid', 'groupname',
  'grantid', 'personid', 'personname', 'command', 'count', 'result', 'detail', 'ip',
] as const satisfies readonly (keyof AuditContent)[];

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as both engines store it (hashed before writing, verified after reading: the two must agree):
 * NUL and lone surrogates become U+FFFD, as the store's NulSafePlugin and UTF-8 encoding do.
 */
export function storedText(value: string, max: number): string {
  return value.slice(0, max).replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATE, '\uFFFD');
}

/** Every text field as the store will keep it (hashing what is written, not what was asked). */
export function storedContent<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, typeof value === 'string' ? storedText(value, value.length) : value])) as T;
}

/** The canonical form: a JSON array of the content fields in CANONICAL_FIELDS order. */
export function canonicalForm(record: AuditContent): string {
  return JSON.stringify(CANONICAL_FIELDS.map((field) => record[field] ?? null));
}

/** hash = SHA-256 (hex) of prev_hash followed by the canonical form. */
export function recordHash(record: AuditContent): string {
  return createHash('sha256').update(record.prev_hash).update(canonicalForm(record)).digest('hex');
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  first_bad_auditid: number | null;
  first_bad_why: ChainBreak | null;
}

/** Where the kept chain starts: the first record's id (null: any) and the hash it continues from. */
export interface ChainAnchor {
  auditid: number | null;
  prev_hash: string;
}

/**
 * Walks records in id order, batch by batch (feed each batch to `check`; `verdict()` at the end).
 * - changed: a record's hash does not match its content;
 * - removed: its prev_hash is not the hash of the record before it and ids skip (the missing id named);
 * - inserted: a prev_hash mismatch without an id gap, or an id out of order.
 */
export class ChainWalker {
  private checked = 0;
  private last: { auditid: number; hash: string } | null = null;
  private bad: { auditid: number; why: ChainBreak } | null = null;

  constructor(private readonly anchor: ChainAnchor) {}

  get done(): boolean {
    return this.bad !== null;
  }

  check(records: readonly StoredAuditRecord[]): void {
    for (const record of records) {
      if (this.bad) return;
      this.bad = this.breakAt(record);
      if (this.bad) return;
      this.checked += 1;
      this.last = { auditid: record.auditid, hash: record.hash };
    }
  }

  private breakAt(record: StoredAuditRecord): { auditid: number; why: ChainBreak } | null {
    if (this.last && record.auditid <= this.last.auditid) return { auditid: record.auditid, why: 'inserted' };
    if (recordHash(record) !== record.hash) return { auditid: record.auditid, why: 'changed' };
    const expected = this.last ? this.last.hash : this.anchor.prev_hash;
    const firstId = this.last ? this.last.auditid + 1 : this.anchor.auditid;
    if (record.prev_hash === expected && (this.last || firstId === null || record.auditid === firstId)) return null;
    // Before the first record ever there is nothing, so a first record after id 1 that does not start the chain follows a removed one.
    const gapFrom = firstId ?? 1;
    if (record.auditid > gapFrom) return { auditid: gapFrom, why: 'removed' };
    return { auditid: record.auditid, why: 'inserted' };
  }

  /** After the last batch. An anchor that names its first record finds it missing in an empty walk. */
  verdict(): ChainVerdict {
    if (this.bad) return { ok: false, checked: this.checked, first_bad_auditid: this.bad.auditid, first_bad_why: this.bad.why };
    if (this.last === null && this.anchor.auditid !== null) {
      return { ok: false, checked: 0, first_bad_auditid: this.anchor.auditid, first_bad_why: 'removed' };
    }
    return { ok: true, checked: this.checked, first_bad_auditid: null, first_bad_why: null };
  }
}

/** Verifies records given whole (small chains, tests): the same rules as the store's batched walk. */
export function verifyChain(records: readonly StoredAuditRecord[], anchor: ChainAnchor = { auditid: null, prev_hash: GENESIS_HASH }): ChainVerdict {
  const walker = new ChainWalker(anchor);
  walker.check(records);
  return walker.verdict();
}
