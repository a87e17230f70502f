import type { ReactNode } from 'react';
import type { EventPage } from '@/api/events';
import { Pagination } from '@/components/pagination';
import { SkippedNote } from '@/components/skipped-note';
import { SkeletonRows } from '@/components/load-state';
import type { HistoryIntl } from './history-intl';
import { EventRow } from './event-row';

export interface EventTableProps {
  /** The heading that names the table. */
  titleId: string;
  /** The fleet's history has a Lock column. */
  fleet: boolean;
  intl: HistoryIntl;
  /** The platform's time zone, in which its event dates are written. */
  timezone: string;
  /** Whether a door user's name leads to their page. */
  people: boolean;
  page: EventPage | undefined;
  /** Said in the table's place: the history failed, is empty, or waits for the dates to be in order. */
  placeholder: ReactNode;
  busy: boolean;
  pagination: { page: number; totalPages: number; totalCount: number | null; loading: boolean; onPage: (next: number) => void };
}

function EventTableHead({ fleet, viewerZone }: { fleet: boolean; viewerZone: string }) {
  return (
    <thead className="bg-slate-50 text-xs font-semibold text-slate-600 max-sm:block dark:bg-slate-900 dark:text-slate-300">
      <tr className="max-sm:block">
        <th scope="col" className="px-3 py-2 max-sm:block">
          <span className="max-sm:hidden">Time </span>
          <span className="font-normal max-sm:hidden">({viewerZone})</span>
          <span className="font-normal sm:hidden">Times in {viewerZone}</span>
        </th>
        {fleet && (
          <th scope="col" className="px-3 py-2 max-sm:hidden">
            Lock
          </th>
        )}
        <th scope="col" className="px-3 py-2 max-sm:hidden">
          Event
        </th>
        <th scope="col" className="px-3 py-2 max-sm:hidden">
          Who
        </th>
        <th scope="col" className="px-3 py-2 max-sm:hidden">
          How
        </th>
      </tr>
    </thead>
  );
}

function EventTableBody({ fleet, intl, timezone, people, page, placeholder }: EventTableProps) {
  const columns = fleet ? 5 : 4;
  return (
    <tbody className="max-sm:block">
      {placeholder ? (
        <tr className="border-t border-slate-200 max-sm:block dark:border-slate-800">
          <td colSpan={columns} className="px-3 py-10 text-center max-sm:block">
            {placeholder}
          </td>
        </tr>
      ) : page ? (
        page.events.map((event) => <EventRow key={event.eventid} event={event} showLock={fleet} timezone={timezone} people={people} intl={intl} />)
      ) : (
        <SkeletonRows rows={6} columns={columns} />
      )}
    </tbody>
  );
}

/** The events of one page (a row per event, a card on a phone), what was left out, and the paging. */
export function EventTable(props: EventTableProps) {
  const { titleId, fleet, intl, page, busy, pagination } = props;
  return (
    <div className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
      <div className="sm:overflow-x-auto">
        <table aria-labelledby={titleId} aria-busy={busy} className="w-full text-left text-sm max-sm:block">
          <EventTableHead fleet={fleet} viewerZone={intl.timeZone} />
          <EventTableBody {...props} />
        </table>
      </div>
      {page && <SkippedNote noun="event" unusable={page.skipped} missing="incomplete" repeated={page.repeated} />}
      <div className="border-t border-slate-200 dark:border-slate-800">
        <Pagination
          page={pagination.page}
          totalPages={pagination.totalPages}
          totalCount={pagination.totalCount}
          noun="event"
          loading={pagination.loading}
          onPage={pagination.onPage}
        />
      </div>
    </div>
  );
}
