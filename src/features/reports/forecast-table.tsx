import { Link } from 'react-router';
import type { Forecast } from '@/api/reports';
import { card, nameLink } from '@/components/page-styles';
import { formatDrain, dueDate } from './report-format';
import { lockLink } from './report-view';
import type { SiteGroup } from './site-groups';

function DueCell({ forecast, timeZone, now }: { forecast: Forecast; timeZone: string; now: number }) {
  const due = dueDate(forecast.criticalDate, timeZone, now);
  if (!due) return <>—</>;
  return (
    <>
      <time dateTime={due.day}>{due.day}</time> <span className="text-slate-600 dark:text-slate-300">({due.relative})</span>
    </>
  );
}

/** One site's locks due: name, battery, drain a day and the due date. */
export function ForecastTable({ site, timeZone, now }: { site: SiteGroup; timeZone: string; now: number }) {
  return (
    <section aria-label={site.name} tabIndex={0} className={`report-group ${card} min-w-0 overflow-x-auto p-4`}>
      <table className="report-table">
        <caption>
          {site.name} ({site.forecasts.length})
        </caption>
        <thead>
          <tr>
            <th scope="col">Lock</th>
            <th scope="col" className="num">
              Battery
            </th>
            <th scope="col" className="num">
              Drain
            </th>
            <th scope="col">Due</th>
          </tr>
        </thead>
        <tbody>
          {site.forecasts.map((forecast) => (
            <tr key={forecast.lockid}>
              <th scope="row">
                <Link to={lockLink(forecast.lockid)} className={nameLink}>
                  {forecast.lockName}
                </Link>
              </th>
              <td className="num">{forecast.battery === null ? '—' : `${forecast.battery} %`}</td>
              <td className="num drain">{formatDrain(forecast.drainPerDay)}</td>
              <td>
                <DueCell forecast={forecast} timeZone={timeZone} now={now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
