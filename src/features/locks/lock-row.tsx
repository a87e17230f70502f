import { memo, type ReactNode, useId, useState } from 'react';
import { Link } from 'react-router';
import type { LockCommand } from '@contract/constants';
import { platformDateToMs } from '@contract/platform-date';
import { type Lock, fetchLockPassword } from '@/api/locks';
import { BatteryLevel } from '@/components/battery-level';
import { ChevronRightIcon } from '@/components/icons';
import { type LockCommandName, LockControls } from '@/components/lock-controls';
import { LockPicture } from '@/components/lock-picture';
import { StatusBadge, lockStatuses } from '@/components/lock-status';
import { PasswordReveal } from '@/components/password-reveal';
import { RelativeTime } from '@/components/relative-time';
import { RelockCountdown } from '@/components/relock';
import { UnknownValue } from '@/components/unknown-value';
import { formatTemperature } from '@/lib/format';
import { useHydrated } from '@/lib/use-hydrated';
import { COLUMN_LABELS, type CellId, type ColumnPlan, type OptionalColumn, cellOrder } from './lock-columns';
import { matchedField } from './search-match';

export interface LockRowProps {
  lock: Lock;
  changed: boolean;
  pictureOrigin: string | null;
  timezone: string;
  /** Which optional columns the table has, and from which width each shows. */
  plan: ColumnPlan;
  /** The list's search: when it matched a field the name does not show, that field is shown. */
  query: string;
  /** The list's query string, carried to the lock's page so that its "Locks" link comes back here. */
  listSearch: string;
  /** Managers on a platform with remote commands get a command button. */
  onCommand: ((lock: Lock, command: LockCommandName, durationS?: number) => void) | null;
  timedUnlock: boolean;
  /** A command for this lock is on its way. */
  pending: LockCommand | null;
  /** With a selection (managers with commands): whether this lock is in it, and how to change that. */
  onSelect: ((lock: Lock, on: boolean) => void) | null;
  selected: boolean;
  /**
   * The row's place in the table: its controls' names refer to its name cell by the short id
   * `rowNameId(index)` (and to the table's `SELECT_LABEL_ID` / `DETAILS_LABEL_ID`), rather than each
   * repeating the lock's name.
   */
  index: number;
}

/**
 * The ids a row's controls are named by (aria-labelledby), short because 25 rows carry several each.
 * One lock table per page (the locks page), so `lr<index>` is unique in the document.
 */
export const rowNameId = (index: number) => `lr${index}`;
/** Hidden words in the table's header that the rows' controls begin their names with. */
export const SELECT_LABEL_ID = 'lrs';
export const DETAILS_LABEL_ID = 'lrd';

/**
 * The password column's cell: empty in the server's HTML (the column shows only from 84rem, the
 * password is fetched on demand, and the button works only once the page is live), filled when the
 * page has hydrated. Only this cell renders again then, not its row.
 */
function PasswordCell({ lock }: { lock: Lock }) {
  const hydrated = useHydrated();
  return hydrated ? <PasswordReveal reveal={() => fetchLockPassword(lock.lockid)} lockName={lock.name ?? lock.lockid} /> : null;
}

function Text({ value, mono }: { value: string | null; mono?: boolean }) {
  if (value === null) return <UnknownValue />;
  return mono ? <span className="font-mono text-xs">{value}</span> : value;
}

/** The content of an optional column: the same in its cell and in the row's details. */
function columnContent(id: OptionalColumn, lock: Lock, lastSeen: number | null, online: boolean, pictureOrigin: string | null): ReactNode {
  switch (id) {
    case 'picture':
      return <LockPicture picture={lock.picture} allowedOrigin={pictureOrigin} />;
    case 'battery':
      return <BatteryLevel level={lock.battery} />;
    case 'lastSeen':
      return lastSeen === null ? (
        <UnknownValue />
      ) : (
        <>
          {online ? 'Updated ' : 'Last seen '}
          <RelativeTime ms={lastSeen} />
        </>
      );
    case 'temperature':
      // Tabular figures in its column (lock-columns.ts, CELL_CSS).
      return lock.temperature === null ? <UnknownValue /> : formatTemperature(lock.temperature);
    case 'model':
      return <Text value={lock.model} />;
    case 'network':
      return (
        <>
          <span className="block whitespace-nowrap">
            <Text value={lock.mac} mono />
          </span>
          <span className="block">
            <Text value={lock.ssid} />
          </span>
        </>
      );
    case 'password':
      return <PasswordCell lock={lock} />;
  }
}

/** The row's header cell: the lock's name (its link), id, groups, what the search matched, and "Just changed". */
function LockNameCell({
  lock,
  nameId,
  listSearch,
  matched,
  changed,
}: {
  lock: Lock;
  nameId: string;
  listSearch: LockRowProps['listSearch'];
  matched: ReturnType<typeof matchedField>;
  changed: boolean;
}) {
  return (
    <th scope="row">
      <Link id={lock.name === null ? undefined : nameId} to={`/locks/${encodeURIComponent(lock.lockid)}`} state={{ listSearch }} discover="none">
        {lock.name ?? <span className="italic text-slate-600 dark:text-slate-400">Unnamed lock</span>}
      </Link>
      <span id={lock.name === null ? nameId : undefined} className="lock-id">
        {lock.lockid}
      </span>
      {lock.groups.length > 0 && (
        <span className="lock-groups">
          <span className="sr-only">Groups: </span>
          {lock.groups.map((g) => g.name).join(' · ')}
        </span>
      )}
      {matched && (
        <span className="mt-0.5 block text-xs text-slate-700 dark:text-slate-300">
          {matched.label} <mark className="rounded-sm bg-amber-100 px-0.5 font-mono text-slate-900 dark:bg-amber-400/25 dark:text-amber-50">{matched.value}</mark>
        </span>
      )}
      {changed && (
        <span className="mt-1 inline-block rounded bg-amber-200 px-1.5 text-xs font-medium text-amber-950 dark:bg-amber-400/30 dark:text-amber-100">
          Just changed
        </span>
      )}
    </th>
  );
}

/**
 * One lock: a table row on a wide screen, a card on a phone (the same markup; CSS decides by the
 * window's width). The markup is lean on purpose (the server sends 25 of these first): cells carry
 * no column name (the table's column CSS, lock-columns.ts, knows each by its place) and few
 * classes (index.css's `.lock-table` has the look), icons are references to the page's sprite, and
 * the details row exists only while it is open. Memoised on the lock object itself: TanStack Query
 * keeps an unchanged lock's object between polls, so a poll that changes nothing re-renders no row.
 */
export const LockRow = memo(function LockRow({
  lock,
  changed,
  pictureOrigin,
  timezone,
  plan,
  query,
  listSearch,
  onCommand,
  timedUnlock,
  pending,
  onSelect,
  selected,
  index,
}: LockRowProps) {
  const [expanded, setExpanded] = useState(false);
  const detailsId = useId();
  const lastSeen = platformDateToMs(lock.lastSeen, timezone);
  const relockMs = lock.open === true ? platformDateToMs(lock.relockAt, timezone) : null;
  const { connection, state, lastKnown } = lockStatuses(lock);
  const name = lock.name ?? lock.lockid;
  // The element whose text is `name`: the link, or the lock id under "Unnamed lock".
  const nameId = rowNameId(index);
  const matched = query ? matchedField(lock, query) : null;
  const content = (id: OptionalColumn) => columnContent(id, lock, lastSeen, connection === 'online', pictureOrigin);
  // The header's order, which the table's column CSS knows cells by (lock-columns.ts cellOrder).
  const cells = cellOrder(plan, { select: onSelect !== null, actions: onCommand !== null });
  const cell = (id: CellId): ReactNode => {
    switch (id) {
      case 'select':
        return (
          onSelect && (
            <td key={id}>
              <input type="checkbox" aria-labelledby={`${SELECT_LABEL_ID} ${nameId}`} checked={selected} onChange={(event) => onSelect(lock, event.target.checked)} />
            </td>
          )
        );
      case 'lock':
        return <LockNameCell key={id} lock={lock} nameId={nameId} listSearch={listSearch} matched={matched} changed={changed} />;
      case 'connection':
        return (
          <td key={id}>
            <StatusBadge status={connection} />
          </td>
        );
      case 'state':
        return (
          <td key={id}>
            <StatusBadge status={state} />
            {lastKnown && <span className="lock-last-known">last known</span>}
            {lock.lockdown && <StatusBadge status="lockdown" />}
            {relockMs !== null && <RelockCountdown relockMs={relockMs} className="lock-relock" />}
          </td>
        );
      case 'actions':
        return (
          onCommand && (
            <td key={id}>
              <LockControls
                variant="row"
                lockName={name}
                nameId={nameId}
                open={lock.open}
                online={lock.online}
                pending={pending}
                timedUnlock={timedUnlock}
                onCommand={(command, durationS) => onCommand(lock, command, durationS)}
              />
            </td>
          )
        );
      case 'details':
        return (
          <td key={id}>
            {/* No type: outside any form a button submits nothing (and 25 rows carry one each). */}
            <button
              aria-labelledby={`${DETAILS_LABEL_ID} ${nameId}`}
              aria-expanded={expanded}
              aria-controls={expanded ? detailsId : undefined}
              onClick={() => setExpanded(!expanded)}
            >
              <ChevronRightIcon size={null} />
            </button>
          </td>
        );
      default:
        return <td key={id}>{content(id)}</td>;
    }
  };
  return (
    <>
      <tr data-lockid={lock.lockid} data-changed={changed || undefined} data-selected={(selected && !changed) || undefined}>
        {cells.map(cell)}
      </tr>
      {/* Only while open: 25 closed rows send nothing for it. */}
      {plan.detailsUntil !== 0 && expanded && (
        <tr className="lock-details">
          <td colSpan={cells.length}>
            <div id={detailsId} role="group" aria-label={`Details of ${name}`}>
              <dl>
                {plan.columns.map(({ id }) => (
                  <div key={id} data-col={id}>
                    <dt>{COLUMN_LABELS[id]}</dt>
                    <dd>{content(id)}</dd>
                  </div>
                ))}
              </dl>
            </div>
          </td>
        </tr>
      )}
    </>
  );
});
