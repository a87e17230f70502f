import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AppConfig } from '@contract/app-config';
import { type ForecastParams, forecastCsvUrl, reportQueries } from '@/api/reports';
import { Button } from '@/components/button';
import { inputClass } from '@/components/form-field';
import { plural } from '@/lib/format';
import { useNow } from '@/lib/use-now';
import { ForecastTable } from './forecast-table';
import { FilterBar, GroupSelect, Labelled } from './report-filters';
import { QueryBlock, ReportPage, useReportView } from './report-frame';
import { groupBySite } from './site-groups';

const exportLink =
  'inline-flex min-h-9 items-center rounded-md px-3 text-sm font-medium shadow-sm ring-1 ring-inset bg-white text-slate-800 ring-slate-300 hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-700 dark:hover:bg-slate-800';

/** "Due within [30] days": the URL changes once the field holds a whole number of days. */
function DueWithin({ value, onChange }: { value: number; onChange: (days: number) => void }) {
  const [draft, setDraft] = useState(String(value));
  return (
    <Labelled label="Due within">
      {(id) => (
        <span className="flex items-center gap-2">
          <input
            id={id}
            type="number"
            min={0}
            max={3650}
            inputMode="numeric"
            className={`${inputClass} w-20`}
            value={draft}
            onChange={(event) => {
              setDraft(event.target.value);
              const days = Number(event.target.value);
              if (event.target.value !== '' && Number.isInteger(days) && days >= 0 && days <= 3650) onChange(days);
            }}
          />
          days
        </span>
      )}
    </Labelled>
  );
}

function ReplaceSoon({ config, now }: { config: AppConfig; now: number }) {
  const [view, setView] = useReportView();
  const params: ForecastParams = { dueWithinDays: view.dueDays, ...(view.groupid !== null ? { groupid: view.groupid } : {}) };
  const forecasts = useQuery({ ...reportQueries.forecast(params), placeholderData: keepPreviousData });
  return (
    <>
      <FilterBar>
        <DueWithin value={view.dueDays} onChange={(dueDays) => setView({ dueDays }, { replace: true })} />
        <GroupSelect value={view.groupid} enabled={config.features.lockGroups} onChange={(groupid) => setView({ groupid })} />
        <Button onClick={() => window.print()}>Print</Button>
        <a href={forecastCsvUrl(params)} download className={exportLink}>
          Download CSV
        </a>
      </FilterBar>
      <QueryBlock query={forecasts} what="The battery forecast">
        {({ forecasts: due }) => {
          const sites = groupBySite(due);
          return (
            <>
              <p role="status" className="font-medium">
                {forecasts.isPlaceholderData ? `Loading the locks due within ${plural(view.dueDays, 'day')}…` : `${plural(due.length, 'lock')} due within ${plural(view.dueDays, 'day')}`}
              </p>
              {sites.map((site) => (
                <ForecastTable key={site.groupid ?? 'none'} site={site} timeZone={config.timezone} now={now} />
              ))}
            </>
          );
        }}
      </QueryBlock>
    </>
  );
}

/** `/reports/battery`: the locks whose battery reaches the critical level soon, by site; printable, and as CSV. */
export function BatteryReportPage({ now: givenNow }: { now?: number }) {
  const ticking = useNow(60_000);
  return (
    <ReportPage title="Replace soon" description="The locks whose battery reaches the critical level within the days you choose, by site, from each lock's own drain.">
      {(config) => <ReplaceSoon config={config} now={givenNow ?? ticking} />}
    </ReportPage>
  );
}

export default BatteryReportPage;
