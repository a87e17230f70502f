import type { GrantMethod } from '@contract/constants';
import type { Grant } from '@/api/access';

/** How each way of opening a door is said on screen. */
export const GRANT_METHOD_LABELS: Record<GrantMethod, string> = {
  app: 'App',
  keypad: 'Keypad code',
  card: 'Card',
  fingerprint: 'Fingerprint',
};

/** The part of a grant that says when it works (the shape of `Grant` in `@/api/access`). */
export interface GrantRule {
  /** Wall-clock "YYYY-MM-DD HH:mm:ss" in the platform's zone; null = open. */
  startDate: string | null;
  endDate: string | null;
  /** ISO weekday digits ("12345" = Mon–Fri); null = every day. */
  weekdays: string | null;
  /** "HH:mm"; null = all day. `endTime` may be "24:00"; an end before the start runs overnight. */
  startTime: string | null;
  endTime: string | null;
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** The distinct ISO weekdays (1–7) in `weekdays`, in order; every day for null or nothing usable. */
function daysOf(weekdays: string | null): number[] {
  const days = [...new Set([...(weekdays ?? '')].map(Number).filter((d) => d >= 1 && d <= 7))].sort((a, b) => a - b);
  return days.length === 0 ? [1, 2, 3, 4, 5, 6, 7] : days;
}

/**
 * The days in words: "Every day", "Weekends", "Mon–Fri" (or "Weekdays" when no hours follow),
 * "Sat", "Mon, Wed", "Mon–Wed, Fri". Runs of three days or more are ranges.
 */
export function describeDays(weekdays: string | null, withHours = false): string {
  const days = daysOf(weekdays);
  const key = days.join('');
  if (key === '1234567') return 'Every day';
  if (key === '67') return 'Weekends';
  if (key === '12345' && !withHours) return 'Weekdays';
  const parts: string[] = [];
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === (days[j] ?? 0) + 1) j += 1;
    const from = DAY_NAMES[(days[i] ?? 1) - 1];
    const to = DAY_NAMES[(days[j] ?? 1) - 1];
    if (j - i >= 2) parts.push(`${from}–${to}`);
    else for (let k = i; k <= j; k += 1) parts.push(DAY_NAMES[(days[k] ?? 1) - 1] ?? '');
    i = j + 1;
  }
  return parts.join(', ');
}

function minutesOf(time: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** "09:00–17:00", "22:00–06:00 (overnight)"; null when the window is all day (no hours, or 00:00–24:00). */
export function describeHours(startTime: string | null, endTime: string | null): string | null {
  if (!startTime || !endTime) return null;
  const start = minutesOf(startTime);
  const end = minutesOf(endTime);
  if (start === null || end === null) return null;
  if (start === 0 && end === 24 * 60) return null;
  return `${startTime}–${endTime}${end < start ? ' (overnight)' : ''}`;
}

/** "31 Mar 2027", with the time when it is not the whole day's edge ("1 Dec 2026 14:30"). */
export function formatGrantDate(value: string, edge: 'start' | 'end'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  if (!m) return value;
  const [, year, month, day, hh = '00', mm = '00', ss = '00'] = m;
  const date = `${Number(day)} ${MONTHS[Number(month) - 1] ?? month} ${year}`;
  const time = `${hh}:${mm}:${ss}`;
  const wholeDay = edge === 'start' ? time === '00:00:00' : time === '23:59:59' || time === '23:59:00';
  return wholeDay ? date : `${date} ${hh}:${mm}`;
}

/** "until 31 Mar 2027", "from 1 Dec 2026", "1 Dec 2026 – 31 Mar 2027", "on 1 Dec 2026"; null when open at both ends. */
export function describeValidity(startDate: string | null, endDate: string | null): string | null {
  const from = startDate ? formatGrantDate(startDate, 'start') : null;
  const until = endDate ? formatGrantDate(endDate, 'end') : null;
  if (from && until) return from === until ? `on ${from}` : `${from} – ${until}`;
  if (from) return `from ${from}`;
  if (until) return `until ${until}`;
  return null;
}

/**
 * The rule in words: "Mon–Fri 18:00–22:00 · until 31 Mar 2027", "Every day · from 1 Dec 2026",
 * "Sat 22:00–06:00 (overnight)", "Always". With `timeZone` (the platform's, whose wall clock the
 * hours are), a rule with hours or a time of day names it: "Mon–Fri 08:00–18:00 (Europe/Berlin)".
 */
export function describeGrantRule(rule: GrantRule, timeZone?: string): string {
  const hours = describeHours(rule.startTime, rule.endTime);
  const days = describeDays(rule.weekdays, hours !== null);
  const validity = describeValidity(rule.startDate, rule.endDate);
  const zone = timeZone ? ` (${timeZone})` : '';
  // "22:00–06:00 (overnight, Europe/Berlin)": one pair of brackets.
  const zoned = hours && timeZone ? hours.replace(/ \(overnight\)$|$/, (overnight) => ` (${overnight ? 'overnight, ' : ''}${timeZone})`) : hours;
  const schedule = zoned ? `${days} ${zoned}` : days;
  if (schedule === 'Every day' && !validity) return 'Always';
  // A date with its time ("from 1 Dec 2026 14:30") is on the same clock.
  const timedDate = !hours && validity !== null && /\d{2}:\d{2}/.test(validity);
  return validity ? `${schedule} · ${validity}${timedDate ? zone : ''}` : schedule;
}

/** "Loading dock", or "the group Lobby doors": a grant's door in a sentence. */
export function grantTargetName(grant: Grant): string {
  return grant.lockid !== null ? (grant.lockName ?? grant.lockid) : `the group ${grant.groupName ?? grant.groupid}`;
}
