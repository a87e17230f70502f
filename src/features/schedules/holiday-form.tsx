import type { HolidayBody } from '@contract/schedules';
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '@/api/client';
import { type Holiday, useSaveHoliday } from '@/api/schedules';
import { TextField } from '@/components/form-field';
import { RecordForm } from '@/components/record-form';
import { showToast } from '@/lib/toasts';

interface HolidayValues {
  name: string;
  start: string;
  /** Empty: one day. */
  end: string;
  yearly: boolean;
}

type Field = 'name' | 'start' | 'end';

const FIELD_OF_REFUSAL: Record<string, Field> = { name: 'name', start_date: 'start', end_date: 'end' };

function valuesOf(holiday: Holiday | undefined): HolidayValues {
  if (!holiday) return { name: '', start: '', end: '', yearly: false };
  return { name: holiday.name, start: holiday.startDate, end: holiday.endDate === holiday.startDate ? '' : holiday.endDate, yearly: holiday.yearly };
}

function bodyOf(values: HolidayValues): HolidayBody {
  return { name: values.name.trim(), start_date: values.start, ...(values.end ? { end_date: values.end } : {}), yearly: values.yearly ? 1 : 0 };
}

function gapIn(values: HolidayValues): { field: Field; message: string } | null {
  if (!values.name.trim()) return { field: 'name', message: 'Enter a name for the holiday.' };
  if (!values.start) return { field: 'start', message: 'Choose the first day.' };
  return null;
}

/** The platform's refusal, by the field its message starts with (`end_date must not be before start_date`), else about none. */
function refusalOf(error: Error | null): { field: Field | null; message: string } | null {
  if (!error) return null;
  if (!(error instanceof ApiError)) return { field: null, message: 'The holiday could not be saved.' };
  // "end_date: end_date must not be before start_date" (zod's path first) or "name must …".
  const [, first, rest] = /^(name|start_date|end_date)\b(?::\s*(.*))?/s.exec(error.message.trim()) ?? [];
  const field = (error.status === 400 && first && FIELD_OF_REFUSAL[first]) || null;
  return { field, message: field && rest ? rest : error.message };
}

/**
 * A new holiday (no `holiday`) or a change to one: its name, first and last day, and whether it comes
 * back every year. A refusal from the platform is shown by the field it names (else under the fields)
 * for as long as the form holds what was sent; what was typed stays.
 */
export function HolidayForm({ holiday, onDone }: { holiday?: Holiday; onDone: () => void }) {
  const id = useId();
  const save = useSaveHoliday();
  const [values, setValues] = useState(() => valuesOf(holiday));
  const [sent, setSent] = useState<HolidayValues | null>(null);
  const [gap, setGap] = useState<{ field: Field; message: string } | null>(null);
  const refusal = gap ?? (sent === values ? refusalOf(save.error) : null);
  const errorOf = (field: Field) => (refusal?.field === field ? refusal.message : null);
  const change = (patch: Partial<HolidayValues>) => setValues({ ...values, ...patch });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = gapIn(values);
    setGap(found);
    if (found) return;
    setSent(values);
    save.mutate(
      { holidayid: holiday?.holidayid, body: bodyOf(values) },
      { onSuccess: (saved) => { onDone(); showToast({ tone: 'success', title: `${saved.name} ${holiday ? 'saved' : 'added'}` }); } },
    );
  };
  const [submitLabel, pendingLabel] = holiday ? ['Save holiday', 'Saving…'] : ['Add holiday', 'Adding…'];
  return (
    <RecordForm onSubmit={submit} otherError={refusal && !refusal.field ? refusal.message : null} submitLabel={submitLabel} pendingLabel={pendingLabel} pending={save.isPending} onCancel={onDone}>
      <TextField id={`${id}-name`} label="Name" value={values.name} error={errorOf('name')} autoFocus autoComplete="off" onChange={(e) => change({ name: e.target.value })} />
      {/* The date pickers' own icons follow a dark page (as the Activity filters' do). */}
      <div className="flex flex-wrap gap-3 dark:[color-scheme:dark]">
        <TextField id={`${id}-start`} label="First day" type="date" value={values.start} error={errorOf('start')} onChange={(e) => change({ start: e.target.value })} />
        <TextField id={`${id}-end`} label="Last day" optional type="date" value={values.end} error={errorOf('end')} hint="Leave empty for one day." onChange={(e) => change({ end: e.target.value })} />
      </div>
      <label className="inline-flex items-center gap-2 text-sm">
        <input type="checkbox" checked={values.yearly} onChange={(e) => change({ yearly: e.target.checked })} />
        Every year on these dates
      </label>
    </RecordForm>
  );
}
