import { describe, expect, it } from 'vitest';
import { matchedField } from './search-match';

const lock = { name: 'Cedar Lobby', mac: 'A4:C1:38:D7:57:B3', ssid: 'HQ-Doors', model: 'ARAN S2 Pro' };

describe('the field a search matched, when it was not the name', () => {
  it('shows the MAC whether it was typed with colons, dashes or no separator', () => {
    for (const q of ['A4C138D757B3', 'a4-c1-38', 'd7:57', '38d7']) expect(matchedField(lock, q)).toEqual({ label: 'MAC', value: lock.mac });
  });

  it('shows nothing when the name explains the match, in any word order', () => {
    expect(matchedField(lock, 'lobby cedar')).toBeNull();
    expect(matchedField(lock, 'Cedar')).toBeNull();
  });

  it('shows the SSID or model a word matched that the name lacks', () => {
    expect(matchedField(lock, 'cedar hq-doors')).toEqual({ label: 'SSID', value: 'HQ-Doors' });
    expect(matchedField(lock, 'S2')).toEqual({ label: 'Model', value: 'ARAN S2 Pro' });
  });

  it('shows nothing for a match on something else (the lock ID), or a lock without those fields', () => {
    expect(matchedField(lock, 'EM8BE2F7')).toBeNull();
    expect(matchedField({ name: null, mac: null, ssid: null, model: null }, 'a4c1')).toBeNull();
    expect(matchedField(lock, ':')).toBeNull();
  });
});
