import { formatInZone } from '@contract/platform-date';

/**
 * A pass's window as the form holds it: two `<input type="datetime-local">` values
 * ("YYYY-MM-DDTHH:mm") on the platform's wall clock, and the quick picks that fill them.
 */
export interface PassWindow {
  start: string;
  end: string;
}

const HOUR = 3_600_000;
const local = (wall: string) => wall.slice(0, 16).replace(' ', 'T');

/** Today 09:00–17:00 on the platform's clock. */
export function todayOfficeHours(now: number, zone: string): PassWindow {
  const day = formatInZone(now, zone).slice(0, 10);
  return { start: `${day}T09:00`, end: `${day}T17:00` };
}

/** From this minute, for `hours` hours. */
export function nextHours(now: number, zone: string, hours: number): PassWindow {
  const minute = Math.floor(now / 60_000) * 60_000;
  return { start: local(formatInZone(minute, zone)), end: local(formatInZone(minute + hours * HOUR, zone)) };
}

/** The value of a datetime-local input as the platform writes dates ("YYYY-MM-DD HH:mm:ss"); null when incomplete. */
export function toPlatformDate(value: string): string | null {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value.replace('T', ' ')}:00` : null;
}

/** What is wrong with the window, or null. */
export function windowError(window: PassWindow): { field: 'start' | 'end'; message: string } | null {
  const start = toPlatformDate(window.start);
  const end = toPlatformDate(window.end);
  if (!start) return { field: 'start', message: 'Choose when the pass starts.' };
  if (!end) return { field: 'end', message: 'Choose when the pass ends.' };
  if (end <= start) return { field: 'end', message: 'The end must be after the start.' };
  return null;
}
