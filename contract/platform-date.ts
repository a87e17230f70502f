/**
 * The platform sends "YYYY-MM-DD HH:mm:ss" without a zone; it is read in PLUS_TIMEZONE (UTC by
 * default). Returns epoch milliseconds, or null for a malformed or impossible date.
 */
export function platformDateToMs(value: string | null, timeZone = 'UTC'): number | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((part) => Number(part ?? 0)) as [
    number, number, number, number, number, number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  if (timeZone === 'UTC') return wall;
  // The zone's offset at that instant; a second pass settles times near a DST change.
  const first = wall - offsetMs(wall, timeZone);
  return wall - offsetMs(first, timeZone);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** True for an IANA time zone this runtime knows ("UTC", "Europe/Berlin"). */
export function isTimeZone(zone: string): boolean {
  return wallClockFormat(zone) !== null;
}

function wallClockFormat(timeZone: string): Intl.DateTimeFormat | null {
  let format = formatters.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      return null;
    }
    formatters.set(timeZone, format);
  }
  return format;
}

function wallClock(instant: number, timeZone: string): Record<string, string> | null {
  const format = wallClockFormat(timeZone);
  return format ? Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value])) : null;
}

/** An instant as "YYYY-MM-DD HH:mm:ss" on the wall clock of `timeZone`. */
export function formatInZone(instant: number, timeZone: string): string {
  const p = wallClock(instant, timeZone) ?? wallClock(instant, 'UTC') ?? {};
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

function offsetMs(instant: number, timeZone: string): number {
  const parts = wallClock(instant, timeZone);
  if (!parts) return 0;
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}
