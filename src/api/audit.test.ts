import { describe, expect, it } from 'vitest';
import { AUDIT_PAGE, auditExportUrl, parseAuditPage, parseAuditRecord, parseVerdict } from './audit';

const wire = {
  auditid: 42,
  date: '2026-12-06 21:14:05',
  userid: 1,
  username: 'Demo Manager',
  email: 'manager@lockboard.local',
  role: 'manager',
  action: 'password-reveal',
  lockid: 'EM000001',
  lockname: 'HQ · Server room',
  groupid: null,
  groupname: null,
  grantid: null,
  personid: null,
  personname: null,
  command: null,
  count: null,
  result: 'ok',
  detail: null,
  ip: '127.0.0.1',
  prev_hash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
};

describe('an audit record as the page reads it', () => {
  it('keeps what the page shows, the date as UTC, and no hash', () => {
    const record = parseAuditRecord(wire);
    expect(record).toMatchObject({ auditid: 42, username: 'Demo Manager', action: 'password-reveal', lockname: 'HQ · Server room', result: 'ok', ip: '127.0.0.1' });
    expect(record?.at).toBe(Date.UTC(2026, 11, 6, 21, 14, 5));
    expect(record).not.toHaveProperty('hash');
    expect(record).not.toHaveProperty('prev_hash');
  });

  it('tolerates an action it does not know, fields it does not know, and numbers as text', () => {
    const record = parseAuditRecord({ ...wire, action: 'door-painted', colour: 'red', auditid: '43', userid: '1', count: '3', role: 'owner', result: 'maybe' });
    expect(record).toMatchObject({ auditid: 43, action: 'door-painted', userid: 1, count: 3, role: null, result: null });
  });

  it('drops a record without a usable id or action, and counts it', () => {
    const page = parseAuditPage({ auditlist: [wire, { ...wire, auditid: 'x' }, { ...wire, auditid: 41, action: '' }, 'junk', { ...wire, auditid: 40 }] });
    expect(page.records.map((r) => r.auditid)).toEqual([42, 40]);
    expect(page.skipped).toBe(3);
  });

  it('offers an older page only after a full one, from its lowest id', () => {
    const full = Array.from({ length: AUDIT_PAGE }, (_, i) => ({ ...wire, auditid: 200 - i }));
    expect(parseAuditPage({ auditlist: full }).older).toBe(200 - AUDIT_PAGE + 1);
    expect(parseAuditPage({ auditlist: full.slice(0, 10) }).older).toBeNull();
    expect(parseAuditPage({}).records).toEqual([]);
  });
});

describe('the chain verdict', () => {
  it('reads a verified chain, a broken one, and refuses an answer that says neither', () => {
    expect(parseVerdict({ status: 1, ok: 1, checked: 1204, first_bad_auditid: null, first_bad_why: null })).toEqual({ ok: true, checked: 1204, firstBad: null });
    expect(parseVerdict({ status: 1, ok: 0, checked: 41, first_bad_auditid: 42, first_bad_why: 'changed' })).toEqual({ ok: false, checked: 41, firstBad: { auditid: 42, why: 'changed' } });
    expect(parseVerdict({ ok: '0', checked: '3', first_bad_auditid: '7', first_bad_why: 'exploded' })).toEqual({ ok: false, checked: 3, firstBad: { auditid: 7, why: null } });
    expect(() => parseVerdict({ status: 1, checked: 3 })).toThrow('did not say whether');
  });
});

describe('the export address', () => {
  it('carries the filters the contract knows, and no empty or unknown one', () => {
    const url = auditExportUrl({ lockid: 'EM 1', userid: '1', action: '', from: '2026-12-06 00:00:00', ...({ beforeid: '9' } as object) });
    expect(url).toBe('/api/audit/export.csv?userid=1&lockid=EM+1&from=2026-12-06+00%3A00%3A00');
    expect(auditExportUrl({})).toBe('/api/audit/export.csv');
  });
});
