import { portableIntl } from './portable-intl';

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'long' });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "just now", "5 minutes ago", "in 2 hours" (for a clock that is ahead). */
export function formatRelative(ms: number, now: number): string {
  const seconds = Math.round((ms - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  for (const [unit, size] of UNITS) {
    if (abs >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(Math.round(seconds / 60), 'minute');
}

/** Seconds since, for "Updated 12 s ago". */
export function formatSecondsAgo(ms: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - ms) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.floor(minutes / 60)} h ago`;
}

/** The locale and time zone numbers and dates are written in. */
export interface FormatIntl {
  locale: string;
  timeZone: string;
}

let intlSource: () => FormatIntl | null = () => null;

/**
 * Where the formatters below take the viewer's locale and zone from (null: the runtime's own). A
 * server-rendered page must be written as its browser writes it, or hydration fails on "22.5" against
 * "22,5": the server renderer gives each request's (entry-server.tsx), a hydrating browser the one its
 * page was rendered with (start.tsx).
 */
export function setFormatIntl(source: () => FormatIntl | null): () => FormatIntl | null {
  const previous = intlSource;
  intlSource = source;
  return previous;
}

const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
/** One formatter per kind and locale/zone, made on first use. */
function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(kind: string, make: (intl: FormatIntl | null) => T): T {
  const intl = intlSource();
  const key = `${kind} ${intl?.locale ?? ''} ${intl?.timeZone ?? ''}`;
  let found = formatters.get(key);
  if (!found) {
    // Bounded: a server sees as many locales and zones as its viewers have (a handful in practice).
    if (formatters.size >= 256) formatters.clear();
    found = make(intl);
    formatters.set(key, found);
  }
  return found as T;
}

/** Local date and time to the second, for hover titles. */
export function formatExact(ms: number): string {
  return portableIntl(formatter('exact', (intl) => new Intl.DateTimeFormat(intl?.locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: intl?.timeZone })).format(ms));
}

/** Local HH:MM:SS. */
export function formatClock(ms: number): string {
  return portableIntl(
    formatter(
      'clock',
      (intl) => new Intl.DateTimeFormat(intl?.locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: intl?.timeZone }),
    ).format(ms),
  );
}

export function formatTemperature(celsius: number | null): string {
  if (celsius === null) return '—';
  return `${portableIntl(formatter('one-decimal', (intl) => new Intl.NumberFormat(intl?.locale, { maximumFractionDigits: 1 })).format(celsius))} °C`;
}

export function formatCount(n: number): string {
  return portableIntl(formatter('whole', (intl) => new Intl.NumberFormat(intl?.locale)).format(n));
}

/** "1 lock", "240 locks". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
