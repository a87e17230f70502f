import type { Holiday, ScheduleWindow } from '@/api/schedules';
import { muted } from '@/components/page-styles';
import { isTimeZone } from '@contract/wall-clock';
import { type PreviewDay, clockChangeInWords, previewDays, spansInWords } from './week';

function DayInWords({ day }: { day: PreviewDay }) {
  const change = clockChangeInWords(day.clockChange);
  return (
    <span>
      {day.holiday ? `Holiday: ${day.holiday.name}` : spansInWords(day.spans)}
      {day.holiday && day.spans.length > 0 && <span className={muted}> (last night’s window {spansInWords(day.spans).replace('Unlocked ', 'runs ')})</span>}
      {change && <span className={muted}>. {change}</span>}
    </span>
  );
}

/** The next 7 days as the schedule would run them: the days and hours of its own zone's wall clock, from `now`. */
export function SchedulePreview({ windows, holidays, timezone, now }: { windows: ScheduleWindow[]; holidays: Holiday[]; timezone: string; now: number }) {
  const days = previewDays(windows, holidays, now, isTimeZone(timezone) ? timezone : 'UTC');
  return (
    <section aria-label="The next 7 days" className="flex flex-col gap-1">
      <h3 className="text-sm font-medium">The next 7 days</h3>
      <ul className="text-sm">
        {days.map((day) => (
          <li key={day.date} className="flex flex-wrap gap-x-3 border-t border-slate-200 py-1 first:border-t-0 dark:border-slate-800">
            <span className="w-36 shrink-0 font-medium">
              {day.weekday} {day.date.slice(5)}
            </span>
            <DayInWords day={day} />
          </li>
        ))}
      </ul>
    </section>
  );
}
