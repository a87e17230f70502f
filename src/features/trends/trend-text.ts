import type { Readings } from '@/api/readings';
import { portableIntl } from '@/lib/portable-intl';
import { extent, onlineShare, onlineSpans, sinceLastSwap, slopePerDay, stepMsOf } from './trend-math';

/** The viewer's locale and zone (the route hands them over, as to the history). */
export interface TrendIntl {
  timeZone: string;
  locale: string;
}

const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let found = formats.get(key);
  if (!found) formats.set(key, (found = make()));
  return found as T;
}

/** "8 Dec 2026, 14:00" in the viewer's locale and zone. */
export function formatWhen(ms: number, intl: TrendIntl): string {
  const format = cached(`when ${intl.locale} ${intl.timeZone}`, () => new Intl.DateTimeFormat(intl.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: intl.timeZone }));
  return portableIntl(format.format(ms));
}

/** "8 Dec" in the viewer's locale and zone: the charts' time axis. */
export function formatDay(ms: number, intl: TrendIntl): string {
  return portableIntl(cached(`day ${intl.locale} ${intl.timeZone}`, () => new Intl.DateTimeFormat(intl.locale, { day: 'numeric', month: 'short', timeZone: intl.timeZone })).format(ms));
}

/** A number with at most `digits` decimals, in the viewer's locale. */
export function formatNumber(n: number, intl: TrendIntl, digits = 1): string {
  return portableIntl(cached(`n${digits} ${intl.locale}`, () => new Intl.NumberFormat(intl.locale, { maximumFractionDigits: digits })).format(n));
}

export const UNITS = { battery: '%', temperature: '°C' } as const;
/** A no-break space before the unit: at phone width "29.9 °C" would otherwise wrap and leave "°C" alone on a line. */
export const withUnit = (n: number, unit: string, intl: TrendIntl) => `${formatNumber(n, intl)}\u00a0${unit}`;

const period = (days: number) => `the last ${days} days`;

/** "Battery 64 %, falling about 0.8 points a day." (the rate over the current battery, after a swap). */
export function batterySentence(points: Readings['battery'], intl: TrendIntl): string {
  const last = points.at(-1);
  if (!last) return '';
  const now = `Battery ${withUnit(last[1], '%', intl)}`;
  const slope = slopePerDay(sinceLastSwap(points));
  if (slope === null || Math.abs(slope) < 0.05) return `${now}${slope === null ? '.' : ', steady.'}`;
  const rate = formatNumber(Math.abs(slope), intl);
  return `${now}, ${slope < 0 ? 'falling' : 'rising'} about ${rate} ${rate === '1' ? 'point' : 'points'} a day.`;
}

/** "Temperature 21.5 °C, between 18 and 24 °C over the last 7 days." */
export function temperatureSentence(points: Readings['temperature'], days: number, intl: TrendIntl): string {
  const last = points.at(-1);
  const range = extent(points);
  if (!last || !range) return '';
  return `Temperature ${withUnit(last[1], '°C', intl)}, between ${formatNumber(range.min, intl)} and ${withUnit(range.max, '°C', intl)} over ${period(days)}.`;
}

/** "Online 97 % of the last 7 days, offline 2 times; online now." */
export function onlineSentence(readings: Readings, days: number, intl: TrendIntl): string {
  const share = onlineShare(readings.online);
  if (share === null) return '';
  const outages = onlineSpans(readings.online, stepMsOf(readings.step, readings.online)).filter((span) => !span.online).length;
  const times = outages === 0 ? 'never offline' : `offline ${outages === 1 ? 'once' : `${outages} times`}`;
  const now = readings.online.at(-1)?.[1] === 1 ? 'online' : 'offline';
  return `Online ${withUnit(share, '%', intl)} of ${period(days)}, ${times}; ${now} at the last reading.`;
}
