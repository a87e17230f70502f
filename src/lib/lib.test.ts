import { describe, expect, it } from 'vitest';
import { formatRelative, formatSecondsAgo, formatTemperature, plural } from './format';
import { platformDateToMs } from '@contract/platform-date';
import { safePictureUrl } from './safe-url';

describe('platformDateToMs', () => {
  it('reads the platform date as UTC by default', () => {
    expect(platformDateToMs('2022-12-28 22:07:44')).toBe(Date.UTC(2022, 11, 28, 22, 7, 44));
  });

  it('reads it in PLUS_TIMEZONE, across daylight saving', () => {
    expect(platformDateToMs('2026-01-15 12:00:00', 'Europe/Berlin')).toBe(Date.UTC(2026, 0, 15, 11, 0, 0));
    expect(platformDateToMs('2026-07-15 12:00:00', 'Europe/Berlin')).toBe(Date.UTC(2026, 6, 15, 10, 0, 0));
    expect(platformDateToMs('2026-07-15 12:00:00', 'America/New_York')).toBe(Date.UTC(2026, 6, 15, 16, 0, 0));
  });

  it('refuses impossible and malformed dates', () => {
    expect(platformDateToMs('2026-02-30 10:00:00')).toBeNull();
    expect(platformDateToMs('2026-01-01 25:00:00')).toBeNull();
    expect(platformDateToMs('soon')).toBeNull();
    expect(platformDateToMs(null)).toBeNull();
  });
});

describe('safePictureUrl', () => {
  it('accepts same-origin paths and URLs on the upstream origin only', () => {
    expect(safePictureUrl('/api/uploads/product_images/a.jpg', null)).toBe('/api/uploads/product_images/a.jpg');
    expect(safePictureUrl('https://plus.example.com/api/uploads/a.jpg', 'https://plus.example.com')).toBe(
      'https://plus.example.com/api/uploads/a.jpg',
    );
  });

  it('refuses javascript:, data:, protocol-relative and foreign URLs', () => {
    for (const bad of ['javascript:alert(1)', 'data:image/svg+xml,<svg/>', '//evil.example/x.jpg', 'https://evil.example/x.jpg', '/\\evil', '']) {
      expect(safePictureUrl(bad, 'https://plus.example.com')).toBeNull();
    }
    expect(safePictureUrl('https://plus.example.com/a.jpg', null)).toBeNull();
  });
});

describe('format', () => {
  const now = Date.UTC(2026, 10, 25, 12, 0, 0);
  it('says relative times in words', () => {
    expect(formatRelative(now - 10_000, now)).toBe('just now');
    expect(formatRelative(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(formatRelative(now - 3 * 3600_000, now)).toBe('3 hours ago');
    expect(formatRelative(now - 2 * 86400_000, now)).toBe('2 days ago');
    expect(formatSecondsAgo(now - 12_400, now)).toBe('12 s ago');
    expect(formatSecondsAgo(now + 5_000, now)).toBe('0 s ago');
  });

  it('formats temperature and counts', () => {
    expect(formatTemperature(21.54)).toBe('21.5 °C');
    expect(formatTemperature(null)).toBe('—');
    expect(plural(1, 'lock')).toBe('1 lock');
    expect(plural(240, 'lock')).toBe('240 locks');
  });
});
