import { formatCount } from '@/lib/format';
import { ScrollBox } from './report-frame';

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** How dark a cell is shaded, 0 (none) to 4 (the busiest hour); the count itself is the cell's text. */
export function heatLevel(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.max(1, Math.ceil((value / max) * 4));
}

/**
 * A week of counts by hour (168, index 0 = Monday 00:00 in the platform's zone) as a table: a row per
 * day, a column per hour, each cell its count as text and shaded by it. Scrolls inside its own box.
 */
export function HeatMap({ hours, caption, unit }: { hours: readonly number[]; caption: string; unit: string }) {
  const max = Math.max(0, ...hours);
  return (
    <ScrollBox label={`${caption} table`} className="heat-map-box">
      <table className="heat-map">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <td />
            {HOURS.map((hour) => (
              <th key={hour} scope="col" abbr={hourLabel(hour)}>
                {String(hour).padStart(2, '0')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((day, d) => (
            <tr key={day}>
              <th scope="row" abbr={day}>
                {day.slice(0, 3)}
              </th>
              {HOURS.map((hour) => {
                const value = hours[d * 24 + hour] ?? 0;
                return (
                  <td key={hour} className={`heat-${heatLevel(value, max)}`} title={`${day} ${hourLabel(hour)}: ${formatCount(value)} ${unit}`}>
                    {formatCount(value)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
