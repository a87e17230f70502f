import { describe, expect, it } from 'vitest';
import { normalizePlatformDate, platformDateToMs } from './platform-date';

const at = (iso: string) => Date.parse(iso);

describe('platformDateToMs on what real hosts send', () => {
  it('reads the vendor form with or without fractions, in PLUS_TIMEZONE', () => {
    expect(platformDateToMs('2026-11-25 10:00:00')).toBe(at('2026-11-25T10:00:00Z'));
    expect(platformDateToMs('2026-11-25 10:00:00.5')).toBe(at('2026-11-25T10:00:00.500Z'));
    expect(platformDateToMs('2026-11-25 10:00:00.123456')).toBe(at('2026-11-25T10:00:00.123Z'));
    expect(platformDateToMs(' 2026-11-25 10:00:00.250 ', 'Europe/Berlin')).toBe(at('2026-11-25T09:00:00.250Z'));
  });

  it('reads ISO 8601 with T, fractions and a zone, the zone winning over PLUS_TIMEZONE', () => {
    expect(platformDateToMs('2026-11-25T10:00:00Z', 'Europe/Berlin')).toBe(at('2026-11-25T10:00:00Z'));
    expect(platformDateToMs('2026-11-25T10:00:00.123Z')).toBe(at('2026-11-25T10:00:00.123Z'));
    expect(platformDateToMs('2026-11-25T12:00:00+02:00', 'America/New_York')).toBe(at('2026-11-25T10:00:00Z'));
    expect(platformDateToMs('2026-11-25T12:00:00.5+0200')).toBe(at('2026-11-25T10:00:00.500Z'));
    expect(platformDateToMs('2026-11-25T05:30:00-04:30')).toBe(at('2026-11-25T10:00:00Z'));
    expect(platformDateToMs('2026-11-25 10:00:00 UTC', 'Europe/Berlin')).toBe(at('2026-11-25T10:00:00Z'));
    expect(platformDateToMs('2026-11-25T10:00:00', 'Europe/Berlin')).toBe(at('2026-11-25T09:00:00Z'));
  });

  it('refuses impossible zones and dates rather than guessing', () => {
    expect(platformDateToMs('2026-11-25T10:00:00+25:00')).toBeNull();
    expect(platformDateToMs('2026-11-25T10:00:00+02:75')).toBeNull();
    expect(platformDateToMs('2026-02-30T10:00:00Z')).toBeNull();
    expect(platformDateToMs('2026-11-25T10:00:00.Z')).toBeNull();
    expect(platformDateToMs('25/11/2026 10:00')).toBeNull();
  });
});

describe('normalizePlatformDate', () => {
  it('writes every accepted form one way, keeping the zone the host wrote', () => {
    expect(normalizePlatformDate('2026-11-25T10:00:00.999')).toBe('2026-11-25 10:00:00');
    expect(normalizePlatformDate('2026-11-25 10:00')).toBe('2026-11-25 10:00:00');
    expect(normalizePlatformDate('2026-11-25T10:00:00.123z')).toBe('2026-11-25 10:00:00Z');
    expect(normalizePlatformDate('2026-11-25T10:00:00-0430')).toBe('2026-11-25 10:00:00-04:30');
    expect(normalizePlatformDate('2026-11-25T10:00:00+02')).toBe('2026-11-25 10:00:00+02:00');
    expect(normalizePlatformDate('yesterday')).toBeNull();
  });

  it('gives a text that reads back to the same instant, to the second', () => {
    for (const value of ['2026-11-25T12:00:00.7+02:00', '2026-11-25 10:00:00.25', '2026-03-29T01:30:00Z']) {
      const normal = normalizePlatformDate(value);
      expect(platformDateToMs(normal, 'Europe/Berlin')).toBe(Math.floor((platformDateToMs(value, 'Europe/Berlin') ?? NaN) / 1000) * 1000);
    }
  });
});
