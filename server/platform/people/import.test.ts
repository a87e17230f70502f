import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importResponseSchema, roleResponseSchema } from '../../../contract/people';
import { peoplePlatform } from './people-test-kit';
import type { PeoplePlatform } from './people-test-kit';

/** `POST /api/people/import`: CSV in, every bad line named, all of it or nothing. */
let t: PeoplePlatform;
let night: number;
let day: number;
beforeAll(async () => {
  t = await peoplePlatform('2026-03-20T10:00:00Z');
  night = roleResponseSchema.parse(await t.ok('POST', '/api/roles', { name: 'Night shift', grants: [{ lockid: t.locks[0], method: 'card' }] })).role.roleid;
  day = roleResponseSchema.parse(await t.ok('POST', '/api/roles', { name: 'Day shift', grants: [{ lockid: t.locks[1], method: 'app' }] })).role.roleid;
}, 30_000);
afterAll(() => t.platform.close());

const importCsv = async (csv: string, dryRun = false) => {
  const res = await t.send('POST', `/api/people/import${dryRun ? '?dry_run=1' : ''}`, csv, { 'content-type': 'text/csv' });
  return { status: res.status, body: importResponseSchema.parse(res.body) };
};
const people = () => t.count("SELECT count(*) FROM users WHERE role = 'person'");
const grants = () => t.count('SELECT count(*) FROM grants');
/** 500 people, columns in another order than the contract's; the roles cell holds a comma-free list. */
function fiveHundred(bad: Map<number, string> = new Map()): string {
  const lines = ['Roles,EMAIL,name,department'];
  for (let i = 0; i < 500; i += 1) {
    const line = i + 2;
    lines.push(bad.get(line) ?? `${i % 2 ? 'night shift;DAY SHIFT' : ''},worker${i}@example.org,"Worker ${i}, Jr.",Warehouse`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

describe('importing people', () => {
  it('applies nothing while any of 500 lines is bad, and names every bad line', async () => {
    const before = { people: people(), grants: grants() };
    const bad = new Map([
      [17, 'Nigth shift,w17@example.org,Worker 17,Warehouse'],
      [40, ',w40@example.org,,Warehouse'],
      [41, ',not-an-email,Worker 41,Warehouse'],
      [90, ',worker3@example.org,Worker again,Warehouse'],
      [300, ',w300@example.org,"Worker 300 "with" quote",Warehouse'],
    ]);
    const { status, body } = await importCsv(fiveHundred(bad));
    expect(status).toBe(400);
    expect(body).toMatchObject({ status: 0, dry_run: 0 });
    expect(body.errors).toEqual([
      { line: 17, msg: "unknown role 'Nigth shift'" },
      { line: 40, msg: 'missing name' },
      { line: 41, msg: "bad e-mail 'not-an-email'" },
      { line: 90, msg: 'e-mail worker3@example.org is also on line 5' },
      { line: 300, msg: expect.stringContaining('closing quote') },
    ]);
    expect({ people: people(), grants: grants() }).toEqual(before);
  });

  it('imports 500 people in one go (dry run first), roles by name ignoring case, and updates people it knows by e-mail', async () => {
    const known = await t.person('Known Person', { email: 'Known@Example.org', department: 'Old' });
    const before = { people: people(), grants: grants() };
    const csv = `${fiveHundred().trimEnd()}\r\nnight shift,KNOWN@example.org,Someone Else,New dept\r\n`;
    const dry = await importCsv(csv, true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ status: 1, dry_run: 1, errors: [] });
    expect(dry.body.changes).toHaveLength(501);
    expect({ people: people(), grants: grants() }).toEqual(before);
    const done = await importCsv(csv);
    expect(done.status).toBe(200);
    expect(done.body.msg).toContain('500 created, 1 updated');
    expect(done.body.changes.map(({ userid: _u, ...c }) => c)).toEqual(dry.body.changes.map(({ userid: _u, ...c }) => c));
    expect(done.body.changes[1]).toMatchObject({ line: 3, action: 'create', name: 'Worker 1, Jr.', email: 'worker1@example.org', department: 'Warehouse', roles: ['Night shift', 'Day shift'] });
    expect(done.body.changes[500]).toEqual({ line: 502, action: 'update', userid: known.userid, name: 'Known Person', email: 'KNOWN@example.org', department: 'New dept', roles: ['Night shift'] });
    expect(people() - before.people).toBe(500);
    // 250 workers in both roles, and the known person in one: one grant per template each.
    expect(grants() - before.grants).toBe(250 * 2 + 1);
    expect((await t.ok('GET', `/api/roles/${night}`)) as { role: { member_count: number } }).toMatchObject({ role: { member_count: 251 } });
    expect((await t.ok('GET', `/api/roles/${day}`)) as { role: { member_count: number } }).toMatchObject({ role: { member_count: 250 } });
    const again = await importCsv(csv, true);
    expect(again.body.changes.filter((c) => c.action !== 'unchanged')).toEqual([]);
  });

  it('writes nobody when the database refuses one person half-way through', async () => {
    const before = { people: people(), grants: grants() };
    const csv = fiveHundred().replaceAll('worker', 'late').replaceAll('Worker', 'Late');
    t.platform.db.exec("CREATE TEMP TRIGGER fail_late BEFORE INSERT ON users WHEN NEW.name = 'Late 400, Jr.' BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    try {
      expect((await t.send('POST', '/api/people/import', csv, { 'content-type': 'text/csv' })).status).toBe(500);
    } finally {
      t.platform.db.exec('DROP TRIGGER fail_late');
    }
    expect({ people: people(), grants: grants() }).toEqual(before);
  });

  it('refuses more than 5,000 lines, a header without name, and a body that is not text/csv', async () => {
    const many = ['name', ...Array.from({ length: 5001 }, (_, i) => `P ${i}`)].join('\n');
    const tooMany = await importCsv(many, true);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([{ line: 5002, msg: expect.stringContaining('more than 5,000 lines') }]);
    const noName = await importCsv('email,team\nx@example.org,A\n');
    expect(noName.body.errors.map((e) => e.line)).toEqual([1, 1]);
    expect((await t.send('POST', '/api/people/import', { name: 'x' })).status).toBe(415);
  });
});
