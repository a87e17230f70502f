import { useId } from 'react';
import { RELOCK_DURATIONS_S, formatDuration } from './relock';

/**
 * "Lock again": Not automatically / After 1 minute / 5 / 15 minutes / 1 hour, as native radios.
 * The one choice of a timed unlock, for one lock (unlock-dialog.tsx) and for a selection (the bulk
 * bar's question). `value` in seconds, 0 for "Not automatically".
 */
export function RelockChoice({ value, onChange }: { value: number; onChange: (durationS: number) => void }) {
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
