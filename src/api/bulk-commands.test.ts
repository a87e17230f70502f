import { describe, expect, it } from 'vitest';
import { type BulkResult, describeTally, parseBulkResults, tally } from './bulk-commands';

const result = (lockid: string, outcome: BulkResult['outcome'], msg = ''): BulkResult => ({ lockid, name: `Door ${lockid}`, outcome, msg });

describe('parseBulkResults', () => {
  it('reads each result of the gateway’s answer: lockid, name, outcome and message', () => {
    const body = {
      status: 1,
      msg: '1 locked · 1 offline, not reached',
      results: [
        { lockid: 'EM000001', lockname: 'HQ · Lobby', status: 1, outcome: 'done', msg: '' },
        { lockid: 'EM000002', lockname: 'HQ · Roof Access', status: 0, outcome: 'offline', msg: 'The lock is offline' },
        { lockid: 'EM000003', lockname: 'HQ · Boardroom', status: 0, outcome: 'timeout', msg: 'No answer within 8 s' },
      ],
    };
    expect(parseBulkResults(body)).toEqual([
      { lockid: 'EM000001', name: 'HQ · Lobby', outcome: 'done', msg: '' },
      { lockid: 'EM000002', name: 'HQ · Roof Access', outcome: 'offline', msg: 'The lock is offline' },
      { lockid: 'EM000003', name: 'HQ · Boardroom', outcome: 'timeout', msg: 'No answer within 8 s' },
    ]);
  });

  it('never counts a row as done when its own status says it failed', () => {
    const body = { results: [{ lockid: 'EM1', lockname: 'A', status: 0, outcome: 'done', msg: 'Refused' }, { lockid: 'EM2', lockname: 'B', status: '0', outcome: 'done' }, { lockid: 'EM3', lockname: 'C', status: 1, outcome: 'done' }] };
    expect(parseBulkResults(body).map((r) => [r.lockid, r.outcome])).toEqual([
      ['EM1', 'failed'],
      ['EM2', 'failed'],
      ['EM3', 'done'],
    ]);
  });

  it('reads an unknown or missing outcome as failed: a door is never counted as locked without the platform saying so', () => {
    const body = {
      results: [
        { lockid: 'EM000001', lockname: 'A', outcome: 'locked-probably' },
        { lockid: 'EM000002', lockname: 'B' },
        { lockid: 'EM000003', lockname: 'C', outcome: null },
        { lockid: 'EM000004', lockname: 'D', outcome: 'DONE' },
      ],
    };
    expect(parseBulkResults(body).map((r) => [r.lockid, r.outcome])).toEqual([
      ['EM000001', 'failed'],
      ['EM000002', 'failed'],
      ['EM000003', 'failed'],
      ['EM000004', 'failed'],
    ]);
  });

  it('keeps odd rows it can place (numeric lockid, name as a number, no name, a message that is not text) and drops rows without a lockid', () => {
    const body = {
      results: [
        { lockid: 1234, lockname: 42, outcome: 'done', msg: 7 },
        { lockid: '  EM000009 ', outcome: 'offline', msg: { text: 'nested' } },
        { lockid: '', lockname: 'Empty id', outcome: 'done' },
        { lockname: 'No id at all', outcome: 'done' },
        null,
        'EM000010',
        { lockid: { nested: 'EM000011' }, outcome: 'done' },
      ],
    };
    expect(parseBulkResults(body)).toEqual([
      { lockid: '1234', name: '42', outcome: 'done', msg: '' },
      { lockid: 'EM000009', name: null, outcome: 'offline', msg: '' },
    ]);
  });

  it('reads an answer without a results list as no results', () => {
    expect(parseBulkResults({ status: 1, msg: 'odd' })).toEqual([]);
    expect(parseBulkResults({ results: 'EM000001' })).toEqual([]);
    expect(parseBulkResults({ results: { lockid: 'EM000001', outcome: 'done' } })).toEqual([]);
  });
});

describe('tally', () => {
  it('counts locked, offline, and failed with timed out together', () => {
    const results = [
      result('1', 'done'),
      result('2', 'done'),
      result('3', 'offline'),
      result('4', 'failed', 'Jammed'),
      result('5', 'timeout'),
      result('6', 'done'),
    ];
    expect(tally(results)).toEqual({ done: 3, offline: 1, failed: 2 });
  });

  it('counts nothing for no results', () => {
    expect(tally([])).toEqual({ done: 0, offline: 0, failed: 0 });
  });

  it('counts an unknown outcome that reached it from a parsed answer as failed', () => {
    const parsed = parseBulkResults({ results: [{ lockid: 'A', outcome: 'done' }, { lockid: 'B', outcome: 'exploded' }] });
    expect(tally(parsed)).toEqual({ done: 1, offline: 0, failed: 1 });
  });
});

describe('describeTally', () => {
  it('says what happened, with thousands separated: "2,090 locked · 8 offline, not reached · 2 failed"', () => {
    expect(describeTally('lock', { done: 2090, offline: 8, failed: 2 })).toBe('2,090 locked · 8 offline, not reached · 2 failed');
  });

  it('leaves zero counts out, but always says how many it locked or unlocked', () => {
    expect(describeTally('lock', { done: 47, offline: 0, failed: 0 })).toBe('47 locked');
    expect(describeTally('lock', { done: 0, offline: 3, failed: 0 })).toBe('0 locked · 3 offline, not reached');
    expect(describeTally('unlock', { done: 5, offline: 0, failed: 1 })).toBe('5 unlocked · 1 failed');
    expect(describeTally('lock', { done: 0, offline: 0, failed: 0 })).toBe('0 locked');
  });
});
