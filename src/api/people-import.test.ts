import { describe, expect, it } from 'vitest';
import { parseImportAnswer, peopleExportUrl } from './people-import';

describe('an import’s answer', () => {
  it('keeps readable changes and every error', () => {
    const result = parseImportAnswer({
      status: 0, msg: '1 line has an error', dry_run: 1,
      changes: [{ line: 2, action: 'create', userid: null, name: 'Ana Ruiz', email: 'ana@example.com', department: 'Ops', roles: ['Night shift'] }, { line: 3, action: 'delete', name: 'x' }],
      errors: [{ line: 3, msg: "unknown role 'Nigth shift'" }, 'bad'],
    });
    expect(result).toEqual({
      dryRun: true, msg: '1 line has an error',
      changes: [{ line: 2, action: 'create', userid: null, name: 'Ana Ruiz', email: 'ana@example.com', department: 'Ops', roles: ['Night shift'] }],
      errors: [{ line: 3, msg: "unknown role 'Nigth shift'" }],
    });
  });

  it('is not one without changes or errors (a plain failure)', () => {
    expect(parseImportAnswer({ status: 0, msg: 'Sign in again' })).toBeNull();
  });

  it('the export takes the list’s filters, and no others', () => {
    expect(peopleExportUrl({ searchkey: 'ana', status: 'active', page: 3, department: undefined })).toBe('/api/people/export?searchkey=ana&status=active');
  });
});
