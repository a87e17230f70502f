import type { ScheduleBody } from '@contract/schedules';
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '@/api/client';
import type { Holiday } from '@/api/schedules';
import { TextField } from '@/components/form-field';
import { RecordForm } from '@/components/record-form';
import { type FormErrors, MAX_NAME, type ScheduleFormValues, checkValues, fieldOfRefusal, scheduleBody } from './schedule-form-values';
import { SchedulePreview } from './schedule-preview';
import { Choices, LockChoices, holidayLabel } from './target-fields';
import { WindowFields } from './window-fields';

export interface ScheduleFormProps {
  initial: ScheduleFormValues;
  holidays: Holiday[];
  groups: { groupid: number; name: string }[];
  now: number;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  /** The platform's refusal of the last submission, if any. */
  error: unknown;
  onSubmit: (body: ScheduleBody) => void;
  onCancel: () => void;
  autoFocus?: boolean;
}

/** The platform's refusal, by the field it names (`name must …`), else above the buttons. */
function refusalOf(error: unknown): { field: keyof FormErrors | null; message: string } | null {
  if (!error) return null;
  const message = error instanceof Error ? error.message : 'The schedule could not be saved.';
  return { field: error instanceof ApiError && error.status === 400 ? fieldOfRefusal(message) : null, message };
}

/**
 * A schedule: its name, windows (quick picks, several a day, overnight), time zone, first person in,
 * the holidays it skips and the locks and groups it drives; the next 7 days as it would run them.
 */
export function ScheduleForm({ initial, holidays, groups, now, error, onSubmit, autoFocus = false, ...actions }: ScheduleFormProps) {
  const id = useId();
  const [values, setValues] = useState(initial);
  const [checked, setChecked] = useState<FormErrors>({});
  const [sent, setSent] = useState<ScheduleFormValues | null>(null);
  const change = (patch: Partial<ScheduleFormValues>) => setValues((v) => ({ ...v, ...patch }));
  // The platform's refusal stands while the form still holds what was sent.
  const refusal = sent === values ? refusalOf(error) : null;
  const errors: FormErrors = { ...(refusal?.field ? { [refusal.field]: refusal.message } : {}), ...checked };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkValues(values);
    setChecked(found);
    if (Object.keys(found).length > 0) return;
    setSent(values);
    onSubmit(scheduleBody(values));
  };

  return (
    <RecordForm {...actions} onSubmit={submit} otherError={refusal && !refusal.field ? refusal.message : null}>
      <TextField
        id={`${id}-name`}
        label="Name"
        value={values.name}
        error={errors.name}
        maxLength={MAX_NAME}
        autoFocus={autoFocus}
        autoComplete="off"
        hint="What people call it, such as “Lobby hours”."
        onChange={(e) => change({ name: e.target.value })}
      />
      <WindowFields id={`${id}-windows`} windows={values.windows} error={errors.windows} onChange={(windows) => change({ windows })} />
      <TextField
        id={`${id}-timezone`}
        label="Time zone"
        value={values.timezone}
        error={errors.timezone}
        autoComplete="off"
        hint="The wall clock its hours are read on, such as Europe/Berlin."
        onChange={(e) => change({ timezone: e.target.value })}
      />
      <label className="inline-flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-1" checked={values.firstPersonIn} onChange={(e) => change({ firstPersonIn: e.target.checked })} />
        <span>
          <span className="font-medium">First person in</span>: at the start of a window the door stays locked until someone with access opens it.
        </span>
      </label>
      <Choices
        legend="Holidays it skips"
        options={holidays.map((h) => ({ value: h.holidayid, label: holidayLabel(h) }))}
        chosen={values.holidayids}
        none="No holidays yet: add them under Holidays."
        onChange={(holidayids) => change({ holidayids })}
      />
      <Choices
        legend="Groups it drives"
        options={groups.map((g) => ({ value: g.groupid, label: g.name }))}
        chosen={values.groupids}
        none="No lock groups."
        onChange={(groupids) => change({ groupids })}
      />
      <LockChoices id={`${id}-locks`} chosen={values.lockids} onChange={(lockids) => change({ lockids })} />
      <SchedulePreview
        windows={values.windows}
        holidays={holidays.filter((h) => values.holidayids.includes(h.holidayid))}
        timezone={values.timezone}
        now={now}
      />
    </RecordForm>
  );
}
