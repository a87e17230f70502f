import { GRANT_METHODS } from '@contract/constants';
import { Button } from '@/components/button';
import { FieldError } from '@/components/form-field';
import { type GrantFieldErrors, type GrantFormState, SCHEDULE_PRESETS, earliestLastDay, previewWindow } from './grant-form';
import { GRANT_METHOD_LABELS, describeGrantRule } from './grant-rule';
import { choice, muted } from './grant-dialog-styles';
import { LabelledInput } from './labelled-input';

/**
 * The parts of the grant access dialog that build the rule: the method, how long, and the days
 * and hours. `id` prefixes the ids of the fields a refusal can name (`<id>-end_date`, …).
 */
interface RuleFieldProps {
  id: string;
  form: GrantFormState;
  update: (patch: Partial<GrantFormState>) => void;
  errors: GrantFieldErrors;
}

const VALIDITIES = [
  ['always', 'Always'],
  ['until', 'Until a date'],
  ['range', 'Date range'],
] as const;

const WEEKDAYS = [
  ['1', 'Mon', 'Monday'],
  ['2', 'Tue', 'Tuesday'],
  ['3', 'Wed', 'Wednesday'],
  ['4', 'Thu', 'Thursday'],
  ['5', 'Fri', 'Friday'],
  ['6', 'Sat', 'Saturday'],
  ['7', 'Sun', 'Sunday'],
] as const;

const HOURS = [
  ['start_time', 'From', 'startTime'],
  ['end_time', 'Until', 'endTime'],
] as const;

export function GrantMethodField({ id, form, update, errors }: RuleFieldProps) {
  return (
    <fieldset>
      <legend className="text-sm font-medium">Method</legend>
      <div id={`${id}-method`} tabIndex={-1} className="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-2">
        {GRANT_METHODS.map((method) => (
          <label key={method} className={choice}>
            <input type="radio" name={`${id}-method`} checked={form.method === method} onChange={() => update({ method })} className="size-4 accent-indigo-600" />
            {GRANT_METHOD_LABELS[method]}
          </label>
        ))}
      </div>
      {errors.method && <FieldError id={`${id}-method-error`}>{errors.method}</FieldError>}
    </fieldset>
  );
}

/** "How long": always, until a last day, or from a first to a last day (the platform's today at the earliest). */
export function GrantValidityFields({ id, form, update, errors, today }: RuleFieldProps & { today: string }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium">How long</legend>
      <div className="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-2">
        {VALIDITIES.map(([value, text]) => (
          <label key={value} className={choice}>
            <input type="radio" name={`${id}-validity`} checked={form.validity === value} onChange={() => update({ validity: value })} className="size-4 accent-indigo-600" />
            {text}
          </label>
        ))}
      </div>
      {form.validity !== 'always' && (
        <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2">
          {form.validity === 'range' && (
            <LabelledInput id={`${id}-start_date`} label="First day" type="date" value={form.startDay} error={errors.start_date} onChange={(event) => update({ startDay: event.target.value })} />
          )}
          <LabelledInput
            id={`${id}-end_date`}
            label="Last day"
            type="date"
            value={form.endDay}
            min={earliestLastDay(form, today)}
            error={errors.end_date}
            onChange={(event) => update({ endDay: event.target.value })}
          />
        </div>
      )}
    </fieldset>
  );
}

/** "Only on certain days and hours": presets, the days of the week, and the hours. */
export function GrantScheduleFields({ id, form, update, errors }: RuleFieldProps) {
  return (
    <fieldset>
      <legend className="sr-only">Days and hours</legend>
      <label className="flex min-h-8 items-center gap-2 text-sm font-medium">
        <input type="checkbox" className="size-4 accent-indigo-600" checked={form.scheduled} onChange={(event) => update({ scheduled: event.target.checked })} />
        Only on certain days and hours
      </label>
      {form.scheduled && (
        <div className="mt-2 flex flex-col gap-3">
          <div className="flex flex-wrap gap-2">
            {SCHEDULE_PRESETS.map((preset) => (
              <Button
                key={preset.label}
                size="sm"
                aria-pressed={form.days === preset.days && form.startTime === preset.startTime && form.endTime === preset.endTime}
                onClick={() => update({ days: preset.days, startTime: preset.startTime, endTime: preset.endTime })}
              >
                {preset.label}
              </Button>
            ))}
          </div>
          <WeekdayChoice id={id} form={form} update={update} errors={errors} />
          <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
            {HOURS.map(([name, text, key]) => (
              <LabelledInput key={name} id={`${id}-${name}`} label={text} type="time" value={form[key]} error={errors[name]} onChange={(event) => update({ [key]: event.target.value })} />
            ))}
          </div>
          <p className={`text-xs ${muted}`}>Leave both times empty for all day. An end before the start runs overnight.</p>
        </div>
      )}
    </fieldset>
  );
}

function WeekdayChoice({ id, form, update, errors }: RuleFieldProps) {
  return (
    <div>
      <div id={`${id}-weekdays`} tabIndex={-1} role="group" aria-label="Days" className="flex flex-wrap gap-1">
        {WEEKDAYS.map(([digit, short, long]) => (
          <label key={digit} className={choice}>
            <input
              type="checkbox"
              aria-label={long}
              checked={form.days.includes(digit)}
              onChange={(event) => update({ days: event.target.checked ? form.days + digit : form.days.replaceAll(digit, '') })}
              className="size-4 accent-indigo-600"
            />
            <span aria-hidden="true">{short}</span>
          </label>
        ))}
      </div>
      {errors.weekdays && <FieldError id={`${id}-weekdays-error`}>{errors.weekdays}</FieldError>}
    </div>
  );
}

/** The rule in words as it is built, in the platform's zone. */
export function GrantRulePreview({ id, form, zone }: { id: string; form: GrantFormState; zone: string }) {
  return (
    <p className="rounded-md bg-slate-100 px-3 py-2 text-sm dark:bg-slate-800">
      <span className="font-medium">Rule: </span>
      <output htmlFor={`${id}-end_date ${id}-start_time`}>
        {GRANT_METHOD_LABELS[form.method]} · {describeGrantRule(previewWindow(form), zone)}
      </output>
    </p>
  );
}
