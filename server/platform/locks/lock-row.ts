import type { PlatformLock } from '../../../contract/locks';

/** The columns of a lock as the vendor names them, in the vendor's order, then ours. */
export const LOCK_COLUMNS = `lockuserid, lockid, lockname, lock_open_status, lock_online_status, battery_level,
  lock_ssid, lock_password, mac_address, temperature, lock_model, online_updated_date, lock_pic, relock_at, lockdown`;

export interface LockRow extends Omit<PlatformLock, 'temperature'> {
  temperature: number | null;
}

/** "25", "21.5": the vendor sends temperatures as strings. */
export function formatTemperature(value: number | null): string | null {
  if (value === null) return null;
  return String(Math.round(value * 10) / 10);
}

export function toLock(row: LockRow): PlatformLock {
  return { ...row, temperature: formatTemperature(row.temperature) };
}

/**
 * Whether an answer to this account must leave `lock_password` out: anyone signed in but a manager
 * (support, the notifier's service account). A platform run without sign-in answers as the vendor does.
 */
export function hidesPasswords(account: { role: string } | null): boolean {
  return account !== null && account.role !== 'manager';
}

/** A lock without its password (for accounts that may not see it), or as it is. */
export function lockFor<T extends { lock_password?: unknown }>(lock: T, hide: boolean): T {
  if (!hide) return lock;
  const { lock_password: _secret, ...rest } = lock;
  return rest as T;
}
