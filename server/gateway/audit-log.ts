import { chmodSync } from 'node:fs';
import type { Transaction } from 'kysely';
import { type DestinationStream, type Logger, destination, multistream, pino } from 'pino';
import type { AuditAction, AuditResult } from '../../contract/audit';
import type { Role, User } from '../../contract/auth';
import type { AuditStore, NewAuditRecord } from '../audit/audit-store';
import { storedText } from '../audit/chain';
import type { Database } from '../store/schema';

export type { AuditAction } from '../../contract/audit';

export interface AuditEntry {
  action: AuditAction;
  result: AuditResult;
  /** Who: the signed-in user, or the email that was tried. Never a password or token. */
  user?: { userid?: number; email: string; name?: string; role?: Role };
  ip: string;
  lockid?: string;
  lockname?: string;
  command?: string;
  /** Access changes: the grant, the group it is to, the person whose access changed, how many grants ended. */
  grantid?: number;
  groupid?: number;
  groupname?: string;
  personid?: number;
  personname?: string;
  count?: number;
  /** A short reason, e.g. the platform's msg on a failed command. */
  detail?: string;
}

/** Who, as the audit log writes it: never more than id, email, name and role. */
export function auditUser(user: User): NonNullable<AuditEntry['user']> {
  return { userid: user.userid, email: user.email, name: user.name, role: user.role };
}

export interface AuditLog {
  /**
   * Writes the record (the store's hash chain, stdout, AUDIT_LOG). Await it before answering: a
   * change whose record cannot be written must not be reported as made. `within`: the transaction of
   * the change it records (a gateway-owned change), so that both commit or neither does.
   */
  record(entry: AuditEntry, within?: Transaction<Database>): Promise<void>;
  /** Writes out what is buffered (on shutdown). */
  flush(): void;
}

/** The audit file names people and addresses: readable by its owner only, even if it existed before. */
function privateFile(path: string) {
  const stream = destination({ dest: path, append: true, mkdir: true, sync: true, mode: 0o600 });
  chmodSync(path, 0o600);
  return stream;
}

/** Keys that must never be written, wherever they turn up. */
const REDACT = ['password', 'token', 'lock_password', 'passcode', '*.password', '*.token', '*.lock_password', '*.passcode'];

const SECRET_WORDS = /(password|passcode|token|secret)\s*[:=]\s*\S+/gi;

/** Free text as the store keeps it: bounded, and never `password=…` or the like (a platform's msg may echo one). */
function text(value: string | undefined, max: number): string | null {
  return value === undefined ? null : storedText(value.replace(SECRET_WORDS, '$1=[redacted]'), max);
}

/** An entry as a stored record (its chain link added by the store). */
export function auditRow(entry: AuditEntry, now: number): NewAuditRecord {
  return {
    date: now,
    userid: entry.user?.userid ?? null,
    username: text(entry.user?.name, 200),
    email: text(entry.user?.email, 320),
    role: entry.user?.role ?? null,
    action: entry.action,
    lockid: text(entry.lockid, 64),
    lockname: text(entry.lockname, 200),
    groupid: entry.groupid ?? null,
    groupname: text(entry.groupname, 200),
    grantid: entry.grantid ?? null,
    personid: entry.personid ?? null,
    personname: text(entry.personname, 200),
    command: text(entry.command, 40),
    count: entry.count ?? null,
    result: entry.result,
    detail: text(entry.detail, 2000),
    ip: storedText(entry.ip, 64),
  };
}

/**
 * The audit log: each record appended to the store's hash chain (when there is a store), then a JSON
 * line (pino) to stdout, and to AUDIT_LOG when set. Each line has `audit: true`, the action, its
 * result, the user, the IP and the time. A record the store refuses rejects: nothing is logged as done.
 */
export function createAuditLog(options: { file: string | null; stream?: DestinationStream; store?: AuditStore }): AuditLog & { logger: Logger } {
  const streams: DestinationStream[] = [options.stream ?? destination(1)];
  const file = options.file ? privateFile(options.file) : null;
  if (file) streams.push(file);
  const logger = pino(
    {
      base: { audit: true },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    multistream(streams),
  );
  return {
    logger,
    async record(entry, within) {
      if (options.store) {
        const row = await options.store.append(auditRow(entry, Date.now()), within);
        logger.info({ ...entry, auditid: row.auditid }, entry.action);
        return;
      }
      logger.info(entry, entry.action);
    },
    flush() {
      file?.flushSync();
    },
  };
}
