import { useMemo } from 'react';
import type { Readings } from '@/api/readings';
import type { ChartSpec } from './chart-options';
import { MarkerTable } from './marker-table';
import { NumbersTable } from './numbers-table';
import { onlineSpans, stepMsOf } from './trend-math';
import { TrendPanel } from './trend-panel';
import { type TrendIntl, batterySentence, formatNumber, formatWhen, onlineSentence, temperatureSentence, withUnit } from './trend-text';
import type { TrendMarker } from './use-trend-markers';

interface ChartsProps {
  readings: Readings;
  days: number;
  /** The range asked for (epoch ms): the charts' x axis. */
  from: number;
  to: number;
  markers: readonly TrendMarker[];
  intl: TrendIntl;
}

/**
 * The three charts' specs, made again only when what they draw changes (a new spec redraws the
 * chart): TanStack Query keeps a series' array when a poll brings the same points.
 */
function useSpecs({ readings: { battery, temperature, online, step }, from, to, markers, intl }: ChartsProps) {
  return useMemo(() => {
    const base = { from, to, markers, intl };
    const spec = (label: string, points: Readings['battery'], formatValue: (v: number) => string, extra: Partial<ChartSpec> = {}): ChartSpec => ({
      ...base,
      label,
      points,
      formatValue,
      stepMs: stepMsOf(step, points),
      ...extra,
    });
    return {
      battery: spec('Battery', battery, (v) => withUnit(v, '%', intl), { yRange: [0, 100] }),
      temperature: spec('Temperature', temperature, (v) => withUnit(v, '°C', intl)),
      online: spec('State', online, (v) => (v >= 0.5 ? 'Online' : 'Offline'), { stepped: true, yRange: [0, 1.05] }),
    };
  }, [battery, temperature, online, step, from, to, markers, intl]);
}

const pointRows = (points: Readings['battery'], intl: TrendIntl) => points.map(([ms, value]) => [formatWhen(ms, intl), formatNumber(value, intl)] as const);

/** Battery, temperature and the online timeline, each with its sentence and its numbers; then the markers. */
export function TrendCharts(props: ChartsProps) {
  const { readings, days, markers, intl } = props;
  const specs = useSpecs(props);
  const last = `the last ${days} days`;
  const spans = onlineSpans(readings.online, specs.online.stepMs);
  return (
    <div className="flex flex-col gap-4">
      <TrendPanel title="Battery" sentence={batterySentence(readings.battery, intl) || `No battery readings in ${last}.`} spec={specs.battery}>
        <NumbersTable summary="Show the numbers" caption={`Battery, ${last}`} headings={['Time', 'Battery (%)']} rows={pointRows(readings.battery, intl)} />
      </TrendPanel>
      <TrendPanel title="Temperature" sentence={temperatureSentence(readings.temperature, days, intl) || `No temperature readings in ${last}.`} spec={specs.temperature}>
        <NumbersTable summary="Show the numbers" caption={`Temperature, ${last}`} headings={['Time', 'Temperature (°C)']} rows={pointRows(readings.temperature, intl)} />
      </TrendPanel>
      <TrendPanel title="Online and offline" sentence={onlineSentence(readings, days, intl) || `No online readings in ${last}.`} spec={specs.online}>
        <NumbersTable
          summary="Show the periods"
          caption={`Online and offline, ${last}`}
          headings={['From', 'To', 'State']}
          rows={spans.map((span) => [formatWhen(span.from, intl), formatWhen(Math.min(span.to, readings.to ?? span.to), intl), span.online ? 'Online' : 'Offline'])}
        />
      </TrendPanel>
      <MarkerTable markers={markers} days={days} intl={intl} />
    </div>
  );
}
