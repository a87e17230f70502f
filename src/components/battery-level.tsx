import { CRITICAL_BATTERY_LEVEL, LOW_BATTERY_LEVEL } from '@contract/constants';
import { UnknownValue } from './unknown-value';

/** How a battery level reads in words: "Critical" at ≤ 10 % (as the alerts say), "Low" at ≤ 20 %. */
export function batteryWord(level: number | null): 'Critical' | 'Low' | null {
  if (level === null) return null;
  if (level <= CRITICAL_BATTERY_LEVEL) return 'Critical';
  if (level <= LOW_BATTERY_LEVEL) return 'Low';
  return null;
}

/**
 * Battery as a bar, a number and (when it matters) a word; "—" (Unknown) when the platform did not
 * say. Its look is `.battery` in index.css (a table shows one on every row).
 */
export function BatteryLevel({ level }: { level: number | null }) {
  if (level === null) return <UnknownValue />;
  const word = batteryWord(level);
  return (
    <span className={word ? 'battery battery-low' : 'battery'}>
      <span aria-hidden="true" data-battery-bar="">
        <span style={{ width: `${level}%` }} />
      </span>
      {`${level} %`}
      {word && <span className="battery-word">{word}</span>}
    </span>
  );
}
