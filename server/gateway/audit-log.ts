import { chmodSync } from 'node:fs';
import { type DestinationStream, type Logger, destination, multistream, pino } from 'pino';
import type { AuditAction, AuditResult } from '../../contract/audit';
import type { Role, User } from '../../contract/auth';

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
   * change whose record cannot be written must not be reported as made.
   */
  record(entry: AuditEntry): Promise<void>;
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

/**
 * The audit log: JSON lines (pino) to stdout, and appended to AUDIT_LOG when set.
 * Each line has `audit: true`, the action, its result, the user, the IP and the time.
 */
export function createAuditLog(options: { file: string | null; stream?: DestinationStream }): AuditLog & { logger: Logger } {
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
    async record(entry) {
      logger.info(entry, entry.action);
    },
    flush() {
      file?.flushSync();
    },
  };
}
