/** One record of a CSV text: the line it starts on (1-based) and its fields. */
export interface CsvRecord {
  line: number;
  fields: string[];
}
export interface CsvError {
  line: number;
  msg: string;
}
/** The records read, and the lines that could not be read (left out of `records`). */
export interface CsvResult {
  records: CsvRecord[];
  errors: CsvError[];
}

/** A quoted field from `start` (its opening quote): its text and where it ends, or null when never closed. */
function quotedField(src: string, start: number): { text: string; end: number; lineBreaks: number } | null {
  let text = '';
  let lineBreaks = 0;
  let j = start + 1;
  for (;;) {
    if (j >= src.length) return null;
    const c = src[j] as string;
    if (c === '"' && src[j + 1] === '"') {
      text += '"';
      j += 2;
    } else if (c === '"') return { text, end: j + 1, lineBreaks };
    else {
      if (c === '\n') lineBreaks += 1;
      text += c;
      j += 1;
    }
  }
}

/**
 * Parses CSV (RFC 4180 and what spreadsheets write): fields separated by commas, a field in double
 * quotes may hold commas, line breaks and doubled quotes (""); lines end in LF or CRLF; a leading
 * byte-order mark is dropped; blank lines are skipped. A line with text after a closing quote is an
 * error (the next lines are still read); a quote never closed is an error on the line it opens on.
 */
export function parseCsv(text: string): CsvResult {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const errors: CsvError[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let broken = false;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    if (!broken && (fields.length > 1 || fields[0] !== '')) records.push({ line: recordLine, fields });
    [fields, field, broken] = [[], '', false];
  };
  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === '"' && field === '' && !broken) {
      const quoted = quotedField(src, i);
      if (quoted === null) {
        errors.push({ line, msg: 'a quoted field is never closed' });
        return { records, errors };
      }
      [field, i, line] = [quoted.text, quoted.end, line + quoted.lineBreaks];
      const next = src[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        errors.push({ line: recordLine, msg: 'text after a closing quote (write "" for a quote inside quotes)' });
        broken = true;
      }
      continue;
    }
    if (ch === '\n' || (ch === '\r' && src[i + 1] === '\n')) {
      endRecord();
      if (ch === '\r') i += 1;
      line += 1;
      recordLine = line;
    } else if (broken) {
      // The rest of a line that cannot be read.
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
    i += 1;
  }
  if (field !== '' || fields.length > 0 || broken) endRecord();
  return { records, errors };
}
