import { Suspense, type ReactNode, useEffect } from 'react';
import { Skeleton } from '@/components/skeleton';
import { lazyChunk } from '@/lib/lazy-chunk';
import { useHydrated } from '@/lib/use-hydrated';
import type { ChartSpec } from './chart-options';

// uPlot (~50 KB) and the chart CSS load only here, with the first chart on screen.
const TrendChart = lazyChunk(() => import('./trend-chart'), { unavailable: 'inline' });

/** Where a canvas chart can be drawn and sized: a live browser page (not the server's render, not jsdom). */
function useCanDraw(): boolean {
  return useHydrated() && typeof ResizeObserver === 'function';
}

/** Starts loading the chart module while the readings load (both are needed for the first chart). */
export function usePreloadedChart(enabled: boolean) {
  const canDraw = useCanDraw();
  useEffect(() => {
    if (enabled && canDraw) void TrendChart.preload();
  }, [enabled, canDraw]);
}

/** One measure: its heading, a sentence saying what the chart shows, the chart, and its numbers. */
export function TrendPanel({ title, sentence, spec, children }: { title: string; sentence: string; spec: ChartSpec; children: ReactNode }) {
  const canDraw = useCanDraw();
  return (
    <div className="flex min-w-0 flex-col gap-2">
      <h3 className="text-sm font-semibold">{title}</h3>
      <p className="text-sm">{sentence}</p>
      {/* No points, no chart: an empty grid says nothing the sentence does not. */}
      {canDraw && spec.points.length > 0 && (
        <Suspense fallback={<Skeleton className="h-64 w-full" />}>
          <TrendChart spec={spec} />
        </Suspense>
      )}
      {children}
    </div>
  );
}
