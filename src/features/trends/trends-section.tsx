import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { appConfigQuery } from '@/api/app-config';
import { RANGE_DAYS, type Readings, type ReadingsRange, useReadings } from '@/api/readings';
import { LoadFailed, Loading } from '@/components/load-state';
import { card, muted } from '@/components/page-styles';
import { RangePicker } from './range-picker';
import { TrendCharts } from './trend-charts';
import { usePreloadedChart } from './trend-panel';
import type { TrendIntl } from './trend-text';
import { useTrendMarkers } from './use-trend-markers';

const QUARTER_HOUR = 15 * 60_000;
const hasReadings = (r: Readings) => r.battery.length + r.temperature.length + r.online.length > 0;

/** The charts of the range, or why there are none yet. */
function TrendsBody({ lockid, range, intl }: { lockid: string; range: ReadingsRange; intl: TrendIntl }) {
  const readings = useReadings(lockid, range);
  const markers = useTrendMarkers(lockid, range, !!readings.data && hasReadings(readings.data));
  const days = RANGE_DAYS[range];
  if (readings.isPending) return <Loading layout="list" label="Loading the trends…" />;
  // A failed poll keeps the charts it has; only a first load that failed says so.
  if (readings.isError && !readings.data) return <LoadFailed layout="list" title="The trends could not be loaded." error={readings.error} onRetry={() => void readings.refetch()} />;
  if (!readings.data) return null;
  if (!hasReadings(readings.data)) return <p className={`py-6 text-center ${muted}`}>No readings in the last {days} days.</p>;
  // The axis spans the whole period asked for, ending where the platform's answer ends, to the quarter
  // hour (a reading's step): a poll that brings no new reading leaves the charts as they are.
  const to = Math.ceil((readings.data.to ?? readings.dataUpdatedAt) / QUARTER_HOUR) * QUARTER_HOUR;
  return <TrendCharts readings={readings.data} days={days} from={to - days * 86_400_000} to={to} markers={markers} intl={intl} />;
}

/**
 * "Trends" on a lock's page (when the platform keeps readings): battery, temperature and online
 * state over the last 7, 30 or 90 days, with the lock's remote commands and alerts marked.
 */
export function TrendsSection({ lockid, intl: given }: { lockid: string; intl: TrendIntl }) {
  const id = useId();
  // One object while the locale and zone stay the same: a new one would redraw every chart.
  const intl = useMemo(() => ({ timeZone: given.timeZone, locale: given.locale }), [given.timeZone, given.locale]);
  const enabled = useQuery(appConfigQuery).data?.features.readings;
  const [range, setRange] = useState<ReadingsRange>('7d');
  usePreloadedChart(!!enabled);
  if (!enabled) return null;
  return (
    <section aria-labelledby={`${id}-title`} className={`${card} flex min-w-0 flex-col gap-4 p-4`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="text-sm font-semibold">
          Trends
        </h2>
        <RangePicker range={range} onChange={setRange} />
      </div>
      <TrendsBody lockid={lockid} range={range} intl={intl} />
    </section>
  );
}
