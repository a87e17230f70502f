import type { Severity } from '@contract/team-alerts';
import type { Tone } from '@/components/badge';

/** Each severity's word and colour: the word carries the meaning, the colour repeats it. */
export const SEVERITY: Record<Severity, { label: string; tone: Tone }> = {
  critical: { label: 'Critical', tone: 'red' },
  warning: { label: 'Warning', tone: 'amber' },
  info: { label: 'Info', tone: 'blue' },
};

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dayAndClock = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "21:14" today, "5 Dec, 21:14" another day. */
export function formatWhen(ms: number, now = Date.now()): string {
  return new Date(ms).toDateString() === new Date(now).toDateString() ? clock.format(ms) : dayAndClock.format(ms);
}

/** Where an alert leads: its door, else the inbox. */
export function alertHref(lockid: string | null): string {
  return lockid ? `/locks/${encodeURIComponent(lockid)}` : '/alerts';
}
