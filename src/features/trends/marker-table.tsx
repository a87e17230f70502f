import { muted } from '@/components/page-styles';
import { NumbersTable } from './numbers-table';
import { type TrendIntl, formatWhen } from './trend-text';
import type { TrendMarker } from './use-trend-markers';

/** What the vertical lines on the charts are, in words, and the list of them. */
export function MarkerTable({ markers, days, intl }: { markers: readonly TrendMarker[]; days: number; intl: TrendIntl }) {
  if (markers.length === 0) return <p className={`text-sm ${muted}`}>No remote commands or alerts in the last {days} days.</p>;
  const alerts = markers.filter((m) => m.kind === 'alert').length;
  const commands = markers.length - alerts;
  const kinds = [
    alerts > 0 && `${alerts} ${alerts === 1 ? 'alert' : 'alerts'} (solid red lines)`,
    commands > 0 && `${commands} remote ${commands === 1 ? 'command' : 'commands'} (dashed amber lines)`,
  ].filter(Boolean);
  return (
    <div className="flex flex-col gap-1">
      <p className={`text-sm ${muted}`}>
        Marked on the charts: {kinds.join(' and ')}.
      </p>
      <NumbersTable
        summary="Show the commands and alerts"
        caption={`Remote commands and alerts, last ${days} days`}
        headings={['Time', 'What']}
        rows={markers.map((m) => [formatWhen(m.ms, intl), m.label])}
      />
    </div>
  );
}
