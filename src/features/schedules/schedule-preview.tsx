import type { Holiday, ScheduleWindow } from '@/api/schedules';
import { muted } from '@/components/page-styles';
import { formatInZone } from '@contract/platform-date';
import { isTimeZone } from '@contract/platform-date';
import { previewDays, spansInWords } from './week';

/** The next 7 days as the schedule would run them, on its own wall clock from `now`. */
export function SchedulePreview({ windows, holidays, timezone, now }: { windows: ScheduleWindow[]; holidays: Holiday[]; timezone: string; now: number }) {
  const zone = isTimeZone(timezone) ? timezone : 'UTC';
  const days = previewDays(windows, holidays, formatInZone(now, zone).slice(0, 10));
  return (
    <section aria-label="The next 7 days" className="flex flex-col gap-1">
      <h3 className="text-sm font-medium">The next 7 days</h3>
      <ul className="text-sm">
        {days.map((day) => (
          <li key={day.date} className="flex flex-wrap gap-x-3 border-t border-slate-200 py-1 first:border-t-0 dark:border-slate-800">
            <span className="w-36 shrink-0 font-medium">
              {day.weekday} {day.date.slice(5)}
            </span>
            <span>
              {day.holiday ? `Holiday: ${day.holiday.name}` : spansInWords(day.spans)}
              {day.holiday && day.spans.length > 0 && <span className={muted}> (last night’s window {spansInWords(day.spans).replace('Unlocked ', 'runs ')})</span>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
