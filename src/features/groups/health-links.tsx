import { Link } from 'react-router';
import type { LockGroup } from '@/api/lockgroups';
import { Badge } from '@/components/badge';
import { cn } from '@/components/cn';
import { Icon } from '@/components/icons';
import { LOCK_STATUS } from '@/components/lock-status';
import { formatCount } from '@/lib/format';
import { HEALTH_MEASURES, type HealthMeasure, MEASURE_ORDER, groupLocksHref, healthLinkName, measureOf } from './group-health';

const LOOK = {
  offline: LOCK_STATUS.offline,
  unlocked: LOCK_STATUS.unlocked,
  lowBattery: LOCK_STATUS.lowbattery,
} as const;

const linkClass = 'inline-flex min-h-8 items-center rounded-md underline-offset-2 hover:underline';

/**
 * One of a group's numbers, as a link to the lock list showing those locks. A problem that is not
 * zero stands out as a pill with the state's icon (and, with `words`, its name); a zero stays plain
 * and muted. The link's name says in full what it opens ("3 offline locks in Cedar Court").
 */
export function HealthLink({ group, measure, words = false }: { group: LockGroup; measure: HealthMeasure; words?: boolean }) {
  const count = measureOf(group, measure);
  const info = HEALTH_MEASURES[measure];
  const text = words ? `${formatCount(count)} ${measure === 'locks' && count === 1 ? 'lock' : info.word}` : formatCount(count);
  const look = measure === 'locks' ? null : LOOK[measure];
  return (
    <Link to={groupLocksHref(group.groupid, measure)} aria-label={healthLinkName(count, measure, group.name)} className={linkClass}>
      {look && count > 0 ? (
        <Badge tone={look.tone} icon={<Icon name={look.icon} size={null} />} className="tabular-nums">
          {text}
        </Badge>
      ) : (
        <span
          className={cn(
            'tabular-nums',
            measure === 'locks' ? 'font-medium text-indigo-700 dark:text-indigo-300' : 'text-slate-600 dark:text-slate-400',
          )}
        >
          {text}
        </span>
      )}
    </Link>
  );
}

/** The four numbers in a row, with their words: on a phone's card and on a group's page. */
export function HealthLinks({ group }: { group: LockGroup }) {
  return (
    <ul aria-label={`Health of ${group.name}`} className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
      {MEASURE_ORDER.map((measure) => (
        <li key={measure}>
          <HealthLink group={group} measure={measure} words />
        </li>
      ))}
    </ul>
  );
}
