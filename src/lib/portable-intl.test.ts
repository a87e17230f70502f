import { describe, expect, it } from 'vitest';
import { formatCount, formatExact, setFormatIntl } from './format';
import { portableIntl } from './portable-intl';

describe('portableIntl', () => {
  it('writes the spaces ICU releases disagree on as the ones they agree on', () => {
    expect(portableIntl('1\u2009–\u20097 Nov')).toBe('1 – 7 Nov');
    expect(portableIntl('1:05\u202fPM')).toBe('1:05\u00a0PM');
    expect(portableIntl('1\u202f234')).toBe('1\u00a0234');
    expect(portableIntl('plain text')).toBe('plain text');
  });

  it('is what lib/format writes, in any locale and zone', () => {
    const previous = setFormatIntl(() => ({ locale: 'fr-FR', timeZone: 'Asia/Kolkata' }));
    try {
      for (const text of [formatCount(1234567), formatExact(Date.UTC(2026, 10, 1, 13, 5, 7))]) expect(text).not.toMatch(/[\u2009\u202f]/);
      expect(formatCount(1234567)).toMatch(/^1\u00a0234\u00a0567$/);
    } finally {
      setFormatIntl(previous);
    }
  });
});
