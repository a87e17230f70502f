import type { PlatformLock } from '../../../contract/locks';

/** The columns of a lock as the vendor names them, in the vendor's order, then ours. */
export const LOCK_COLUMNS = `lockuserid, lockid, lockname, lock_open_status, lock_online_status, battery_level,
  lock_ssid, lock_password, mac_address, temperature, lock_model, online_updated_date, lock_pic, relock_at`;

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
