import { useNow } from '@/lib/use-now';
import { RefusedCard, ReliabilityCard, ReplaceSoonCard, UsageCard } from './overview-cards';
import { ReportPage } from './report-frame';

/** `/reports`: the fleet over time at a glance, each card leading to its report and to the locks or events behind it. */
export function ReportsPage({ now: givenNow }: { now?: number }) {
  const ticking = useNow(60_000);
  const now = givenNow ?? ticking;
  return (
    <ReportPage title="Reports" description="Batteries to replace, doors that drop offline, when doors are used, and where people are refused.">
      {(config) => (
        <div className="report-grid">
          <ReplaceSoonCard timeZone={config.timezone} now={now} />
          <ReliabilityCard />
          <RefusedCard now={now} />
          {/* Last, across the grid: its heat map needs all 24 hours' width. */}
          <UsageCard now={now} />
        </div>
      )}
    </ReportPage>
  );
}

export default ReportsPage;
