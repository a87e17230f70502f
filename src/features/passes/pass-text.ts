export { describeSent } from '@/features/access/sent-text';
import type { Sent } from '@/api/passes';
import type { PassStatus } from '@contract/people';
import type { Tone } from '@/components/badge';

/** A pass's status in words, and the badge's tone that repeats it. */
export const PASS_STATUS: Record<PassStatus, { label: string; tone: Tone }> = {
  scheduled: { label: 'Scheduled', tone: 'blue' },
  active: { label: 'Active', tone: 'green' },
  expired: { label: 'Expired', tone: 'gray' },
  ended: { label: 'Ended', tone: 'gray' },
};

/** Whether the pass can still open a door (and so can be resent or ended). */
export const isLive = (status: PassStatus) => status === 'scheduled' || status === 'active';

const dayOf = (wall: string) => wall.slice(0, 10);
const timeOf = (wall: string) => wall.slice(11, 16);

/** "2026-12-07 09:00–17:00", or across days "2026-12-07 22:00 – 2026-12-08 06:00" (the platform's wall clock). */
export function describeWindow(start: string, end: string): string {
  if (dayOf(start) === dayOf(end)) return `${dayOf(start)} ${timeOf(start)}–${timeOf(end)}`;
  return `${dayOf(start)} ${timeOf(start)} – ${dayOf(end)} ${timeOf(end)}`;
}

/** "a…@example.com" (as the gateway masks it, contract/people.ts maskEmail). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 1 ? '…' : `${email[0]}…${email.slice(at)}`;
}

/** Where a pass's current code went: its visitor's address masked, or "hidden" from this account. */
export function passSent(email: string | null, date: string): Sent {
  return { to: email === null ? '(e-mail hidden)' : maskEmail(email), date };
}
