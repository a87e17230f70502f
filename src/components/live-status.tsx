import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { Button } from './button';
import { PauseIcon, PlayIcon, RefreshIcon, WarningIcon } from './icons';
import { UNREACHABLE_MESSAGE, reportDataFailing, useConnection } from '@/lib/connection';
import { formatClock, formatSecondsAgo } from '@/lib/format';
import { setLiveUpdatesPaused } from '@/lib/live-updates';
import { useNow } from '@/lib/use-now';

/**
 * "Live · Updated N s ago" (or a clear "Live updates paused" badge, or "Offline" while the server is
 * out of reach: lib/connection.ts), "Refresh now", and the pause switch WCAG 2.2.2 asks for. The pause
 * holds for the view it was pressed on (see lib/live-updates).
 */
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
  const { pathname } = useLocation();
  const connection = useConnection();
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      {connection !== 'online' ? (
        <span className="inline-flex flex-wrap items-center gap-1.5 text-slate-600 dark:text-slate-300">
          <span className="inline-flex items-center gap-1 rounded-full bg-red-50 px-2 py-0.5 text-xs font-semibold text-red-800 ring-1 ring-red-700/40 ring-inset dark:bg-red-500/15 dark:text-red-100 dark:ring-red-300/40">
            <WarningIcon size={12} />
            {connection === 'server' ? (
              <>
                Offline<span className="sr-only">: {UNREACHABLE_MESSAGE}</span>
              </>
            ) : (
              'Connection lost'
            )}
          </span>
          {updatedAt > 0 && <span className="tabular-nums">Updated {formatSecondsAgo(updatedAt, now)}</span>}
        </span>
      ) : paused ? (
        <span className="inline-flex flex-wrap items-center gap-1.5 text-slate-600 dark:text-slate-300">
          <span className="inline-flex items-center gap-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-950 ring-1 ring-amber-700/40 ring-inset dark:bg-amber-400/15 dark:text-amber-100 dark:ring-amber-300/40">
            <PauseIcon size={12} />
            Live updates paused
          </span>
          {updatedAt > 0 && <span className="tabular-nums">Updated {formatSecondsAgo(updatedAt, now)}</span>}
        </span>
      ) : (
        <span className="inline-flex items-center gap-1.5 text-slate-600 dark:text-slate-300">
          <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-emerald-500" />
          <span className="font-medium text-slate-700 dark:text-slate-200">Live</span>
          {updatedAt > 0 && <span className="tabular-nums">· Updated {formatSecondsAgo(updatedAt, now)}</span>}
        </span>
      )}
      <Button size="sm" onClick={onRefresh} disabled={refreshing}>
        <RefreshIcon className={refreshing ? 'animate-spin' : undefined} />
        Refresh now
      </Button>
      <Button size="sm" onClick={() => setLiveUpdatesPaused(!paused, pathname)}>
        {paused ? <PlayIcon /> : <PauseIcon />}
        {paused ? 'Resume live updates' : 'Pause live updates'}
      </Button>
    </div>
  );
}

/** Shown while polls fail; the rows on screen stay. While it shows, the app's connection state says so (lib/connection.ts). */
export function ConnectionLost({ since, reason }: { since: number; reason: string }) {
  useEffect(() => reportDataFailing(), []);
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
