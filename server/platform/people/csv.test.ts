import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted fields holding commas, doubled quotes and line breaks, with CRLF or LF line ends', () => {
    const text = '\uFEFFname,email,department\r\n"Okafor, Amara",a@x.org,"The ""Night"" crew"\r\n\r\n"Multi\r\nline",,Ops\nPlain,b@x.org,""\n';
    expect(parseCsv(text)).toEqual({
      errors: [],
      records: [
        { line: 1, fields: ['name', 'email', 'department'] },
        { line: 2, fields: ['Okafor, Amara', 'a@x.org', 'The "Night" crew'] },
        { line: 4, fields: ['Multi\r\nline', '', 'Ops'] },
        { line: 6, fields: ['Plain', 'b@x.org', ''] },
      ],
    });
  });

  it('keeps a last line without a line end, and quotes inside an unquoted field as they are', () => {
    expect(parseCsv('a,b\n5" pipe,x')).toEqual({ errors: [], records: [{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['5" pipe', 'x'] }] });
  });

  it('names the line of a quote never closed, and of text after a closing quote (reading on after it)', () => {
    expect(parseCsv('name\nok\n"open,\nstill open')).toEqual({
      records: [{ line: 1, fields: ['name'] }, { line: 2, fields: ['ok'] }],
      errors: [{ line: 3, msg: expect.stringContaining('never closed') }],
    });
    expect(parseCsv('name,x\n"Ada" Lovelace,x\n"Bob",y')).toEqual({
      records: [{ line: 1, fields: ['name', 'x'] }, { line: 3, fields: ['Bob', 'y'] }],
      errors: [{ line: 2, msg: expect.stringContaining('closing quote') }],
    });
  });
});
