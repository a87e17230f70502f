import { formatInZone, platformDateToMs } from '@contract/platform-date';
import type { Sent } from '@/api/passes';

const dayOf = (wall: string) => wall.slice(0, 10);
const timeOf = (wall: string) => wall.slice(11, 16);

/**
 * "sent to a…@example.com at 10:42" (on the platform's clock; with the day when it is not today),
 * from a UTC date such as the gateway's `sent.date` or a grant's `code_sent_date`.
 */
export function describeSent(sent: Sent, now: number, zone: string): string {
  const when = describeWhen(sent.date, now, zone);
  return when === null ? `sent to ${sent.to}` : `sent to ${sent.to} ${when}`;
}

/** "at 10:42" today, "on 2026-12-06 at 10:42" another day (the platform's clock); null for no date. */
export function describeWhen(date: string, now: number, zone: string): string | null {
  const ms = platformDateToMs(date);
  if (ms === null) return null;
  const wall = formatInZone(ms, zone);
  const today = dayOf(formatInZone(now, zone));
  return `${dayOf(wall) === today ? '' : `on ${dayOf(wall)} `}at ${timeOf(wall)}`;
}
