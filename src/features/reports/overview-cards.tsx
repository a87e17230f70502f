import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { reportQueries } from '@/api/reports';
import { nameLink, textLink } from '@/components/page-styles';
import { formatCount, plural } from '@/lib/format';
import { HeatMap } from './heat-map';
import { dueDate, formatPct } from './report-format';
import { Figure, QueryBlock, ReportCard } from './report-frame';
import { DEFAULT_DUE_DAYS, DEFAULT_PERIOD, activityLink, lockLink, locksLink } from './report-view';
import { OfflineLocksTable } from './uptime-tables';
import { BusiestDoorsTable, ReasonsTable } from './usage-tables';

/** How many rows a card lists. */
export const CARD_ROWS = 5;
const PERIOD = { days: DEFAULT_PERIOD, limit: CARD_ROWS };

function Links({ children }: { children: ReactNode }) {
  return <p className="report-links flex flex-wrap gap-x-4 gap-y-1 text-sm">{children}</p>;
}

/** "due 2026-12-12 (in 5 days)", "due 2026-11-24 (overdue)". */
function dueText(due: ReturnType<typeof dueDate>): string {
  return due ? `due ${due.day} (${due.relative})` : 'due —';
}

export function ReplaceSoonCard({ timeZone, now }: { timeZone: string; now: number }) {
  const query = useQuery(reportQueries.forecast({ dueWithinDays: DEFAULT_DUE_DAYS }));
  return (
    <ReportCard title="Replace soon">
      <QueryBlock query={query} what="The battery forecast">
        {({ forecasts }) => (
          <>
            <Figure value={formatCount(forecasts.length)} label={`locks due within ${DEFAULT_DUE_DAYS} days`} />
            {forecasts.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-300">No lock is due.</p>}
            <ul className="flex flex-col gap-1 text-sm">
              {forecasts.slice(0, CARD_ROWS).map((f) => (
                <li key={f.lockid}>
                  <Link to={lockLink(f.lockid)} className={nameLink}>
                    {f.lockName}
                  </Link>
                  {`: ${f.battery === null ? '—' : `${f.battery} %`}, ${dueText(dueDate(f.criticalDate, timeZone, now))}`}
                </li>
              ))}
            </ul>
          </>
        )}
      </QueryBlock>
      <Links>
        <Link to="/reports/battery" className={textLink}>
          Replace soon report
        </Link>
        <Link to={locksLink('lowbattery')} className={textLink}>
          Locks with a low battery
        </Link>
      </Links>
    </ReportCard>
  );
}

export function ReliabilityCard() {
  const query = useQuery(reportQueries.uptime(PERIOD));
  return (
    <ReportCard title={`Reliability, last ${DEFAULT_PERIOD} days`}>
      <QueryBlock query={query} what="Uptime">
        {(u) => (
          <>
            <Figure value={formatPct(u.uptimePct)} label={`fleet uptime (${plural(u.outages, 'outage')})`} />
            <OfflineLocksTable locks={u.locks.slice(0, CARD_ROWS)} caption="The locks offline longest" />
          </>
        )}
      </QueryBlock>
      <Links>
        <Link to="/reports/reliability" className={textLink}>
          Reliability report
        </Link>
        <Link to={locksLink('offline')} className={textLink}>
          Locks offline now
        </Link>
      </Links>
    </ReportCard>
  );
}

export function UsageCard({ now }: { now: number }) {
  const query = useQuery(reportQueries.usage(PERIOD));
  return (
    <ReportCard title={`Usage, last ${DEFAULT_PERIOD} days`} className="report-wide">
      <QueryBlock query={query} what="Door use">
        {(u) => (
          <>
            <Figure value={formatCount(u.total)} label="door uses" />
            <BusiestDoorsTable locks={u.locks.slice(0, CARD_ROWS)} />
            {u.hours && <HeatMap hours={u.hours} caption="Door uses by hour of the week" unit="uses" />}
          </>
        )}
      </QueryBlock>
      <Links>
        <Link to="/reports/usage" className={textLink}>
          Usage report
        </Link>
        <Link to={activityLink('unlocked', DEFAULT_PERIOD, now)} className={textLink}>
          Door uses in Activity
        </Link>
      </Links>
    </ReportCard>
  );
}

export function RefusedCard({ now }: { now: number }) {
  const query = useQuery(reportQueries.denials(PERIOD));
  return (
    <ReportCard title={`Refused, last ${DEFAULT_PERIOD} days`}>
      <QueryBlock query={query} what="Refusals">
        {(d) => (
          <>
            <Figure value={formatCount(d.total)} label="refused attempts" />
            <ReasonsTable reasons={d.reasons} activity={activityLink('access_denied', DEFAULT_PERIOD, now)} />
          </>
        )}
      </QueryBlock>
      <Links>
        <Link to={activityLink('access_denied', DEFAULT_PERIOD, now)} className={textLink}>
          Refusals in Activity
        </Link>
        <Link to="/reports/usage" className={textLink}>
          Refusals by door
        </Link>
      </Links>
    </ReportCard>
  );
}
