import { useState } from 'react';
import { type Holiday, useDeleteHoliday } from '@/api/schedules';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { FormPanel } from '@/components/list-frame';
import { card, muted } from '@/components/page-styles';
import { useDisclosure } from '@/components/use-disclosure';
import { HolidayForm } from './holiday-form';
import { holidayLabel } from './target-fields';

function HolidayRow({ holiday, canChange }: { holiday: Holiday; canChange: boolean }) {
  const remove = useDeleteHoliday();
  const edit = useDisclosure();
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="flex flex-col gap-2 border-t border-slate-200 px-4 py-2 first:border-t-0 dark:border-slate-800">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-sm break-words">{holidayLabel(holiday)}</span>
        {canChange && (
          <div className="flex flex-wrap gap-2">
            <Button size="sm" variant="ghost" {...edit.buttonProps} aria-label={`Edit the holiday ${holiday.name}`}>
              Edit
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirming(true)} aria-label={`Delete the holiday ${holiday.name}…`}>
              Delete…
            </Button>
          </div>
        )}
      </div>
      <div id={edit.regionId}>
        {edit.open && (
          <FormPanel label={`Edit the holiday ${holiday.name}`}>
            <HolidayForm holiday={holiday} onDone={edit.close} />
          </FormPanel>
        )}
      </div>
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

/** The holidays schedules can skip: a list, and for a manager adding (a day or a range, once or yearly), editing and deleting. */
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
      <div id={add.regionId}>
        {add.open && (
          <FormPanel title="New holiday">
            <HolidayForm onDone={add.close} />
          </FormPanel>
        )}
      </div>
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
