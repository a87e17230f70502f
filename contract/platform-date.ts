import { instantOfWallTime } from './wall-clock';

export { formatInZone, isTimeZone } from './wall-clock';

/**
 * A host's date and time: the vendor's "YYYY-MM-DD HH:mm:ss" (seconds and fractions optional) or ISO
 * 8601 with a `T`, fractions and a zone (`Z`, `UTC`, `+02:00`, `+0200`, `+02`). A zone-less value is a
 * wall-clock time in PLUS_TIMEZONE; a zone the host wrote wins over it.
 */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)? ?(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** Minutes east of UTC the host wrote, or null without a zone. */
  offsetMin: number | null;
}

function offsetMinutes(zone: string | undefined): number | null | undefined {
  if (zone === undefined) return null;
  if (/^(z|utc|gmt)$/i.test(zone)) return 0;
  const [, sign, hh, mm = '0'] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone) ?? [];
  if (Number(hh) > 23 || Number(mm) > 59) return undefined;
  return (sign === '-' ? -1 : 1) * (Number(hh) * 60 + Number(mm));
}

function dateParts(value: string): DateParts | null {
  const m = DATE_TIME.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number, number, number, number, number, number,
  ];
  const offsetMin = offsetMinutes(m[8]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (offsetMin === undefined || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  // Fractions beyond milliseconds are cut, not rounded: a time never moves into the next second.
  const ms = Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'));
  return { year, month, day, hour, minute, second, ms, offsetMin };
}

/** Epoch milliseconds of a host's date (see DATE_TIME), or null for a malformed or impossible one. */
export function platformDateToMs(value: string | null, timeZone = 'UTC'): number | null {
  if (!value) return null;
  const p = dateParts(value);
  if (!p) return null;
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms);
  if (p.offsetMin !== null) return wall - p.offsetMin * 60_000;
  return instantOfWallTime(wall, timeZone);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A host's date in one spelling: "YYYY-MM-DD HH:mm:ss" (fractions dropped), followed by the zone
 * ("Z" or "+02:00") when the host wrote one; null when it is not a date.
 */
export function normalizePlatformDate(value: string): string | null {
  const p = dateParts(value);
  if (!p) return null;
  const wall = `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
  if (p.offsetMin === null) return wall;
  if (p.offsetMin === 0) return `${wall}Z`;
  const abs = Math.abs(p.offsetMin);
  return `${wall}${p.offsetMin < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
