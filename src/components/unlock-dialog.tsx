import { useId, useState } from 'react';
import { ConfirmDialog } from './confirm-dialog';
import { RELOCK_DURATIONS_S, formatDuration } from './relock';

/**
 * "Unlock Front door?" (lock-controls.tsx), in a chunk of its own: loaded on the way to the first
 * unlock, not with the first screen. With `timedUnlock`, it offers to lock again by itself; the
 * delay chosen (seconds) goes to `onConfirm`, undefined for "Not automatically".
 */
export default function UnlockDialog({
  lockName,
  timedUnlock,
  onCancel,
  onConfirm,
}: {
  lockName: string;
  timedUnlock: boolean;
  onCancel: () => void;
  onConfirm: (durationS: number | undefined) => void;
}) {
  const [durationS, setDurationS] = useState(0);
  return (
    <ConfirmDialog
      open
      title={`Unlock ${lockName}?`}
      confirmLabel={durationS > 0 ? `Unlock for ${formatDuration(durationS)}` : 'Unlock'}
      onCancel={onCancel}
      onConfirm={() => onConfirm(durationS > 0 ? durationS : undefined)}
      options={timedUnlock ? <RelockChoice value={durationS} onChange={setDurationS} /> : undefined}
    >
      {durationS > 0
        ? `${lockName} opens for anyone, and locks again by itself after ${formatDuration(durationS)}.`
        : `${lockName} opens for anyone until it is locked again.`}
    </ConfirmDialog>
  );
}

function RelockChoice({ value, onChange }: { value: number; onChange: (durationS: number) => void }) {
  const name = useId();
  const choices = [0, ...RELOCK_DURATIONS_S];
  return (
    <fieldset>
      <legend className="text-sm font-medium">Lock again</legend>
      <div className="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-2">
        {choices.map((seconds) => (
          <label
            key={seconds}
            className="flex min-h-8 cursor-pointer items-center gap-2 rounded-md px-2 text-sm ring-1 ring-slate-200 ring-inset has-checked:bg-indigo-50 has-checked:ring-indigo-600 dark:ring-slate-700 dark:has-checked:bg-indigo-500/15 dark:has-checked:ring-indigo-400"
          >
            <input
              type="radio"
              name={name}
              value={seconds}
              checked={value === seconds}
              onChange={() => onChange(seconds)}
              className="size-4 accent-indigo-600"
            />
            {seconds === 0 ? 'Not automatically' : `After ${formatDuration(seconds)}`}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
