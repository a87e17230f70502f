import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { AppConfig } from '@contract/app-config';
import { type ReportParams, reportQueries } from '@/api/reports';
import { textLink } from '@/components/page-styles';
import { formatCount } from '@/lib/format';
import { useNow } from '@/lib/use-now';
import { HeatMap } from './heat-map';
import { FilterBar, GroupSelect, PeriodSelect } from './report-filters';
import { Figure, QueryBlock, ReportCard, ReportPage, useReportView } from './report-frame';
import { activityLink, writeReportView } from './report-view';
import { BusiestDoorsTable, ReasonsTable, RefusedDoorsTable } from './usage-tables';

function UsageReport({ config, now }: { config: AppConfig; now: number }) {
  const [view, setView] = useReportView();
  const params: ReportParams = { days: view.period, ...(view.groupid !== null ? { groupid: view.groupid } : {}), ...(view.lockid !== null ? { lockid: view.lockid } : {}) };
  const usage = useQuery({ ...reportQueries.usage(params), placeholderData: keepPreviousData });
  const denials = useQuery({ ...reportQueries.denials(params), placeholderData: keepPreviousData });
  const search = (patch: Parameters<typeof writeReportView>[1]) => `?${writeReportView(new URLSearchParams({ period: String(view.period), ...(view.groupid ? { groupid: String(view.groupid) } : {}) }), patch)}`;
  return (
    <>
      <FilterBar>
        <PeriodSelect value={view.period} onChange={(period) => setView({ period })} />
        <GroupSelect value={view.groupid} enabled={config.features.lockGroups} onChange={(groupid) => setView({ groupid, lockid: null })} />
        {view.lockid !== null && (
          <p className="text-sm">
            Door {usage.data?.locks.find((lock) => lock.lockid === view.lockid)?.lockName ?? view.lockid}{' '}
            <Link to={search({ lockid: null })} className={textLink}>
              Show every door
            </Link>
          </p>
        )}
      </FilterBar>
      <div className="report-grid">
        <ReportCard title="Door use" className="report-wide">
          <QueryBlock query={usage} what="Door use">
            {(u) => (
              <>
                <Figure value={formatCount(u.total)} label="door uses" />
                {u.hours && <HeatMap hours={u.hours} caption="Door uses by hour of day and day of week" unit="uses" />}
                <h3 className="font-semibold">Busiest doors</h3>
                <BusiestDoorsTable locks={u.locks} onlyLink={view.lockid === null ? (lockid) => search({ lockid }) : undefined} />
                <Link to={activityLink('unlocked', view.period, now, view.lockid ?? undefined)} className={textLink}>
                  Door uses in Activity
                </Link>
              </>
            )}
          </QueryBlock>
        </ReportCard>
        <ReportCard title="Refused" className="report-wide">
          <QueryBlock query={denials} what="Refusals">
            {(d) => (
              <>
                <Figure value={formatCount(d.total)} label="refused attempts" />
                <ReasonsTable reasons={d.reasons} activity={activityLink('access_denied', view.period, now, view.lockid ?? undefined)} />
                <h3 className="font-semibold">By door</h3>
                <RefusedDoorsTable locks={d.locks} activity={(lockid) => activityLink('access_denied', view.period, now, lockid)} />
                <Link to={activityLink('access_denied', view.period, now, view.lockid ?? undefined)} className={textLink}>
                  Refusals in Activity
                </Link>
              </>
            )}
          </QueryBlock>
        </ReportCard>
      </div>
    </>
  );
}

/** `/reports/usage`: door use by hour of the week, the busiest doors, and refusals by door and reason. */
export function UsageReportPage({ now: givenNow }: { now?: number }) {
  const ticking = useNow(60_000);
  return (
    <ReportPage title="Usage" description="How often doors are used and when (hours in the platform's time zone), the busiest doors, and who was refused where and why.">
      {(config) => <UsageReport config={config} now={givenNow ?? ticking} />}
    </ReportPage>
  );
}

export default UsageReportPage;
