import { describe, expect, it } from 'vitest';
import { parseReadings, rangeBounds, readingsQueries } from './readings';

const ms = (date: string) => Date.parse(`${date.replace(' ', 'T')}Z`);

describe('readings', () => {
  it('reads a series of the contract as epoch ms (UTC) in time order', () => {
    const readings = parseReadings(
      {
        status: 1,
        msg: 'ok',
        lockid: 'EM1',
        from: '2026-12-01 00:00:00',
        to: '2026-12-08 00:00:00',
        step: 3600,
        series: {
          battery: [['2026-12-01 01:00:00', 63.5], ['2026-12-01 00:00:00', 64]],
          temperature: [['2026-12-01 00:00:00', 21.5]],
          online: [['2026-12-01 00:00:00', 1], ['2026-12-01 01:00:00', 0]],
        },
      },
      'EM1',
    );
    expect(readings).toEqual({
      lockid: 'EM1',
      from: ms('2026-12-01 00:00:00'),
      to: ms('2026-12-08 00:00:00'),
      step: 3600,
      battery: [[ms('2026-12-01 00:00:00'), 64], [ms('2026-12-01 01:00:00'), 63.5]],
      temperature: [[ms('2026-12-01 00:00:00'), 21.5]],
      online: [[ms('2026-12-01 00:00:00'), 1], [ms('2026-12-01 01:00:00'), 0]],
    });
  });

  it('drops unusable points, reads numbers sent as text, and survives a missing or odd series', () => {
    const readings = parseReadings(
      {
        step: '900',
        series: {
          battery: [['2026-12-01 00:00:00', '64.5'], ['not a date', 50], ['2026-12-01 02:00:00', 150], ['2026-12-01 03:00:00', null], 'junk', ['2026-12-01T04:00:00Z', 61]],
          temperature: 'none',
          online: [['2026-12-01 00:00:00', 2], ['2026-12-01 01:00:00', '0']],
        },
      },
      'EM1',
    );
    expect(readings.lockid).toBe('EM1');
    expect(readings.step).toBe(900);
    expect(readings.from).toBeNull();
    expect(readings.battery).toEqual([[ms('2026-12-01 00:00:00'), 64.5], [ms('2026-12-01 04:00:00'), 61]]);
    expect(readings.temperature).toEqual([]);
    expect(readings.online).toEqual([[ms('2026-12-01 01:00:00'), 0]]);
    expect(parseReadings({}, 'X')).toMatchObject({ lockid: 'X', battery: [], temperature: [], online: [] });
  });

  it('asks for the range up to now (to the minute) in UTC, under a key that names the range and not its dates', () => {
    expect(rangeBounds('7d', ms('2026-12-08 10:15:42'))).toEqual({ from: '2026-12-01 10:15:00', to: '2026-12-08 10:15:00' });
    expect(rangeBounds('90d', ms('2026-12-08 10:15:42')).from).toBe('2026-09-09 10:15:00');
    expect(readingsQueries.series({ lockid: 'EM1', range: '30d' }).queryKey).toEqual(['readings', 'EM1', '30d']);
  });
});
