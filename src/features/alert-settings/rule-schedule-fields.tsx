import { useMemo } from 'react';
import { FieldError, inputClass } from '@/components/form-field';
import { type RuleFormErrors, type RuleFormValues, browserTimeZone, timeZones } from './rule-form-values';
import { WEEKDAYS } from './rule-text';
import { checkClass, muted, selectClass } from './settings-shell';

type ScheduleValues = Pick<RuleFormValues, 'scheduled' | 'days' | 'from' | 'to' | 'timezone'>;

function toggleDay(days: string, day: string, on: boolean): string {
  const set = new Set(days);
  if (on) set.add(day);
  else set.delete(day);
  return [...set].sort().join('');
}

/** When a rule applies: always, or on some days between two times in a named time zone. */
export function RuleScheduleFields({
  id,
  values,
  errors,
  onChange,
}: {
  id: string;
  values: ScheduleValues;
  errors: RuleFormErrors;
  onChange: (patch: Partial<RuleFormValues>) => void;
}) {
  const zones = useMemo(() => timeZones(browserTimeZone(), values.timezone), [values.timezone]);
  return (
    <fieldset className="flex min-w-0 flex-col gap-2">
      <legend className="mb-1 text-sm font-medium">When</legend>
      <label className="flex min-h-6 items-center gap-2 text-sm">
        <input type="checkbox" className={checkClass} checked={values.scheduled} onChange={(event) => onChange({ scheduled: event.target.checked })} />
        Only on some days and hours (otherwise always)
      </label>
      {values.scheduled && (
        <div className="flex flex-col gap-3 border-l-2 border-slate-200 pl-3 dark:border-slate-700">
          <fieldset id={`${id}-days`} tabIndex={-1}>
            <legend className="mb-1 text-sm">Days</legend>
            <div className="flex flex-wrap gap-x-3 gap-y-1">
              {WEEKDAYS.map(([digit, name]) => (
                <label key={digit} className="flex min-h-6 items-center gap-1.5 text-sm">
                  <input type="checkbox" className={checkClass} checked={values.days.includes(digit)} onChange={(event) => onChange({ days: toggleDay(values.days, digit, event.target.checked) })} />
                  {name}
                </label>
              ))}
            </div>
            {errors.days && <FieldError id={`${id}-days-error`}>{errors.days}</FieldError>}
          </fieldset>
          <div className="flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor={`${id}-from`} className="mb-1 block text-sm">
                From
              </label>
              <input id={`${id}-from`} type="time" value={values.from} aria-invalid={errors.hours ? true : undefined} className={inputClass} onChange={(event) => onChange({ from: event.target.value })} />
            </div>
            <div>
              <label htmlFor={`${id}-to`} className="mb-1 block text-sm">
                To
              </label>
              <input id={`${id}-to`} type="time" value={values.to} aria-invalid={errors.hours ? true : undefined} className={inputClass} onChange={(event) => onChange({ to: event.target.value })} />
            </div>
            <div>
              <label htmlFor={`${id}-timezone`} className="mb-1 block text-sm">
                Time zone
              </label>
              <select id={`${id}-timezone`} value={values.timezone} className={selectClass} onChange={(event) => onChange({ timezone: event.target.value })}>
                {zones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {errors.hours && <FieldError id={`${id}-hours-error`}>{errors.hours}</FieldError>}
          {errors.timezone && <FieldError id={`${id}-timezone-error`}>{errors.timezone}</FieldError>}
          <p className={`text-xs ${muted}`}>A window may pass midnight: from 20:00 to 06:00 is the night.</p>
        </div>
      )}
    </fieldset>
  );
}
