import uPlot from 'uplot';
import type { SeriesPoint } from '@/api/readings';
import { type TrendIntl, formatDay, formatWhen } from './trend-text';
import type { TrendMarker } from './use-trend-markers';

/** What one chart shows (the lazily loaded module draws it with uPlot). */
export interface ChartSpec {
  label: string;
  points: readonly SeriesPoint[];
  /** The x scale, epoch ms: the whole range asked for, so that 7 days look like 7 days. */
  from: number;
  to: number;
  /** A point more than 1.5 steps after the previous one starts a new line (no samples between). */
  stepMs: number;
  /** The value as text, with its unit ("64 %", "Online"). */
  formatValue: (value: number) => string;
  /** The online timeline: a stepped 0/1 line. */
  stepped?: boolean;
  yRange?: [number, number];
  markers: readonly TrendMarker[];
  intl: TrendIntl;
}

/** The colours, from CSS variables that change in dark mode (trends.css). */
export interface ChartColors {
  line: string;
  fill: string;
  text: string;
  grid: string;
  command: string;
  alert: string;
}

export function readColors(element: Element): ChartColors {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(`--trend-${name}`).trim() || fallback;
  return { line: read('line', '#4f46e5'), fill: read('fill', '#4f46e526'), text: read('text', '#475569'), grid: read('grid', '#e2e8f0'), command: read('command', '#b45309'), alert: read('alert', '#dc2626') };
}

/** uPlot's columns (seconds), with a null where samples are missing so that the line breaks there. */
export function chartData(points: readonly SeriesPoint[], stepMs: number): uPlot.AlignedData {
  const xs: number[] = [];
  const ys: (number | null)[] = [];
  points.forEach(([ms, value], i) => {
    const previous = points[i - 1];
    if (previous && ms - previous[0] > stepMs * 1.5) {
      xs.push((previous[0] + stepMs) / 1000);
      ys.push(null);
    }
    xs.push(ms / 1000);
    ys.push(value);
  });
  return [xs, ys];
}

/** Vertical lines at the markers: alerts solid, remote commands dashed (not colour alone). */
function drawMarkers(u: uPlot, markers: readonly TrendMarker[], colors: ChartColors) {
  const { ctx, bbox } = u;
  const px = uPlot.pxRatio;
  ctx.save();
  ctx.lineWidth = 1.5 * px;
  for (const marker of markers) {
    const x = Math.round(u.valToPos(marker.ms / 1000, 'x', true));
    if (x < bbox.left || x > bbox.left + bbox.width) continue;
    ctx.strokeStyle = marker.kind === 'alert' ? colors.alert : colors.command;
    ctx.setLineDash(marker.kind === 'command' ? [5 * px, 4 * px] : []);
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
  }
  ctx.restore();
}

const DAY_INCRS = [1, 2, 3, 7, 14, 30].map((days) => days * 86_400);

let firstChartMarked = false;
/** For the bench: the moment the page's first chart is on screen. */
function markFirstChart() {
  if (firstChartMarked) return;
  firstChartMarked = true;
  performance.mark('lockboard:first-chart');
}

export function chartOptions(spec: ChartSpec, colors: ChartColors, width: number, height: number): uPlot.Options {
  const yRange = spec.yRange;
  const axis = { stroke: colors.text, grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid, width: 1 } };
  const valueText = (_u: uPlot, value: number | null) => (value === null ? '—' : spec.formatValue(value));
  return {
    width,
    height,
    tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), spec.intl.timeZone),
    scales: { x: { time: true, range: () => [spec.from / 1000, spec.to / 1000] }, y: yRange ? { range: () => yRange } : {} },
    axes: [
      // Ticks on whole days only: labelled by day, ticks every 8 hours would say "Dec 1" three times.
      { ...axis, incrs: DAY_INCRS, values: (_u, splits) => splits.map((seconds) => formatDay(seconds * 1000, spec.intl)) },
      {
        ...axis,
        size: 64,
        ...(spec.stepped ? { splits: () => [0, 1] } : {}),
        values: (_u, splits) => splits.map((value) => spec.formatValue(value)),
      },
    ],
    series: [
      { label: 'Time', value: (_u, seconds) => (seconds === null ? '—' : formatWhen(seconds * 1000, spec.intl)) },
      {
        label: spec.label,
        stroke: colors.line,
        width: 2,
        value: valueText,
        ...(spec.stepped ? { fill: colors.fill, paths: uPlot.paths.stepped?.({ align: 1 }) } : {}),
      },
    ],
    cursor: { drag: { x: false, y: false } },
    legend: { live: true },
    hooks: { draw: [(u) => drawMarkers(u, spec.markers, colors), markFirstChart] },
  };
}
