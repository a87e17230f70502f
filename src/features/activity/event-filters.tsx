import { exportCsvUrl, type EventFilter } from '@/api/events';
import { cn } from '@/components/cn';
import { WarningIcon } from '@/components/icons';
import { SearchInput } from '@/components/search-input';
import { EVENT_TYPE_LABELS } from '@contract/event-labels';
import { EVENT_TYPE_GROUPS, type EventListView } from './event-list-view';

const field =
  'block min-h-9 w-full rounded-md border-0 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none aria-invalid:ring-2 aria-invalid:ring-red-600 dark:bg-slate-900 dark:text-white dark:ring-slate-700 dark:[color-scheme:dark] dark:aria-invalid:ring-red-400';
const label = 'mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300';
const exportLink = 'inline-flex min-h-9 items-center rounded-md px-3 text-sm font-medium shadow-sm ring-1 ring-inset';

export interface EventFiltersProps {
  view: EventListView;
  setView: (patch: Partial<EventListView>) => void;
  /** The fleet's history (Activity): a search by lock or person, and the CSV export. */
  fleet: boolean;
  /** The fields take input only once they work: a date or type picked before hydration would be dropped by it. */
  interactive: boolean;
  /** Whether the platform keeps access grants (their event types are offered). */
  access: boolean;
  badRange: boolean;
  filter: EventFilter;
  viewerZone: string;
  ids: { type: string; from: string; to: string; range: string };
}

function DateField({ id, name, text, props }: { id: string; name: 'from' | 'to'; text: string; props: EventFiltersProps }) {
  const { view, setView, interactive, badRange, ids } = props;
  return (
    <div className="min-w-0 flex-1 sm:flex-none">
      <label htmlFor={id} className={label}>
        {text}
      </label>
      <input
        id={id}
        type="date"
        disabled={!interactive}
        value={view[name] ?? ''}
        aria-invalid={badRange || undefined}
        aria-describedby={badRange ? ids.range : undefined}
        onChange={(e) => setView({ [name]: e.target.value || null })}
        className={field}
      />
    </div>
  );
}

function TypeField({ view, setView, interactive, access, ids }: EventFiltersProps) {
  return (
    <div className="w-full min-[400px]:w-auto">
      <label htmlFor={ids.type} className={label}>
        Event type
      </label>
      <select id={ids.type} disabled={!interactive} value={view.type ?? ''} onChange={(e) => setView({ type: (e.target.value || null) as typeof view.type })} className={field}>
        <option value="">All events</option>
        {EVENT_TYPE_GROUPS.filter((g) => !g.access || access || g.types.some((t) => t === view.type)).map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.types.map((type) => (
              <option key={type} value={type}>
                {EVENT_TYPE_LABELS[type]}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** The CSV export of what the filters show; a button that says why not while the dates are out of order. */
function ExportCsv({ badRange, filter, viewerZone }: Pick<EventFiltersProps, 'badRange' | 'filter' | 'viewerZone'>) {
  return badRange ? (
    <button
      type="button"
      disabled
      className={cn(exportLink, 'cursor-not-allowed bg-slate-100 text-slate-500 ring-slate-200 sm:ml-auto dark:bg-slate-800 dark:text-slate-400 dark:ring-slate-700')}
    >
      Export CSV
    </button>
  ) : (
    <a
      href={exportCsvUrl(filter, viewerZone)}
      download
      className={cn(exportLink, 'bg-white text-slate-800 ring-slate-300 hover:bg-slate-50 sm:ml-auto dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-700 dark:hover:bg-slate-800')}
    >
      Export CSV
    </a>
  );
}

/** The history's filters (search, event type, From/To: all in the URL), the export, and what is wrong with the dates. */
export function EventFilters(props: EventFiltersProps) {
  const { view, setView, fleet, badRange, ids } = props;
  return (
    <>
      <div className="flex flex-wrap items-end gap-3">
        {fleet && (
          <div className="w-full sm:w-80">
            <SearchInput label="Search by lock or person" placeholder="Lock name, lock ID or person" value={view.q} onChange={(q) => setView({ q })} />
          </div>
        )}
        <TypeField {...props} />
        <div className="flex w-full gap-3 min-[400px]:w-auto">
          <DateField id={ids.from} name="from" text="From" props={props} />
          <DateField id={ids.to} name="to" text="To" props={props} />
        </div>
        {fleet && <ExportCsv {...props} />}
      </div>
      {badRange && (
        <p id={ids.range} role="alert" className="flex items-start gap-2 text-sm font-medium text-red-700 dark:text-red-300">
          <WarningIcon className="mt-0.5 shrink-0" />
          The “From” date is after the “To” date. Change one of them to see events{fleet ? ' and to export them' : ''}.
        </p>
      )}
    </>
  );
}
