import { Button } from './button';
import { PauseIcon, PlayIcon, RefreshIcon, WarningIcon } from './icons';
import { formatClock, formatSecondsAgo } from '@/lib/format';
import { setLiveUpdatesPaused } from '@/lib/live-updates';
import { useNow } from '@/lib/use-now';

/** "Updated N s ago", "Refresh now", and the pause switch WCAG 2.2.2 asks for. */
export function LiveStatus({
  updatedAt,
  paused,
  refreshing,
  onRefresh,
}: {
  updatedAt: number;
  paused: boolean;
  refreshing: boolean;
  onRefresh: () => void;
}) {
  const now = useNow(1000);
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="inline-flex items-center gap-1.5 text-slate-600 dark:text-slate-300">
        <span
          aria-hidden="true"
          className={paused ? 'size-2 rounded-full bg-slate-400' : 'size-2 animate-pulse rounded-full bg-emerald-500'}
        />
        {paused ? 'Live updates paused' : 'Live'}
        {updatedAt > 0 && <span className="tabular-nums">· Updated {formatSecondsAgo(updatedAt, now)}</span>}
      </span>
      <Button size="sm" onClick={onRefresh} disabled={refreshing}>
        <RefreshIcon className={refreshing ? 'animate-spin' : undefined} />
        Refresh now
      </Button>
      <Button size="sm" onClick={() => setLiveUpdatesPaused(!paused)}>
        {paused ? <PlayIcon /> : <PauseIcon />}
        {paused ? 'Resume live updates' : 'Pause live updates'}
      </Button>
    </div>
  );
}

/** Shown while polls fail; the rows on screen stay. */
export function ConnectionLost({ since, reason }: { since: number; reason: string }) {
  return (
    <div
      role="alert"
      className="flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 ring-1 ring-amber-600/30 ring-inset dark:bg-amber-500/10 dark:text-amber-100"
    >
      <WarningIcon className="mt-0.5 shrink-0" />
      <p>
        <strong className="font-semibold">Connection lost — showing data from {formatClock(since)}</strong>
        <span className="block text-amber-900 dark:text-amber-200">{reason} Lockboard keeps trying.</span>
      </p>
    </div>
  );
}
