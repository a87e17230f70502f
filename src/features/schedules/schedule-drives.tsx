import { Link } from 'react-router';
import type { Schedule } from '@/api/schedules';
import { muted, textLink } from '@/components/page-styles';
import { LockName } from './lock-name';

/** The most groups and locks a card names; the rest are counted (each named lock is one request). */
export const MAX_NAMED_TARGETS = 8;

/** What a schedule drives: its groups, then its locks, by name, the first few linked and the rest counted. */
export function ScheduleDrives({ schedule, groups }: { schedule: Schedule; groups: { groupid: number; name: string }[] }) {
  const total = schedule.groupids.length + schedule.lockids.length;
  if (total === 0) return <p className={`text-sm ${muted}`}>Drives no doors yet.</p>;
  const groupName = (groupid: number) => groups.find((g) => g.groupid === groupid)?.name ?? `Group ${groupid}`;
  const shownGroups = schedule.groupids.slice(0, MAX_NAMED_TARGETS);
  const shownLocks = schedule.lockids.slice(0, MAX_NAMED_TARGETS - shownGroups.length);
  const more = total - shownGroups.length - shownLocks.length;
  return (
    <p className="flex flex-wrap gap-x-3 text-sm">
      <span className={muted}>Drives</span>
      {shownGroups.map((groupid) => (
        <Link key={`g${groupid}`} to={`/groups/${groupid}`} className={`break-words ${textLink}`}>
          {groupName(groupid)}
        </Link>
      ))}
      {shownLocks.map((lockid) => (
        <Link key={`l${lockid}`} to={`/locks/${encodeURIComponent(lockid)}`} className={`break-words ${textLink}`}>
          <LockName lockid={lockid} />
        </Link>
      ))}
      {more > 0 && <span className={muted}>and {more} more</span>}
    </p>
  );
}
