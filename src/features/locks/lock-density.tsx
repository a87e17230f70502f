import { useId } from 'react';
import { useStoredPreference } from '@/lib/use-stored-preference';
import { selectClass } from './group-filter';

/** How tall the lock table's rows are: "compact" fits at least 15 rows in a 1440×900 window. */
export type LockDensity = 'comfortable' | 'compact';

const KEY_PREFIX = 'lockboard:lock-density:';

export function parseDensity(raw: string | null): LockDensity {
  return raw === 'compact' ? 'compact' : 'comfortable';
}

const serializeDensity = (density: LockDensity) => density;

/** This user's density (comfortable until chosen), kept in this browser for them. */
export function useLockDensity(userKey: string): [LockDensity, (next: LockDensity) => void] {
  return useStoredPreference(KEY_PREFIX + userKey, parseDensity, serializeDensity);
}

/** "Density: Comfortable / Compact", a native select beside the column chooser. */
export function DensityChoice({ value, onChange }: { value: LockDensity; onChange: (next: LockDensity) => void }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="text-slate-600 dark:text-slate-300">
        Density
      </label>
      <select id={id} className={selectClass} value={value} onChange={(event) => onChange(parseDensity(event.target.value))}>
        <option value="comfortable">Comfortable</option>
        <option value="compact">Compact</option>
      </select>
    </div>
  );
}
