import type { Lock } from '@/api/locks';
import type { Schedule, ScheduleWindow } from '@/api/schedules';
import { formatInZone, platformDateToMs } from '@contract/platform-date';

export const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** The quick picks of the schedule form. */
export const QUICK_PICKS: readonly { label: string; windows: ScheduleWindow[] }[] = [
  { label: 'Business hours (Mon–Fri 08:00–18:00)', windows: [{ days: '12345', from: '08:00', to: '18:00' }] },
  { label: 'Weekdays, all day', windows: [{ days: '12345', from: '00:00', to: '24:00' }] },
  { label: '24/7', windows: [{ days: '1234567', from: '00:00', to: '24:00' }] },
];

/** "12345" → "Mon–Fri", "135" → "Mon, Wed, Fri", "1234567" → "Every day". */
export function daysInWords(days: string): string {
  const chosen = [...new Set(days)].map(Number).filter((d) => d >= 1 && d <= 7).sort();
  if (chosen.length === 7) return 'Every day';
  const runs: number[][] = [];
  for (const day of chosen) {
    const last = runs.at(-1);
    if (last && last.at(-1) === day - 1) last.push(day);
    else runs.push([day]);
  }
  return runs
    .map((run) => (run.length >= 3 ? `${DAY_NAMES[(run[0] ?? 1) - 1]}–${DAY_NAMES[(run.at(-1) ?? 1) - 1]}` : run.map((d) => DAY_NAMES[d - 1]).join(', ')))
    .join(', ');
}

/** "Mon–Fri 08:00–18:00", "Every day all day", "Fri 22:00–06:00 (overnight)". */
export function windowInWords({ days, from, to }: ScheduleWindow): string {
  const when = from === '00:00' && to === '24:00' ? 'all day' : `${from}–${to}${to < from ? ' (overnight)' : ''}`;
  return `${daysInWords(days)} ${when}`;
}

export function windowsInWords(windows: readonly ScheduleWindow[]): string {
  return windows.length === 0 ? 'No windows: never unlocks' : windows.map(windowInWords).join('; ');
}

const dayMs = 86_400_000;
const dateOf = (ms: number, zone: string) => formatInZone(ms, zone).slice(0, 10);

/** "18:00" (today), "08:00 tomorrow", "08:00 on Wed 9 Dec", on the wall clock of `zone`. */
export function whenInWords(ms: number, now: number, zone: string): string {
  const wall = formatInZone(ms, zone);
  const time = wall.slice(11, 16);
  const day = wall.slice(0, 10);
  if (day === dateOf(now, zone)) return time;
  if (day === dateOf(now + dayMs, zone)) return `${time} tomorrow`;
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = DAY_NAMES[(date.getUTCDay() + 6) % 7];
  const month = date.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  return `${time} on ${weekday} ${date.getUTCDate()} ${month}`;
}

/** The site's zone (dates from the platform) and now, to say a time in words. */
export interface Clock {
  now: number;
  /** The zone of the platform's date strings (the app config's `timezone`). */
  zone: string;
}

/** "Unlocks at 08:00 tomorrow", "Locks at 18:00"; on the schedule's own wall clock. */
export function nextChangeInWords(schedule: Pick<Schedule, 'nextChange' | 'timezone'>, clock: Clock): string {
  const change = schedule.nextChange;
  const ms = change ? platformDateToMs(change.date, clock.zone) : null;
  if (!change || ms === null) return 'No change coming';
  const verb = change.action === 'unlock' ? 'Unlocks' : 'Locks';
  return `${verb} at ${whenInWords(ms, clock.now, schedule.timezone ?? clock.zone)}`;
}

/** What a lock's schedule does to it now, in a sentence; null when no schedule drives it. */
export function scheduleStateSentence(lock: Pick<Lock, 'schedule' | 'open'> & Partial<Pick<Lock, 'lockdown' | 'online'>>, clock: Clock): string | null {
  const schedule = lock.schedule;
  if (!schedule) return null;
  const untilMs = platformDateToMs(schedule.until, clock.zone);
  const until = untilMs === null ? null : whenInWords(untilMs, clock.now, clock.zone);
  const named = `schedule '${schedule.name}'`;
  // The schedule says what is due; a lockdown or an offline lock can keep the door from it.
  if (lock.lockdown) return `Held locked by the lockdown — ${named} resumes when it is lifted`;
  if (schedule.state === 'unlocked' && lock.open === false && lock.online === false) {
    return `Offline: ${named} could not unlock it, and will once it is back${until ? ` (until ${until})` : ''}`;
  }
  switch (schedule.state) {
    case 'unlocked':
      return `Unlocked by ${named}${until ? ` until ${until}` : ''}`;
    case 'locked':
      return `Locked by ${named}${until ? ` until ${until}` : ''}`;
    case 'waiting':
      return `Waiting for the first person in: ${named} unlocks the door when someone with access opens it${until ? `, until ${until}` : ''}`;
    case 'overridden':
      return `${lock.open ? 'Unlocked' : 'Locked'} by hand — the schedule resumes ${until ? `at ${until}` : 'at its next change'}`;
  }
}
