import { CRITICAL_BATTERY_LEVEL, LOW_BATTERY_LEVEL } from '@contract/constants';
import { cn } from './cn';
import { UnknownValue } from './unknown-value';

/** How a battery level reads in words: "Critical" at ≤ 10 % (as the alerts say), "Low" at ≤ 20 %. */
export function batteryWord(level: number | null): 'Critical' | 'Low' | null {
  if (level === null) return null;
  if (level <= CRITICAL_BATTERY_LEVEL) return 'Critical';
  if (level <= LOW_BATTERY_LEVEL) return 'Low';
  return null;
}

/** Battery as a bar, a number and (when it matters) a word; "—" (Unknown) when the platform did not say. */
export function BatteryLevel({ level }: { level: number | null }) {
  if (level === null) return <UnknownValue />;
  const word = batteryWord(level);
  return (
    <span className="inline-flex items-center gap-2 whitespace-nowrap">
      <span aria-hidden="true" data-battery-bar="" className="h-2 w-10 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700">
        <span
          className={cn('block h-full rounded-full', word ? 'bg-red-600 dark:bg-red-400' : 'bg-emerald-600 dark:bg-emerald-400')}
          style={{ width: `${level}%` }}
        />
      </span>
      <span className="tabular-nums">{level} %</span>
      {word && <span className="font-semibold text-red-700 dark:text-red-300">{word}</span>}
    </span>
  );
}
