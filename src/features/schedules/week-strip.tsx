import type { ScheduleWindow } from '@/api/schedules';
import { muted } from '@/components/page-styles';
import { spansInWords, weekSpans } from './week';

const HOURS = [0, 6, 12, 18, 24];

/**
 * A week of the schedule: a row a day, 24 h wide, its unlocked spans shaded. The picture is for the
 * eye; the list under it (visually hidden) says the same in words for a screen reader.
 */
export function WeekStrip({ windows, label }: { windows: readonly ScheduleWindow[]; label: string }) {
  const week = weekSpans(windows);
  return (
    <figure className="flex flex-col gap-1">
      <figcaption className="sr-only">{label}</figcaption>
      <div aria-hidden="true" className="grid grid-cols-[2.5rem_1fr] items-center gap-x-3 gap-y-1 text-xs">
        {week.map(({ day, spans }) => (
          <div key={day} className="contents">
            <span className={muted}>{day}</span>
            <div className="relative h-4 overflow-hidden rounded-sm bg-slate-100 ring-1 ring-slate-200 ring-inset dark:bg-slate-800 dark:ring-slate-700">
              {spans.map((span) => (
                <span
                  key={span.from}
                  className="absolute inset-y-0 bg-emerald-500"
                  style={{ left: `${(span.from / 1440) * 100}%`, width: `${((span.to - span.from) / 1440) * 100}%` }}
                />
              ))}
            </div>
          </div>
        ))}
        <span />
        <div className={`flex justify-between ${muted}`}>
          {HOURS.map((hour) => (
            <span key={hour}>{String(hour).padStart(2, '0')}</span>
          ))}
        </div>
      </div>
      <p aria-hidden="true" className={`text-xs ${muted}`}>
        <span className="mr-2 inline-block size-2 rounded-sm bg-emerald-500 align-middle" /> Unlocked
      </p>
      <ul className="sr-only">
        {week.map(({ day, spans }) => (
          <li key={day}>
            {day}: {spansInWords(spans)}
          </li>
        ))}
      </ul>
    </figure>
  );
}
