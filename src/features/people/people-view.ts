/** Pure helpers of the People pages: the list's URL state, counts said in words, the platform's refusals by field. */

export const PEOPLE_PAGE_SIZE = 25;
const MAX_QUERY = 100;

export const STATUS_FILTERS = ['active', 'suspended', 'archived'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/**
 * The list's state in the URL: `?q=` searches name, email and phone; `?page=` is 1-based; with
 * roles, `?role=` (a roleid), `?status=` (archived people are listed only with `status=archived`)
 * and `?department=` filter it.
 */
export interface PeopleView {
  q: string;
  page: number;
  role: number | null;
  status: StatusFilter | null;
  department: string;
}

export function readPeopleView(search: URLSearchParams): PeopleView {
  const page = Number(search.get('page'));
  const role = Number(search.get('role'));
  const status = search.get('status');
  return {
    q: (search.get('q') ?? '').trim().slice(0, MAX_QUERY),
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
    role: Number.isSafeInteger(role) && role >= 1 ? role : null,
    status: STATUS_FILTERS.find((s) => s === status) ?? null,
    department: (search.get('department') ?? '').trim().slice(0, 80),
  };
}

/** A new search or filter starts again at page 1. */
export function writePeopleView(current: URLSearchParams, patch: Partial<PeopleView>): URLSearchParams {
  const next = new URLSearchParams(current);
  const filters = { q: patch.q, role: patch.role === undefined ? undefined : (patch.role ?? ''), status: patch.status === undefined ? undefined : (patch.status ?? ''), department: patch.department };
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    if (value !== '') next.set(key, String(value));
    else next.delete(key);
    if (patch.page === undefined) next.delete('page');
  }
  if (patch.page !== undefined) {
    if (patch.page > 1) next.set('page', String(patch.page));
    else next.delete('page');
  }
  return next;
}

/** "No access", "1 grant", "3 grants": grants active or scheduled now. */
export function describeGrantCount(count: number): string {
  if (count <= 0) return 'No access';
  return `${count.toLocaleString()} ${count === 1 ? 'grant' : 'grants'}`;
}

/** "Ended 4 grants for Jamal Carter", or that there was nothing to end. */
export function describeOffboarding(ended: number, name: string): string {
  if (ended <= 0) return `${name} had no access to end`;
  return `Ended ${ended.toLocaleString()} ${ended === 1 ? 'grant' : 'grants'} for ${name}`;
}

export type PersonField = 'name' | 'email' | 'phone' | 'department' | 'tags';

/**
 * The platform names the field it refuses ("email: email must look like name@example.com",
 * "email: a@b.c already belongs to someone else"): which of the form's fields, and the message to
 * show by it (without the repeated field name, first letter capitalised). Null field: about none.
 */
export function fieldOfPersonError(message: string): { field: PersonField | null; message: string } {
  const match = /^(username|email|phone|department|tags):\s*(.+)$/s.exec(message.trim());
  if (!match) return { field: null, message };
  const key = match[1] as 'username' | PersonField;
  let rest = (match[2] ?? '').trim();
  if (rest.toLowerCase().startsWith(`${key} `)) rest = rest.slice(key.length + 1);
  const field: PersonField = key === 'username' ? 'name' : key;
  const SUBJECTS: Record<PersonField, string> = { name: 'The name', email: 'The email', phone: 'The phone number', department: 'The department', tags: 'The tags' };
  const subject = SUBJECTS[field];
  // "must look like…" reads as a sentence only with its subject; "x already belongs…" already has one.
  // An address stays as typed ("a@b.c already belongs…"), never capitalised.
  const text = /^(must|is|should)\b/.test(rest) ? `${subject} ${rest}` : /^\S*@/.test(rest) ? rest : rest.charAt(0).toUpperCase() + rest.slice(1);
  return { field, message: /[.!?]$/.test(text) ? text : `${text}.` };
}

/** A userid from the address: a positive whole number, else null (shown as not found). */
export function parseUserId(raw: string): number | null {
  if (!/^\d{1,15}$/.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) && id >= 1 ? id : null;
}
