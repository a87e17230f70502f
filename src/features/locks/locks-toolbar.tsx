import type { LockSummary } from '@contract/locks';
import type { Features } from '@contract/app-config';
import type { LockGroup } from '@/api/lockgroups';
import { SearchInput } from '@/components/search-input';
import { ColumnChooser } from './column-chooser';
import { GroupFilter } from './group-filter';
import { DensityChoice } from './lock-density';
import type { LockListView } from './lock-list-view';
import { StatusFilters } from './status-filters';
import type { LockTableLayout } from './use-lock-table-layout';

/**
 * Above the list: the search, the status chips (with their counts when the platform gives them), the
 * group filter, the row density and the column chooser.
 */
export function LocksToolbar({
  view,
  setView,
  features,
  counts,
  groups,
  groupsOn,
  layout,
}: {
  view: Pick<LockListView, 'q' | 'status' | 'group'>;
  setView: (patch: Partial<LockListView>) => void;
  features: Features | undefined;
  /** The chip counts, or null when the platform has no summary. */
  counts: { filtered: LockSummary | null | undefined; unfiltered: LockSummary | null | undefined } | null;
  groups: readonly LockGroup[] | undefined;
  groupsOn: boolean;
  layout: LockTableLayout;
}) {
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-center sm:justify-between">
      <SearchInput label="Search locks" placeholder="Name, lock ID, MAC, SSID or model" value={view.q} onChange={(q) => setView({ q })} />
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        {(features?.lockFilters ?? false) && (
          <StatusFilters
            value={view.status}
            filtered={counts?.filtered}
            unfiltered={counts?.unfiltered}
            onChange={(status) => setView({ status })}
            lockdowns={!!features?.lockdowns}
          />
        )}
        {groupsOn && <GroupFilter value={view.group} groups={groups} onChange={(group) => setView({ group })} />}
        {features && !groupsOn && <p className="text-sm text-slate-600 dark:text-slate-300">Lock groups are not available: the platform has no group endpoints.</p>}
        <DensityChoice value={layout.density} onChange={layout.setDensity} />
        <ColumnChooser available={layout.available} chosen={layout.chosen} onChange={layout.setChosen} />
      </div>
    </div>
  );
}
