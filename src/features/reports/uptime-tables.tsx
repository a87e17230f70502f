import { Link } from 'react-router';
import type { GroupUptime, LockUptime } from '@/api/reports';
import { nameLink } from '@/components/page-styles';
import { formatCount } from '@/lib/format';
import { formatDuration, formatPct } from './report-format';
import { ScrollBox } from './report-frame';
import { lockLink } from './report-view';

/** The locks offline longest, each linking to its page. */
export function OfflineLocksTable({ locks, caption }: { locks: readonly LockUptime[]; caption: string }) {
  if (locks.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-300">No lock went offline in this period.</p>;
  return (
    <ScrollBox label={`${caption} table`}>
      <table className="report-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Lock</th>
            <th scope="col" className="num">Offline</th>
            <th scope="col" className="num">Outages</th>
            <th scope="col" className="num">Uptime</th>
          </tr>
        </thead>
        <tbody>
          {locks.map((lock) => (
            <tr key={lock.lockid}>
              <th scope="row">
                <Link to={lockLink(lock.lockid)} className={nameLink}>
                  {lock.lockName}
                </Link>
              </th>
              <td className="num">{formatDuration(lock.offlineS)}</td>
              <td className="num">{formatCount(lock.outages)}</td>
              <td className="num">{formatPct(lock.uptimePct)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

/** Uptime per group, lowest first. */
export function GroupUptimeTable({ groups }: { groups: readonly GroupUptime[] }) {
  if (groups.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-300">No groups.</p>;
  return (
    <ScrollBox label="Uptime per group table">
      <table className="report-table">
        <caption className="sr-only">Uptime per group</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col" className="num">Locks</th>
            <th scope="col" className="num">Uptime</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.groupid}>
              <th scope="row">
                <Link to={`/groups/${group.groupid}`} className={nameLink}>
                  {group.name}
                </Link>
              </th>
              <td className="num">{formatCount(group.lockCount)}</td>
              <td className="num">{formatPct(group.uptimePct)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
