import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RelockCountdown, formatCountdown, formatDuration } from './relock';

describe('the relock countdown', () => {
  it('counts down in m:ss (h:mm:ss from an hour), rounding up so 0:00 never shows while time is left', () => {
    const at = Date.UTC(2026, 10, 25, 8, 5, 0);
    expect(formatCountdown(at, at - 272_000)).toBe('4:32');
    expect(formatCountdown(at, at - 300_000)).toBe('5:00');
    expect(formatCountdown(at, at - 3_600_000)).toBe('1:00:00');
    expect(formatCountdown(at, at - 3_725_000)).toBe('1:02:05');
    expect(formatCountdown(at, at - 400)).toBe('0:01');
    expect(formatCountdown(at, at)).toBeNull();
    expect(formatCountdown(at, at + 5_000)).toBeNull();
  });

  it('names the durations the unlock dialog offers', () => {
    expect([60, 300, 900, 3600, 7200].map(formatDuration)).toEqual(['1 minute', '5 minutes', '15 minutes', '1 hour', '2 hours']);
  });

  describe('on screen', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('ticks every second and says "Relocking…" once the time is up', () => {
      const start = Date.UTC(2026, 10, 25, 8, 0, 0);
      vi.setSystemTime(start);
      render(<RelockCountdown relockMs={start + 62_000} />);
      expect(screen.getByText('Relocks in 1:02')).toBeInTheDocument();
      act(() => vi.advanceTimersByTime(1000));
      expect(screen.getByText('Relocks in 1:01')).toBeInTheDocument();
      act(() => vi.advanceTimersByTime(61_000));
      expect(screen.getByText('Relocking…')).toBeInTheDocument();
    });
  });
});
