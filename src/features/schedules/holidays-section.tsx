import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '@/api/client';
import { type Holiday, useCreateHoliday, useDeleteHoliday } from '@/api/schedules';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { TextField } from '@/components/form-field';
import { FormPanel } from '@/components/list-frame';
import { card, muted } from '@/components/page-styles';
import { RecordForm } from '@/components/record-form';
import { useDisclosure } from '@/components/use-disclosure';
import { holidayLabel } from './target-fields';

function HolidayForm({ onDone }: { onDone: () => void }) {
  const id = useId();
  const create = useCreateHoliday();
  const [values, setValues] = useState({ name: '', start: '', end: '', yearly: false });
  const [missing, setMissing] = useState<string | null>(null);
  const refusal = create.error instanceof ApiError ? create.error.message : create.error ? 'The holiday could not be saved.' : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const gap = !values.name.trim() ? 'Enter a name for the holiday.' : !values.start ? 'Choose the first day.' : null;
    setMissing(gap);
    if (gap) return;
    const body = { name: values.name.trim(), start_date: values.start, ...(values.end ? { end_date: values.end } : {}), yearly: values.yearly ? 1 : 0 } as const;
    create.mutate(body, { onSuccess: onDone });
  };
  return (
    <RecordForm onSubmit={submit} otherError={missing ?? refusal} submitLabel="Add holiday" pendingLabel="Adding…" pending={create.isPending} onCancel={onDone}>
      <TextField id={`${id}-name`} label="Name" value={values.name} autoFocus autoComplete="off" onChange={(e) => setValues({ ...values, name: e.target.value })} />
      <div className="flex flex-wrap gap-3">
        <TextField id={`${id}-start`} label="First day" type="date" value={values.start} onChange={(e) => setValues({ ...values, start: e.target.value })} />
        <TextField id={`${id}-end`} label="Last day" optional type="date" value={values.end} hint="Leave empty for one day." onChange={(e) => setValues({ ...values, end: e.target.value })} />
      </div>
      <label className="inline-flex items-center gap-2 text-sm">
        <input type="checkbox" checked={values.yearly} onChange={(e) => setValues({ ...values, yearly: e.target.checked })} />
        Every year on these dates
      </label>
    </RecordForm>
  );
}

function HolidayRow({ holiday, canChange }: { holiday: Holiday; canChange: boolean }) {
  const remove = useDeleteHoliday();
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 px-4 py-2 first:border-t-0 dark:border-slate-800">
      <span className="text-sm break-words">{holidayLabel(holiday)}</span>
      {canChange && (
        <Button size="sm" variant="ghost" onClick={() => setConfirming(true)} aria-label={`Delete the holiday ${holiday.name}…`}>
          Delete…
        </Button>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Delete the holiday ${holiday.name}?`}
        confirmLabel={remove.isPending ? 'Deleting…' : 'Delete holiday'}
        error={remove.isError ? remove.error.message : null}
        onConfirm={() => remove.mutate(holiday.holidayid, { onSuccess: () => setConfirming(false) })}
        onCancel={() => setConfirming(false)}
      >
        Schedules that skip it will unlock on these dates again.
      </ConfirmDialog>
    </li>
  );
}

/** The holidays schedules can skip: a list, and for a manager adding (a day or a range, once or yearly) and deleting. */
export function HolidaysSection({ holidays, failed, canChange }: { holidays: Holiday[] | undefined; failed: Error | null; canChange: boolean }) {
  const add = useDisclosure();
  return (
    <section aria-labelledby="holidays-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="holidays-heading" className="text-lg font-semibold">
          Holidays
        </h2>
        {canChange && <Button {...add.buttonProps}>Add holiday</Button>}
      </div>
      <div id={add.regionId}>{add.open && <FormPanel title="New holiday"><HolidayForm onDone={add.close} /></FormPanel>}</div>
      <div className={card}>
        {failed && <p className={`p-4 text-sm ${muted}`}>The holidays could not be loaded: {failed.message}</p>}
        {holidays?.length === 0 && <p className={`p-4 text-sm ${muted}`}>No holidays yet.</p>}
        <ul>
          {holidays?.map((holiday) => (
            <HolidayRow key={holiday.holidayid} holiday={holiday} canChange={canChange} />
          ))}
        </ul>
      </div>
    </section>
  );
}
