import { memo } from 'react';
import { Link } from 'react-router';
import type { LockCommand } from '@contract/constants';
import { type LockCommandName, LockControls } from '@/components/lock-controls';
import type { Lock } from '@/api/locks';
import { cn } from '@/components/cn';
import { StatusBadge, lockStatuses } from '@/components/lock-status';
import { RelativeTime } from '@/components/relative-time';
import { formatTemperature } from '@/lib/format';
import { platformDateToMs } from '@contract/platform-date';
import { BatteryLevel } from '@/components/battery-level';
import { LockPicture } from '@/components/lock-picture';
import { PasswordReveal } from '@/components/password-reveal';
import { fetchLockPassword } from '@/api/locks';

export interface LockRowProps {
  lock: Lock;
  changed: boolean;
  pictureOrigin: string | null;
  timezone: string;
  /** Managers get the "Password" column. */
  showPassword: boolean;
  /** Phone width: the status columns are hidden, so the badges stand under the name. */
  compact: boolean;
  /** Managers on a platform with remote commands get the "Actions" column. */
  onCommand: ((lock: Lock, command: LockCommandName) => void) | null;
  /** A command for this lock is on its way. */
  pending: LockCommand | null;
}

const cell = 'px-2 py-2.5 align-middle sm:px-3';
const muted = 'text-slate-500 dark:text-slate-400';

function Text({ value, mono }: { value: string | null; mono?: boolean }) {
  if (value === null) return <span className={muted}>—</span>;
  return <span className={cn(mono && 'font-mono text-xs')}>{value}</span>;
}

/**
 * One lock. Memoised on the lock object itself: TanStack Query keeps an unchanged lock's object
 * between polls, so a poll that changes nothing re-renders no row.
 */
export const LockRow = memo(function LockRow({ lock, changed, pictureOrigin, timezone, showPassword, compact, onCommand, pending }: LockRowProps) {
  const lastSeen = platformDateToMs(lock.lastSeen, timezone);
  const { connection, state, lastKnown } = lockStatuses(lock);
  // A manager's extra columns push the network details to the widest screens.
  const wide = onCommand !== null || showPassword;
  return (
    <tr
      data-lockid={lock.lockid}
      data-changed={changed || undefined}
      className={cn(
        'border-t border-slate-200 transition-colors duration-700 dark:border-slate-800',
        changed ? 'bg-amber-50 dark:bg-amber-500/10' : 'hover:bg-slate-50 dark:hover:bg-slate-900/60',
      )}
    >
      <td className={cn(cell, 'w-12 min-w-12 sm:w-14 sm:min-w-14')}>
        <LockPicture picture={lock.picture} allowedOrigin={pictureOrigin} />
      </td>
      <th scope="row" className={cn(cell, 'min-w-36 text-left font-normal sm:min-w-48')}>
        <Link
          to={`/locks/${encodeURIComponent(lock.lockid)}`}
          className="block font-medium text-slate-900 underline-offset-2 hover:text-indigo-700 hover:underline dark:text-white dark:hover:text-indigo-300"
        >
          {lock.name ?? <span className={cn(muted, 'italic')}>Unnamed lock</span>}
        </Link>
        <span className={cn('block font-mono text-xs', muted)}>{lock.lockid}</span>
        {compact && (
          <span className="mt-1.5 flex flex-wrap gap-1 sm:hidden">
            <StatusBadge status={connection} />
            <StatusBadge status={state} lastKnown={lastKnown} />
          </span>
        )}
        {changed && (
          <span className="mt-1 inline-block rounded bg-amber-200 px-1.5 text-xs font-medium text-amber-950 dark:bg-amber-400/30 dark:text-amber-100">
            Just changed
          </span>
        )}
      </th>
      <td className={cn(cell, 'hidden whitespace-nowrap sm:table-cell')}>
        <StatusBadge status={connection} />
        <span className={cn('mt-1 block text-xs', muted)}>
          {lastSeen === null ? (
            'Last seen unknown'
          ) : (
            <>
              {connection === 'online' ? 'Updated ' : 'Last seen '}
              <RelativeTime ms={lastSeen} />
            </>
          )}
        </span>
      </td>
      <td className={cn(cell, 'hidden whitespace-nowrap sm:table-cell')}>
        <StatusBadge status={state} />
        {lastKnown && <span className={cn('mt-1 block text-xs', muted)}>last known</span>}
      </td>
      <td className={cell}>
        <BatteryLevel level={lock.battery} />
      </td>
      <td className={cn(cell, 'hidden whitespace-nowrap tabular-nums md:table-cell', lock.temperature === null && muted)}>
        {formatTemperature(lock.temperature)}
      </td>
      <td className={cn(cell, 'hidden lg:table-cell')}>
        <Text value={lock.model} />
      </td>
      <td className={cn(cell, 'hidden', wide ? '2xl:table-cell' : 'xl:table-cell')}>
        <span className="block whitespace-nowrap">
          <Text value={lock.mac} mono />
        </span>
        <span className="block">
          <Text value={lock.ssid} />
        </span>
      </td>
      {onCommand && (
        <td className={cell}>
          <LockControls
            variant="row"
            lockName={lock.name ?? lock.lockid}
            open={lock.open}
            online={lock.online}
            pending={pending}
            onCommand={(command) => onCommand(lock, command)}
          />
        </td>
      )}
      {showPassword && (
        <td className={cn(cell, 'hidden md:table-cell')}>
          <PasswordReveal reveal={() => fetchLockPassword(lock.lockid)} lockName={lock.name ?? lock.lockid} />
        </td>
      )}
    </tr>
  );
});
