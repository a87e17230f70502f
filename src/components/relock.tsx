import { useNow } from '@/lib/use-now';

/** The relock delays a timed unlock offers, in seconds (DESIGN: `duration_s`, 60–3600). */
export const RELOCK_DURATIONS_S = [60, 300, 900, 3600] as const;

/** "1 minute", "15 minutes", "1 hour", "2 hours". */
export function formatDuration(seconds: number): string {
  if (seconds >= 3600 && seconds % 3600 === 0) return seconds === 3600 ? '1 hour' : `${seconds / 3600} hours`;
  const minutes = Math.max(1, Math.round(seconds / 60));
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * What is left until `relockMs` at `nowMs`: "4:32", "1:00:00"; null once the moment has passed
 * (the door relocks; the next poll shows it). Rounded up, so that "0:00" is never shown while time
 * is left and the first second shows the full duration.
 */
export function formatCountdown(relockMs: number, nowMs: number): string | null {
  const left = Math.ceil((relockMs - nowMs) / 1000);
  if (left <= 0) return null;
  const hours = Math.floor(left / 3600);
  const minutes = Math.floor((left % 3600) / 60);
  const seconds = String(left % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * "Relocks in 4:32", ticking every second (only this element re-renders). The exact local time is
 * in the title; screen readers get the same text, which they read when they reach it (it is not a
 * live region: a ticking announcement would drown everything else).
 */
export function RelockCountdown({ relockMs, className }: { relockMs: number; className?: string }) {
  const now = useNow(1000);
  const left = formatCountdown(relockMs, now);
  return (
    <span className={className} title={`Relocks by itself at ${new Date(relockMs).toLocaleTimeString()}`}>
      {left === null ? 'Relocking…' : `Relocks in ${left}`}
    </span>
  );
}
