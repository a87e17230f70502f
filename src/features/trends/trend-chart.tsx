// The server's type check reaches this module through the SSR entry's routes: it needs Vite's CSS module types too.
/// <reference types="vite/client" />
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useMediaQuery } from '@/lib/use-media-query';
import { type ChartSpec, chartData, chartOptions, readColors } from './chart-options';
import './trends.css';

/** Loaded lazily (trend-panel.tsx): uPlot and this CSS land in the chart's own chunk. */
const HEIGHT = 180;
/** Below this width the chart would be unreadable: it is not drawn smaller (the box never overflows the page). */
const MIN_WIDTH = 200;

/**
 * One uPlot chart sized to its box (a ResizeObserver follows it to phone width). Hovering shows
 * the exact date and value in the legend below; the numbers, for keyboard and screen readers, are
 * in the table beside it. Redrawn in the other scheme's colours when dark mode turns on or off.
 */
export function TrendChart({ spec }: { spec: ChartSpec }) {
  const box = useRef<HTMLDivElement>(null);
  const dark = useMediaQuery('(prefers-color-scheme: dark)');
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const widthOf = () => Math.max(MIN_WIDTH, Math.floor(element.clientWidth));
    const chart = new uPlot(chartOptions(spec, readColors(element), widthOf(), HEIGHT), chartData(spec.points, spec.stepMs), element);
    let last = widthOf();
    const observer = new ResizeObserver(() => {
      const width = widthOf();
      if (width !== last) chart.setSize({ width: (last = width), height: HEIGHT });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [spec, dark]);
  return <div ref={box} className="trend-chart" aria-hidden="true" />;
}

export default TrendChart;
