import type { DenialReason, GrantMethod } from '../../../contract/constants';
import { type GrantRule, grantStatus } from '../access/enforce';

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** "every day", "Mon–Fri", "Sat, Sun", "Mon–Wed, Fri": runs of three days or more as ranges. */
export function describeDays(weekdays: string | null): string {
  const days = [...new Set([...(weekdays ?? '1234567')].map(Number))].sort((a, b) => a - b);
  if (days.length === 7) return 'every day';
  const runs: number[][] = [];
  for (const day of days) {
    const run = runs.at(-1);
    if (run && run.at(-1) === day - 1) run.push(day);
    else runs.push([day]);
  }
  const name = (day: number) => DAY_NAMES[day - 1] ?? String(day);
  return runs
    .flatMap((run) => (run.length >= 3 ? [`${name(run[0] as number)}–${name(run.at(-1) as number)}`] : run.map(name)))
    .join(', ');
}

/** When a grant works: "Mon–Fri 08:00–18:00", "every day, any time", "Sat, Sun all day". */
export function describeHours(rule: Pick<GrantRule, 'weekdays' | 'start_time' | 'end_time'>): string {
  const days = describeDays(rule.weekdays);
  if (rule.start_time === null || rule.end_time === null) return rule.weekdays === null ? 'any time' : `${days} all day`;
  return `${days} ${rule.start_time}–${rule.end_time}`;
}

/** The grant that allows a use, in words: "Allowed by grant #12 from role Night shift (keypad, Mon–Fri 22:00–06:00)". */
export function explainAllowed(grant: GrantRule, rolename: string | null): string {
  const role = rolename === null ? '' : ` from role ${rolename}`;
  const until = grant.end_date === null ? '' : `, until ${grant.end_date}`;
  return `Allowed by grant #${grant.grantid}${role} (${grant.method}, ${describeHours(grant)}${until})`;
}

const distinct = (texts: string[]) => [...new Set(texts)].join('; ');

/**
 * Why a use is refused, in words, with what the person's grants at the door say about it:
 * "Refused: outside allowed hours (keypad, Mon–Fri 08:00–18:00)", "Refused: no access to this door".
 */
export function explainRefusal(reason: DenialReason, method: GrantMethod, rules: readonly GrantRule[], instant: number, timeZone: string): string {
  const mine = rules.filter((r) => r.method === method && r.revoked_date === null);
  const withStatus = (status: string) => mine.filter((r) => grantStatus(r, instant, timeZone) === status);
  switch (reason) {
    case 'outside_hours':
      return `Refused: outside allowed hours (${method}, ${distinct(withStatus('active').map(describeHours))})`;
    case 'not_yet':
      return `Refused: access by ${method} starts ${withStatus('scheduled').map((r) => r.start_date ?? '').sort()[0] ?? 'later'}`;
    case 'expired': {
      const ends = rules.filter((r) => r.revoked_date === null && r.end_date !== null).map((r) => r.end_date as string).sort();
      return `Refused: access expired ${ends.at(-1) ?? ''}`.trimEnd();
    }
    case 'wrong_method': {
      const others = [...new Set(rules.filter((r) => r.revoked_date === null && grantStatus(r, instant, timeZone) !== 'expired').map((r) => r.method))];
      return `Refused: ${method} is not allowed at this door (${others.join(', ')} is)`;
    }
    case 'revoked':
      return 'Refused: access to this door was revoked';
    case 'lockdown':
      return 'Refused: the door is in lockdown';
    case 'suspended':
      return 'Refused: the person is suspended';
    case 'no_grant':
      return 'Refused: no access to this door';
  }
}
