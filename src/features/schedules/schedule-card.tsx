import { useState } from 'react';
import { type Holiday, type Schedule, useDeleteSchedule, useSaveSchedule } from '@/api/schedules';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { FormPanel } from '@/components/list-frame';
import { muted } from '@/components/page-styles';
import { useDisclosure } from '@/components/use-disclosure';
import { showToast } from '@/lib/toasts';
import { ScheduleForm } from './schedule-form';
import { scheduleValues } from './schedule-form-values';
import { ScheduleDrives } from './schedule-drives';
import { type Clock, nextChangeInWords, windowsInWords } from './schedule-text';

export interface ScheduleContext {
  clock: Clock;
  holidays: Holiday[];
  groups: { groupid: number; name: string }[];
  isManager: boolean;
}

function ManagerButtons({ schedule, context }: { schedule: Schedule; context: ScheduleContext }) {
  const save = useSaveSchedule();
  const remove = useDeleteSchedule();
  const edit = useDisclosure();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <div className="flex flex-wrap gap-2">
        <Button size="sm" {...edit.buttonProps} aria-label={`Edit ${schedule.name}`}>
          Edit
        </Button>
        <Button size="sm" variant="danger" onClick={() => setConfirming(true)} aria-label={`Delete ${schedule.name}…`}>
          Delete…
        </Button>
      </div>
      <div id={edit.regionId}>
        {edit.open && (
          <FormPanel label={`Edit ${schedule.name}`}>
            <ScheduleForm
              initial={scheduleValues(schedule, context.clock.zone)}
              holidays={context.holidays}
              groups={context.groups}
              now={context.clock.now}
              submitLabel="Save"
              pendingLabel="Saving…"
              pending={save.isPending}
              error={save.error}
              autoFocus
              onCancel={edit.close}
              onSubmit={(body) => save.mutate({ scheduleid: schedule.scheduleid, body }, { onSuccess: (saved) => { edit.close(); showToast({ tone: 'success', title: `${saved.name} saved` }); } })}
            />
          </FormPanel>
        )}
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Delete the schedule ${schedule.name}?`}
        confirmLabel={remove.isPending ? 'Deleting…' : 'Delete schedule'}
        error={remove.isError ? remove.error.message : null}
        onConfirm={() => remove.mutate(schedule.scheduleid, { onSuccess: () => { setConfirming(false); showToast({ tone: 'success', title: `${schedule.name} deleted` }); } })}
        onCancel={() => setConfirming(false)}
      >
        Its doors stay as they are now and no longer follow its hours.
      </ConfirmDialog>
    </>
  );
}

/** One schedule on the Schedules page: its hours in words, its zone when not the site's, what it drives and does next. */
export function ScheduleCard({ schedule, context }: { schedule: Schedule; context: ScheduleContext }) {
  const { clock } = context;
  return (
    <li className="flex flex-col gap-1.5 border-t border-slate-200 px-4 py-3 first:border-t-0 dark:border-slate-800" data-scheduleid={schedule.scheduleid}>
      <h2 className="font-semibold break-words">{schedule.name}</h2>
      <p className="text-sm">
        {windowsInWords(schedule.windows)}
        {schedule.timezone && schedule.timezone !== clock.zone && <span className={muted}> ({schedule.timezone})</span>}
        {schedule.firstPersonIn && <span className={muted}>; waits for the first person in</span>}
      </p>
      <ScheduleDrives schedule={schedule} groups={context.groups} />
      <p className="text-sm font-medium">{nextChangeInWords(schedule, clock)}</p>
      {context.isManager && <ManagerButtons schedule={schedule} context={context} />}
    </li>
  );
}
