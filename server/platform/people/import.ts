import type Database from 'better-sqlite3';
import type { ImportChange, ImportResponse } from '../../../contract/people';
import { MAX_DEPARTMENT_LENGTH, MAX_IMPORT_LINES } from '../../../contract/people';
import type { PeopleRepository } from '../access/people-repository';
import { parseCsv } from './csv';
import type { CsvRecord } from './csv';
import type { RolesRepository } from './roles-repository';

const COLUMNS = ['name', 'email', 'department', 'roles'] as const;
type Column = (typeof COLUMNS)[number];
const MAX_NAME_LENGTH = 80;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface ImportError {
  line: number;
  msg: string;
}
/** A line that checks out: what it does, and the roles (ids) it adds. */
interface PlannedLine {
  change: ImportChange;
  roleids: number[];
}
interface Existing {
  userid: number;
  name: string;
  role: string;
  status: string;
  department: string | null;
}

/** Which column is where (header line 1, any order, case ignored); errors for unknown or repeated columns. */
function readHeader(header: CsvRecord, errors: ImportError[]): Map<Column, number> {
  const at = new Map<Column, number>();
  header.fields.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!(COLUMNS as readonly string[]).includes(name)) errors.push({ line: header.line, msg: `unknown column '${raw.trim()}' (the columns are ${COLUMNS.join(', ')})` });
    else if (at.has(name as Column)) errors.push({ line: header.line, msg: `the column '${name}' is there twice` });
    else at.set(name as Column, i);
  });
  if (!at.has('name')) errors.push({ line: header.line, msg: "the header needs a 'name' column" });
  return at;
}

/**
 * The import (contract/people.ts): reads the CSV, checks every line against the platform (roles by
 * name ignoring case, e-mail addresses that belong to someone), and applies it all in one
 * transaction, or nothing when any line has an error (or on a dry run).
 */
export function createPeopleImport(deps: { db: Database.Database; people: PeopleRepository; roles: RolesRepository }) {
  const { db, people, roles } = deps;
  const roleByName = db.prepare<[string], { roleid: number; name: string }>('SELECT roleid, name FROM roles WHERE name = ? COLLATE NOCASE');
  // Everyone with an e-mail, read once per import (a lookup per line would scan the table each time).
  const withEmail = db.prepare<[], Existing & { email: string }>(
    'SELECT userid, name, role, status, department, lower(email) AS email FROM users WHERE email IS NOT NULL ORDER BY userid DESC',
  );
  const heldRoles = db.prepare<[number], number>('SELECT roleid FROM role_members WHERE userid = ?').pluck();

  interface Context {
    at: Map<Column, number>;
    width: number;
    seen: Map<string, number>;
    byEmail: Map<string, Existing>;
  }
  function planLine(record: CsvRecord, { at, width, seen, byEmail }: Context, errors: ImportError[]): PlannedLine | null {
    const cell = (c: Column) => {
      const i = at.get(c);
      return i === undefined ? '' : (record.fields[i] ?? '').trim();
    };
    const fail = (msg: string) => {
      errors.push({ line: record.line, msg });
      return null;
    };
    if (record.fields.length !== width) return fail(`has ${record.fields.length} fields; the header has ${width}`);
    const name = cell('name');
    const email = cell('email') === '' ? null : cell('email');
    const department = cell('department') === '' ? null : cell('department');
    const problems: string[] = [];
    if (name === '') problems.push('missing name');
    else if (name.length > MAX_NAME_LENGTH) problems.push(`name is longer than ${MAX_NAME_LENGTH} characters`);
    if (department !== null && department.length > MAX_DEPARTMENT_LENGTH) problems.push(`department is longer than ${MAX_DEPARTMENT_LENGTH} characters`);
    let existing: Existing | undefined;
    if (email !== null) {
      const first = seen.get(email.toLowerCase());
      if (!EMAIL.test(email) || email.length > 254) problems.push(`bad e-mail '${email}'`);
      else if (first !== undefined) problems.push(`e-mail ${email} is also on line ${first}`);
      else {
        seen.set(email.toLowerCase(), record.line);
        existing = byEmail.get(email.toLowerCase());
        if (existing && existing.role !== 'person') problems.push(`e-mail ${email} belongs to a dashboard account`);
        else if (existing?.status === 'archived') problems.push(`${existing.name} (${email}) is archived`);
      }
    }
    const found: { roleid: number; name: string }[] = [];
    for (const roleName of cell('roles').split(';').map((r) => r.trim()).filter(Boolean)) {
      const role = roleByName.get(roleName);
      if (role) found.push(role);
      else problems.push(`unknown role '${roleName}'`);
    }
    if (problems.length > 0) return fail(problems.join('; '));
    return change(record.line, { name, email, department }, existing, found);
  }

  function change(line: number, row: { name: string; email: string | null; department: string | null }, existing: Existing | undefined, found: { roleid: number; name: string }[]): PlannedLine {
    const unique = [...new Map(found.map((r) => [r.roleid, r])).values()];
    if (!existing) {
      return { change: { line, action: 'create', userid: null, ...row, roles: unique.map((r) => r.name) }, roleids: unique.map((r) => r.roleid) };
    }
    const held = new Set(heldRoles.all(existing.userid));
    const adds = unique.filter((r) => !held.has(r.roleid));
    const department = row.department ?? existing.department;
    const action = adds.length > 0 || department !== existing.department ? 'update' : 'unchanged';
    return {
      change: { line, action, userid: existing.userid, name: existing.name, email: row.email, department, roles: adds.map((r) => r.name) },
      roleids: adds.map((r) => r.roleid),
    };
  }

  function plan(csv: string): { lines: PlannedLine[]; errors: ImportError[] } {
    const parsed = parseCsv(csv);
    const [header, ...rows] = parsed.records;
    if (!header || header.line !== 1) {
      const msg = parsed.errors.length > 0 ? parsed.errors : [{ line: 1, msg: 'the file is empty: line 1 is the header name,email,department,roles' }];
      return { lines: [], errors: msg.slice(0, 1) };
    }
    const headerErrors: ImportError[] = [];
    const at = readHeader(header, headerErrors);
    if (headerErrors.length > 0) return { lines: [], errors: headerErrors };
    const errors: ImportError[] = [...parsed.errors];
    if (rows.length === 0) errors.push({ line: header.line, msg: 'there are no people below the header' });
    if (rows.length > MAX_IMPORT_LINES) {
      errors.push({ line: (rows[MAX_IMPORT_LINES] as CsvRecord).line, msg: `more than ${MAX_IMPORT_LINES.toLocaleString('en-US')} lines (the file has ${rows.length.toLocaleString('en-US')})` });
    }
    const context: Context = { at, width: header.fields.length, seen: new Map(), byEmail: new Map(withEmail.all().map((u) => [u.email, u])) };
    const lines = rows.slice(0, MAX_IMPORT_LINES).flatMap((r) => planLine(r, context, errors) ?? []);
    return { lines, errors: errors.sort((a, b) => a.line - b.line) };
  }

  function apply(lines: readonly PlannedLine[], actor: string | null): ImportChange[] {
    return db.transaction(() =>
      lines.map(({ change: c, roleids }) => {
        if (c.action === 'unchanged') return c;
        let userid = c.userid;
        if (userid === null) userid = people.create({ username: c.name, email: c.email, department: c.department }).userid;
        else people.update(userid, { department: c.department });
        roles.join(userid, roleids, actor);
        return { ...c, userid };
      }),
    )();
  }

  return {
    /** Checks the CSV and, unless a dry run or any line has an error, applies all of it. */
    run(csv: string, opts: { dryRun: boolean; actor: string | null }): ImportResponse {
      const { lines, errors } = plan(csv);
      const dry_run = opts.dryRun ? 1 : 0;
      const changes = lines.map((l) => l.change);
      if (errors.length > 0) {
        const msg = `${errors.length === 1 ? '1 line has an error' : `${errors.length} lines have errors`}: nothing was imported`;
        return { status: 0, msg, dry_run, changes, errors };
      }
      const count = (action: string) => changes.filter((c) => c.action === action).length;
      const summary = `${count('create')} to create, ${count('update')} to update, ${count('unchanged')} unchanged`;
      if (opts.dryRun) return { status: 1, msg: `Dry run: ${summary}; nothing was imported`, dry_run, changes, errors };
      return { status: 1, msg: `Imported: ${summary.replace(/to (create|update)/g, (_, verb: string) => `${verb}d`)}`, dry_run, changes: apply(lines, opts.actor), errors };
    },
  };
}
