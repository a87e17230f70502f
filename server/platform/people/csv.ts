/** One record of a CSV text: the line it starts on (1-based) and its fields. */
export interface CsvRecord {
  line: number;
  fields: string[];
}
export type CsvResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; msg: string };

/**
 * Parses CSV (RFC 4180 and what spreadsheets write): fields separated by commas, a field in double
 * quotes may hold commas, line breaks and doubled quotes (""); lines end in LF or CRLF; a leading
 * byte-order mark is dropped; blank lines are skipped. A quote left open is an error on the line
 * its field starts on.
 */
export function parseCsv(text: string): CsvResult {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === '"' && field === '') {
      const quoteLine = line;
      let j = i + 1;
      for (;;) {
        if (j >= src.length) return { ok: false, line: quoteLine, msg: 'a quoted field is never closed' };
        const c = src[j] as string;
        if (c === '"' && src[j + 1] === '"') {
          field += '"';
          j += 2;
        } else if (c === '"') break;
        else {
          if (c === '\n') line += 1;
          field += c;
          j += 1;
        }
      }
      i = j + 1;
      const next = src[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        return { ok: false, line, msg: 'text after a closing quote (write "" for a quote inside quotes)' };
      }
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || (ch === '\r' && src[i + 1] === '\n')) {
      endRecord();
      if (ch === '\r') i += 1;
      line += 1;
      recordLine = line;
    } else field += ch;
    i += 1;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return { ok: true, records };
}
