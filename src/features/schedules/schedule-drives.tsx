import { Link } from 'react-router';
import type { Schedule } from '@/api/schedules';
import { muted, textLink } from '@/components/page-styles';
import { LockName } from './lock-name';

/** The most groups and locks a card names; the rest are counted (each named lock is one request). */
export const MAX_NAMED_TARGETS = 8;

/** What a schedule drives in a sentence: its groups, then its locks, by name, the first few linked and the rest counted. */
export function ScheduleDrives({ schedule, groups }: { schedule: Schedule; groups: { groupid: number; name: string }[] }) {
  const total = schedule.groupids.length + schedule.lockids.length;
  if (total === 0) return <p className={`text-sm ${muted}`}>Drives no doors yet.</p>;
  const groupName = (groupid: number) => groups.find((g) => g.groupid === groupid)?.name ?? `Group ${groupid}`;
  const shownGroups = schedule.groupids.slice(0, MAX_NAMED_TARGETS);
  const shownLocks = schedule.lockids.slice(0, MAX_NAMED_TARGETS - shownGroups.length);
  const more = total - shownGroups.length - shownLocks.length;
  const links = [
    ...shownGroups.map((groupid) => (
      <span key={`g${groupid}`}>
        <Link to={`/groups/${groupid}`} className={textLink}>
          {groupName(groupid)}
        </Link>
        <span className={muted}> (group)</span>
      </span>
    )),
    ...shownLocks.map((lockid) => (
      <Link key={`l${lockid}`} to={`/locks/${encodeURIComponent(lockid)}`} className={textLink}>
        <LockName lockid={lockid} />
      </Link>
    )),
  ];
  // A comma between names: lock names hold their own separators ("HQ · Main Entrance").
  return (
    <p className="text-sm break-words">
      <span className={muted}>Drives </span>
      {links.map((link, i) => (
        <span key={link.key}>
          {i > 0 && (i === links.length - 1 && more === 0 ? ' and ' : ', ')}
          {link}
        </span>
      ))}
      {more > 0 && ` and ${more} more`}
    </p>
  );
}
