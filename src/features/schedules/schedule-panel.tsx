import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { appConfigQuery } from '@/api/app-config';
import type { Lock } from '@/api/locks';
import { type Schedule, scheduleQueries } from '@/api/schedules';
import { card, muted, textLink } from '@/components/page-styles';
import { useNow } from '@/lib/use-now';
import { type Clock, nextChangeInWords, scheduleStateSentence, windowsInWords } from './schedule-text';
import { WeekStrip } from './week-strip';

/** What the panel is on: a lock (its row says its schedule's state; its groups' schedules drive it too) or a group. */
export type ScheduleTarget = { lock: Pick<Lock, 'lockid' | 'schedule' | 'open' | 'groups'> } | { groupid: number };

function drives(schedule: Schedule, target: ScheduleTarget): boolean {
  if ('groupid' in target) return schedule.groupids.includes(target.groupid);
  const { lock } = target;
  return (
    schedule.scheduleid === lock.schedule?.scheduleid ||
    schedule.lockids.includes(lock.lockid) ||
    lock.groups.some((g) => schedule.groupids.includes(g.groupid))
  );
}

function OneSchedule({ schedule, clock }: { schedule: Schedule; clock: Clock }) {
  return (
    <div className="flex flex-col gap-2 border-t border-slate-200 px-4 py-3 dark:border-slate-800">
      <h3 className="font-medium break-words">{schedule.name}</h3>
      <p className="text-sm">
        {windowsInWords(schedule.windows)}
        {schedule.timezone && schedule.timezone !== clock.zone && <span className={muted}> ({schedule.timezone})</span>}
        {schedule.firstPersonIn && <span className={muted}>; waits for the first person in</span>}
      </p>
      <p className="text-sm">{nextChangeInWords(schedule, clock)}</p>
      <WeekStrip windows={schedule.windows} label={`The week of ${schedule.name}`} />
    </div>
  );
}

/**
 * A lock's or a group's schedules: in words, as a week strip, and (a lock) what its schedule does to
 * it now. Nothing at all on a platform without schedules.
 */
export function SchedulePanel({ target, now: givenNow }: { target: ScheduleTarget; now?: number }) {
  const ticking = useNow(60_000);
  const now = givenNow ?? ticking;
  const config = useQuery(appConfigQuery).data;
  const enabled = !!config?.features.schedules;
  const list = useQuery({ ...scheduleQueries.list(), enabled });
  if (!config || !enabled) return null;
  const clock: Clock = { now, zone: config.timezone };
  const sentence = 'lock' in target ? scheduleStateSentence(target.lock, clock) : null;
  const schedules = list.data?.filter((s) => drives(s, target)) ?? [];
  return (
    <section aria-labelledby="schedule-heading" className={card}>
      <div className="flex flex-col gap-1 p-4">
        <h2 id="schedule-heading" className="text-sm font-semibold">
          Schedule
        </h2>
        {sentence && <p className="font-medium">{sentence}</p>}
        {list.isError && <p className={`text-sm ${muted}`}>The schedules could not be loaded: {list.error.message}</p>}
        {list.data && schedules.length === 0 && (
          <p className={`text-sm ${muted}`}>No schedule drives {'lock' in target ? 'this lock' : 'this group'}: it stays as it is left.</p>
        )}
        <Link to="/schedules" className={`self-start text-sm ${textLink}`}>
          All schedules
        </Link>
      </div>
      {schedules.map((schedule) => (
        <OneSchedule key={schedule.scheduleid} schedule={schedule} clock={clock} />
      ))}
    </section>
  );
}
