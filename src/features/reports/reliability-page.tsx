import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { AppConfig } from '@contract/app-config';
import { reportQueries } from '@/api/reports';
import { textLink } from '@/components/page-styles';
import { formatCount, plural } from '@/lib/format';
import { HeatMap } from './heat-map';
import { FilterBar, GroupSelect, PeriodSelect } from './report-filters';
import { formatDuration, formatPct } from './report-format';
import { Figure, QueryBlock, ReportCard, ReportPage, useReportView } from './report-frame';
import { locksLink } from './report-view';
import { GroupUptimeTable, OfflineLocksTable } from './uptime-tables';

function Reliability({ config }: { config: AppConfig }) {
  const [view, setView] = useReportView();
  const uptime = useQuery({ ...reportQueries.uptime({ days: view.period, ...(view.groupid !== null ? { groupid: view.groupid } : {}) }), placeholderData: keepPreviousData });
  return (
    <>
      <FilterBar>
        <PeriodSelect value={view.period} onChange={(period) => setView({ period })} />
        <GroupSelect value={view.groupid} enabled={config.features.lockGroups} onChange={(groupid) => setView({ groupid })} />
      </FilterBar>
      <QueryBlock query={uptime} what="Uptime">
        {(u) => (
          <div className="report-grid">
            <ReportCard title={view.groupid === null ? 'Fleet uptime' : 'Group uptime'}>
              <div className="flex flex-wrap gap-6">
                <Figure value={formatPct(u.uptimePct)} label={`uptime of ${plural(u.lockCount, 'lock')}`} />
                <Figure value={formatCount(u.outages)} label="outages" />
                <Figure value={formatDuration(u.offlineS)} label="offline in all" />
              </div>
              <Link to={locksLink('offline', view.groupid)} className={textLink}>
                The locks offline now
              </Link>
            </ReportCard>
            <ReportCard title="Offline longest">
              <OfflineLocksTable locks={u.locks} caption="The locks offline longest" />
            </ReportCard>
            {/* Across the grid: a heat map needs all 24 hours' width. */}
            <ReportCard title="When locks go offline" className="report-wide">
              {u.hours ? <HeatMap hours={u.hours} caption="Outages by hour of day and day of week" unit="outages" /> : <p>The platform did not say.</p>}
            </ReportCard>
            <ReportCard title="Uptime per group" className="report-wide">
              <GroupUptimeTable groups={u.groups} />
            </ReportCard>
          </div>
        )}
      </QueryBlock>
    </>
  );
}

/** `/reports/reliability`: uptime of the fleet, its groups and its least reliable locks, and when outages begin. */
export function ReliabilityReportPage() {
  return (
    <ReportPage title="Reliability" description={`How long locks stayed online, which went offline most, and when (hours in the platform's time zone).`}>
      {(config) => <Reliability config={config} />}
    </ReportPage>
  );
}

export default ReliabilityReportPage;
