/**
 * The one conversion between instants and the wall clock of an IANA time zone (PLUS_TIMEZONE, an
 * alert rule's zone), for the SPA, the gateway, the platform and the notifier alike.
 *
 * Everything goes through the zone's offset, which Intl gives for an instant and which is kept in
 * one cache: per zone and quarter hour, since zones change their offset on quarter hours only
 * (Asia/Kathmandu's +05:45 included). An unknown zone reads as UTC.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;
const QUARTER_HOUR = 15 * MINUTE;
/** Quarter hours remembered per zone before the zone's cache starts over (about 17 months). */
const QUARTERS_KEPT = 50_000;

const formats = new Map<string, Intl.DateTimeFormat | null>();
const offsets = new Map<string, Map<number, number>>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat | null {
  let format = formats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      format = null;
    }
    formats.set(timeZone, format);
  }
  return format;
}

/** True for an IANA time zone this runtime knows ("UTC", "Europe/Berlin"). */
export function isTimeZone(zone: string): boolean {
  return wallClockFormat(zone) !== null;
}

function offsetFromIntl(format: Intl.DateTimeFormat, at: number): number {
  const p = Object.fromEntries(format.formatToParts(new Date(at)).map((part) => [part.type, part.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(at / SECOND) * SECOND;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (0 for UTC or an unknown zone). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  const format = wallClockFormat(timeZone);
  if (!format) return 0;
  let byQuarter = offsets.get(timeZone);
  if (!byQuarter) {
    byQuarter = new Map();
    offsets.set(timeZone, byQuarter);
  }
  const quarter = Math.floor(instant / QUARTER_HOUR);
  let offset = byQuarter.get(quarter);
  if (offset === undefined) {
    offset = offsetFromIntl(format, quarter * QUARTER_HOUR);
    if (byQuarter.size >= QUARTERS_KEPT) byQuarter.clear();
    byQuarter.set(quarter, offset);
  }
  return offset;
}

/**
 * The wall clock at an instant, to the second, as epoch ms of the same date and time in UTC
 * (read it with getUTC*). 2025-06-02T10:00:00Z in Europe/Berlin is 2025-06-02T12:00:00Z.
 */
export function wallTimeMs(instant: number, timeZone: string): number {
  return Math.floor(instant / SECOND) * SECOND + zoneOffsetMs(instant, timeZone);
}

/**
 * The instant a wall-clock time (as wallTimeMs writes it) happens in `timeZone`: the zone's offset
 * at that instant; a second pass settles times near a DST change.
 */
export function instantOfWallTime(wall: number, timeZone: string): number {
  if (timeZone === 'UTC') return wall;
  const first = wall - zoneOffsetMs(wall, timeZone);
  return wall - zoneOffsetMs(first, timeZone);
}

export interface WallClock {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
  /** Seconds since the wall clock's midnight. */
  secondOfDay: number;
}

/** The wall clock of `timeZone` at an instant: its ISO weekday and second of the day. */
export function wallClockAt(instant: number, timeZone: string): WallClock {
  const wall = wallTimeMs(instant, timeZone);
  const dayStart = Math.floor(wall / DAY) * DAY;
  return {
    isoWeekday: ((new Date(dayStart).getUTCDay() + 6) % 7) + 1,
    secondOfDay: (wall - dayStart) / SECOND,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

function formatWallTime(wall: number): string {
  const d = new Date(wall);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** An instant as "YYYY-MM-DD HH:mm:ss" on the wall clock of `timeZone`. */
export function formatInZone(instant: number, timeZone: string): string {
  return formatWallTime(wallTimeMs(instant, timeZone));
}
