import { chmodSync } from 'node:fs';
import { type DestinationStream, type Logger, destination, multistream, pino } from 'pino';
import type { Role, User } from '../../contract/auth';

export type AuditAction =
  | 'sign-in'
  | 'sign-in-failed'
  | 'sign-in-throttled'
  | 'sign-out'
  | 'session-ended'
  | 'password-reveal'
  | 'lock-command'
  | 'bulk-command'
  | 'activity-export'
  | 'grant'
  | 'grant-revoke'
  | 'offboard'
  | 'passcode-reveal'
  | 'access-denied'
  | 'request-refused'
  // Team alerts (team-alerts/): acknowledging, and changes to rules and contacts.
  | 'alert-ack'
  | 'rule-created'
  | 'rule-changed'
  | 'rule-deleted'
  | 'contact-created'
  | 'contact-changed'
  | 'contact-deleted'
  | 'contact-tested';

export interface AuditEntry {
  action: AuditAction;
  result: 'ok' | 'denied' | 'failed';
  /** Who: the signed-in user, or the email that was tried. Never a password or token. */
  user?: { userid?: number; email: string; role?: Role };
  ip: string;
  lockid?: string;
  command?: string;
  /** Access changes: the grant, the group it is to, the person whose access changed, how many grants ended. */
  grantid?: number;
  groupid?: number;
  personid?: number;
  count?: number;
  /** A short reason, e.g. the platform's msg on a failed command. */
  detail?: string;
}

/** Who, as the audit log writes it: never more than id, email and role. */
export function auditUser(user: User): NonNullable<AuditEntry['user']> {
  return { userid: user.userid, email: user.email, role: user.role };
}

export interface AuditLog {
  record(entry: AuditEntry): void;
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
    record(entry) {
      logger.info(entry, entry.action);
    },
    flush() {
      file?.flushSync();
    },
  };
}
