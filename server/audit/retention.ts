import type { AuditStore } from './audit-store';

const DAY_MS = 86_400_000;

type Log = { info(msg: string): void; warn(msg: string): void };

/**
 * AUDIT_RETENTION_DAYS: trims the audit trail now and then daily. Every copy may run it: trims take
 * turns with appends and the second finds nothing left to trim.
 */
export function startRetention(audit: AuditStore, retentionDays: number, log: Log): { stop(): void } {
  const run = () => {
    audit.trim(retentionDays).then(
      (count) => {
        if (count) log.info(`audit retention: ${count} records older than ${retentionDays} days removed, anchor written`);
      },
      (error: unknown) => log.warn(`audit retention failed: ${String(error)}`),
    );
  };
  run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
