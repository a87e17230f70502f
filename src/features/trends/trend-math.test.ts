import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '@/api/readings';
import { onlineShare, onlineSpans, sinceLastSwap, slopePerDay, stepMsOf } from './trend-math';
import { batterySentence, onlineSentence, temperatureSentence } from './trend-text';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const t0 = Date.UTC(2026, 11, 1);
const daily = (values: number[]): SeriesPoint[] => values.map((value, i) => [t0 + i * DAY, value]);
const INTL = { timeZone: 'UTC', locale: 'en-GB' };

describe('trend math', () => {
  it('reads the drain per day from the current battery only: a swap (a rise of 15 points or more) starts again', () => {
    const draining = daily([70, 69, 68, 67, 66]);
    expect(slopePerDay(draining)).toBeCloseTo(-1, 6);
    const swapped = daily([30, 28, 26, 24, 95, 94.5, 94, 93.5]);
    expect(sinceLastSwap(swapped)).toEqual(swapped.slice(4));
    expect(slopePerDay(sinceLastSwap(swapped))).toBeCloseTo(-0.5, 6);
    // A rise of less than 15 points is noise (a warm day), not a new battery.
    expect(sinceLastSwap(daily([50, 49, 60, 59]))).toHaveLength(4);
    expect(slopePerDay(draining.slice(0, 1))).toBeNull();
    expect(slopePerDay([[t0, 50], [t0 + HOUR, 49]])).toBeNull();
  });

  it('joins online samples into periods, a gap without samples ending one', () => {
    const points: SeriesPoint[] = [[t0, 1], [t0 + HOUR, 1], [t0 + 2 * HOUR, 0], [t0 + 3 * HOUR, 1], [t0 + 6 * HOUR, 1]];
    expect(onlineSpans(points, HOUR)).toEqual([
      { online: true, from: t0, to: t0 + 2 * HOUR },
      { online: false, from: t0 + 2 * HOUR, to: t0 + 3 * HOUR },
      { online: true, from: t0 + 3 * HOUR, to: t0 + 4 * HOUR },
      { online: true, from: t0 + 6 * HOUR, to: t0 + 7 * HOUR },
    ]);
    expect(onlineShare(points)).toBe(80);
    expect(onlineShare([])).toBeNull();
    expect(stepMsOf(null, points)).toBe(HOUR);
    expect(stepMsOf(7200, points)).toBe(2 * HOUR);
    // Hourly readings in 15-minute buckets: a point stands for its hour (else every hour is a gap), a 3-hour hole is still a gap.
    expect(stepMsOf(900, points)).toBe(HOUR);
    expect(onlineSpans(points, stepMsOf(900, points))).toHaveLength(4);
  });

  it('says what each chart shows in a sentence', () => {
    expect(batterySentence(daily([70, 69, 68, 67, 66]), INTL)).toBe('Battery 66\u00a0%, falling about 1 point a day.');
    expect(batterySentence(daily([64.8, 64, 63.2]), INTL)).toBe('Battery 63.2\u00a0%, falling about 0.8 points a day.');
    expect(batterySentence(daily([64, 64]), INTL)).toBe('Battery 64\u00a0%, steady.');
    expect(batterySentence([], INTL)).toBe('');
    expect(temperatureSentence(daily([18, 24, 21.5]), 7, INTL)).toBe('Temperature 21.5\u00a0°C, between 18 and 24\u00a0°C over the last 7 days.');
    const online = { lockid: 'EM1', from: null, to: null, step: 3600, battery: [], temperature: [], online: [[t0, 1], [t0 + HOUR, 0], [t0 + 2 * HOUR, 1], [t0 + 3 * HOUR, 1]] as SeriesPoint[] };
    expect(onlineSentence(online, 7, INTL)).toBe('Online 75\u00a0% of the last 7 days, offline once; online at the last reading.');
  });
});
