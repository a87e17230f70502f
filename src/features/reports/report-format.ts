import { formatInZone, platformDateToMs } from '@contract/platform-date';
import { portableIntl } from '@/lib/portable-intl';
import { plural } from '@/lib/format';

const DAY_MS = 86_400_000;

/** "98.75 %", or "—" when the platform did not say. */
export function formatPct(value: number | null): string {
  return value === null ? '—' : `${portableIntl(value.toLocaleString(undefined, { maximumFractionDigits: 2 }))} %`;
}

/** "1.2 % a day", or "—" without a drain; on a narrow screen it wraps before "a day", never inside "1.2 %". */
export function formatDrain(value: number | null): string {
  return value === null ? '—' : `${portableIntl(value.toLocaleString(undefined, { maximumFractionDigits: 2 }))}\u00a0% a day`;
}

/** "3 h 20 min", "45 min", "2 d 4 h". */
export function formatDuration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return hours % 24 ? `${Math.floor(hours / 24)} d ${hours % 24} h` : `${Math.floor(hours / 24)} d`;
}

/** A due date (UTC from the platform) as the day it falls on in the platform's zone, and how far off it is. */
export function dueDate(criticalDate: string | null, timeZone: string, now: number): { day: string; relative: string } | null {
  const ms = platformDateToMs(criticalDate, 'UTC');
  if (ms === null) return null;
  const day = formatInZone(ms, timeZone).slice(0, 10);
  if (ms <= now) return { day, relative: 'overdue' };
  const days = Math.round((ms - now) / DAY_MS);
  return { day, relative: days === 0 ? 'today' : `in ${plural(days, 'day')}` };
}
