import type { ScheduleWindow } from '@/api/schedules';
import { Button } from '@/components/button';
import { FieldError, inputClass } from '@/components/form-field';
import { LabelledField } from '@/components/labelled-field';
import { muted } from '@/components/page-styles';
import { DAY_NAMES, QUICK_PICKS } from './schedule-text';

const small = `${inputClass} w-20`;

function toggleDay(days: string, day: number): string {
  const d = String(day);
  return days.includes(d) ? days.replace(d, '') : [...days, d].sort().join('');
}

function WindowRow({ id, index, window: w, onChange, onRemove }: { id: string; index: number; window: ScheduleWindow; onChange: (w: ScheduleWindow) => void; onRemove: () => void }) {
  return (
    <fieldset className="flex flex-col gap-2 rounded-md p-3 ring-1 ring-slate-200 dark:ring-slate-700">
      <legend className="px-1 text-sm font-medium">Window {index + 1}</legend>
      <div className="flex flex-wrap gap-x-3 gap-y-1">
        {DAY_NAMES.map((name, i) => (
          <label key={name} className="inline-flex min-h-8 items-center gap-1.5 text-sm">
            <input type="checkbox" checked={w.days.includes(String(i + 1))} onChange={() => onChange({ ...w, days: toggleDay(w.days, i + 1) })} />
            {name}
          </label>
        ))}
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <LabelledField id={`${id}-from`} label="From">
          <input id={`${id}-from`} className={small} value={w.from} inputMode="numeric" placeholder="08:00" onChange={(e) => onChange({ ...w, from: e.target.value.trim() })} />
        </LabelledField>
        <LabelledField id={`${id}-to`} label="To">
          <input id={`${id}-to`} className={small} value={w.to} inputMode="numeric" placeholder="18:00" onChange={(e) => onChange({ ...w, to: e.target.value.trim() })} />
        </LabelledField>
        <Button size="sm" variant="ghost" onClick={onRemove} aria-label={`Remove window ${index + 1}`}>
          Remove
        </Button>
      </div>
    </fieldset>
  );
}

/** The schedule's windows: quick picks that replace them all, each window's days and hours, and more windows. */
export function WindowFields({ id, windows, error, onChange }: { id: string; windows: ScheduleWindow[]; error?: string; onChange: (windows: ScheduleWindow[]) => void }) {
  return (
    <fieldset className="flex flex-col gap-3" aria-describedby={error ? `${id}-error` : `${id}-hint`}>
      <legend className="mb-1 text-sm font-medium">When it unlocks</legend>
      <div className="flex flex-wrap gap-2">
        {QUICK_PICKS.map((pick) => (
          <Button key={pick.label} size="sm" onClick={() => onChange(pick.windows.map((w) => ({ ...w })))}>
            {pick.label}
          </Button>
        ))}
      </div>
      <p id={`${id}-hint`} className={`text-xs ${muted}`}>
        Times are HH:mm; “To” may be 24:00. A window that ends before it starts runs overnight, into the next day.
      </p>
      {windows.map((w, index) => (
        <WindowRow
          key={index}
          id={`${id}-${index}`}
          index={index}
          window={w}
          onChange={(next) => onChange(windows.map((old, i) => (i === index ? next : old)))}
          onRemove={() => onChange(windows.filter((_, i) => i !== index))}
        />
      ))}
      {windows.length === 0 && <p className={`text-sm ${muted}`}>No windows: the doors stay locked.</p>}
      <div>
        <Button size="sm" onClick={() => onChange([...windows, { days: '12345', from: '08:00', to: '18:00' }])}>
          Add a window
        </Button>
      </div>
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
    </fieldset>
  );
}
