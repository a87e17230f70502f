import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { type Lock, fetchLockPassword } from '@/api/locks';
import { BatteryLevel } from '@/components/battery-level';
import { CopyButton } from '@/components/copy-button';
import { StatusBadge, type lockStatuses } from '@/components/lock-status';
import { PasswordReveal } from '@/components/password-reveal';
import { RelativeTime } from '@/components/relative-time';
import { RelockCountdown } from '@/components/relock';
import { UnknownValue } from '@/components/unknown-value';
import { formatTemperature } from '@/lib/format';

const muted = 'text-slate-600 dark:text-slate-400';
export const countdownClass = 'text-sm font-medium tabular-nums text-amber-800 dark:text-amber-200';

/** The viewer's locale and zone (app/root.tsx ViewerIntl): the server renders in them, and so does hydration. */
export interface DetailIntl {
  timeZone: string;
  locale: string;
}

/** Date and time to the second in the viewer's locale and zone (as lib/format's formatExact, for a given viewer). */
function formatExactFor(ms: number, intl: DetailIntl | undefined): string {
  return new Intl.DateTimeFormat(intl?.locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: intl?.timeZone }).format(ms);
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[minmax(0,6.5rem)_minmax(0,1fr)] items-center gap-3 sm:grid-cols-[8rem_minmax(0,1fr)] border-t border-slate-200 py-2.5 first:border-t-0 dark:border-slate-800">
      <dt className="text-sm text-slate-600 dark:text-slate-300">{term}</dt>
      <dd className="flex min-w-0 flex-wrap items-center gap-2 text-sm">{children}</dd>
    </div>
  );
}

/** A value the user may want to paste elsewhere (lock ID, MAC, SSID), or "Unknown". */
function Copyable({ value, label, className }: { value: string | null; label: string; className: string }) {
  if (!value) return <UnknownValue />;
  return (
    <>
      <span className={className}>{value}</span>
      <CopyButton value={value} label={label} />
    </>
  );
}

function GroupLinks({ groups }: { groups: Lock['groups'] }) {
  if (groups.length === 0) return <span className={muted}>In no group</span>;
  return (
    <ul aria-label="Groups" className="flex flex-wrap gap-x-4 gap-y-1">
      {groups.map((group) => (
        <li key={group.groupid}>
          <Link to={`/groups/${group.groupid}`} className="font-medium break-words text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
            {group.name}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** Everything known of one lock, as terms and values; a manager reveals its password here. */
export function LockFacts({
  lock,
  name,
  statuses: { connection, state, lastKnown },
  lastSeen,
  relockMs,
  groupsOn,
  isManager,
  intl,
}: {
  lock: Lock;
  name: string;
  statuses: ReturnType<typeof lockStatuses>;
  lastSeen: number | null;
  relockMs: number | null;
  groupsOn: boolean;
  isManager: boolean;
  intl: DetailIntl | undefined;
}) {
  return (
    <dl className="rounded-lg bg-white px-4 py-1 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
      <Fact term="Lock ID">
        <span className="font-mono break-all">{lock.lockid}</span>
        <CopyButton value={lock.lockid} label="lock ID" />
      </Fact>
      <Fact term="Model">{lock.model ?? <UnknownValue />}</Fact>
      {groupsOn && (
        <Fact term="Groups">
          <GroupLinks groups={lock.groups} />
        </Fact>
      )}
      <Fact term="Connection">
        <StatusBadge status={connection} />
        {lastSeen !== null ? (
          <span className={muted}>
            {connection === 'online' ? 'updated ' : 'last seen '}
            <RelativeTime ms={lastSeen} /> ({formatExactFor(lastSeen, intl)})
          </span>
        ) : (
          <span className={muted}>last seen unknown</span>
        )}
      </Fact>
      <Fact term="Lock state">
        <StatusBadge status={state} />
        {lastKnown && <span className={muted}>last known state</span>}
        {relockMs !== null && <RelockCountdown relockMs={relockMs} className={countdownClass} />}
      </Fact>
      <Fact term="Battery">
        <BatteryLevel level={lock.battery} />
      </Fact>
      <Fact term="Temperature">{lock.temperature === null ? <UnknownValue /> : formatTemperature(lock.temperature)}</Fact>
      <Fact term="MAC address">
        <Copyable value={lock.mac} label="MAC address" className="font-mono break-all" />
      </Fact>
      <Fact term="SSID">
        <Copyable value={lock.ssid} label="SSID" className="break-all" />
      </Fact>
      {isManager && (
        <Fact term="Password">
          <PasswordReveal reveal={() => fetchLockPassword(lock.lockid)} lockName={name} />
        </Fact>
      )}
    </dl>
  );
}
