import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../platform/platform';
import { DEMO_CREDENTIALS, call, loginAs } from '../platform/testing';
import { type RunningGateway, signIn, startGateway, testConfig } from '../../test-support/gateway';
import { raw } from '../../test-support/raw-http';

/**
 * Issue 22, part 2: adding a lock to a group silently gives access to every grant on the group.
 * Group and person changes are audited (membership changes and deletions naming the grants and
 * people they reach), and the platform's history shows them.
 */
let platform: Awaited<ReturnType<typeof startPlatform>>;
let gateway: RunningGateway;
let manager: Record<string, string>;
const lines: Record<string, unknown>[] = [];
const records = (action: string) => lines.filter((line) => line.action === action);

beforeAll(async () => {
  platform = await startPlatform({ dbPath: join(mkdtempSync(join(tmpdir(), 'lockboard-group-audit-')), 'p.sqlite'), simulator: false, seed: { locks: 6, historyDays: 1 } });
  gateway = await startGateway(platform.url, {
    mode: 'embedded',
    config: testConfig({ LOGIN_RATE_LIMIT: '50' }),
    auditStream: { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  manager = await signIn(gateway.url, DEMO_CREDENTIALS.manager.email, DEMO_CREDENTIALS.manager.password);
});
afterAll(async () => {
  await gateway.close();
  await platform.close();
});

/** A JSON request over a plain socket, from the dashboard's page, as the manager. */
async function send(method: string, path: string, body?: unknown) {
  const headers = { ...manager, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
  const response = await raw(gateway.url, method, path, headers, body === undefined ? undefined : JSON.stringify(body));
  return { status: response.status, json: response.json as Record<string, unknown> };
}

describe('group and person changes through the gateway', () => {
  it('audits a lock added to a group with a keypad grant, naming the grant and its person; the platform history shows it', async () => {
    const person = await send('POST', '/api/people', { username: 'Pedro Alves' });
    expect(person.status, JSON.stringify(person.json)).toBe(200);
    const personid = (person.json.person as { userid: number }).userid;
    expect(records('person-created')).toEqual([expect.objectContaining({ result: 'ok', personid, personname: 'Pedro Alves' })]);

    const group = await send('POST', '/api/lockgroups', { groupname: 'Vault doors Q' });
    const groupid = (group.json.lockgroup as { groupid: number }).groupid;
    expect(records('group-created')).toEqual([expect.objectContaining({ result: 'ok', groupid, groupname: 'Vault doors Q' })]);

    const grant = await send('POST', '/api/grants', { userid: personid, groupid, method: 'keypad' });
    expect(grant.status, JSON.stringify(grant.json)).toBe(200);
    const grantid = (grant.json.grant as { grantid: number }).grantid;
    const lockid = (platform.db.prepare('SELECT lockid FROM locks ORDER BY id LIMIT 1').pluck().get() as string);

    const added = await send('PUT', `/api/lockgroups/${groupid}/locks`, { add: [lockid] });
    expect(added.status, JSON.stringify(added.json)).toBe(200);
    const [record] = records('group-locks-changed');
    expect(record).toMatchObject({ result: 'ok', groupid, groupname: 'Vault doors Q', count: 1 });
    expect(record?.detail).toBe(`added ${lockid}; grant ${grantid} (Pedro Alves)`);
    // Nothing secret in the record: the keypad code stays out.
    expect(JSON.stringify(record)).not.toContain(String(grant.json.passcode));

    const token = await loginAs(platform.url, 'manager');
    const history = await call(platform.url, 'GET', '/api/events?pagenumber=1&limit=10&type=group_locks_changed', { token });
    expect((history.body as { eventslist: unknown[] }).eventslist).toEqual([
      expect.objectContaining({ event_type: 'group_locks_changed', groupid, groupname: 'Vault doors Q', lockid: null, userid: personid, username: 'Pedro Alves', actor: 'Demo Manager' }),
    ]);
  });

  it('audits a group deletion with the grants it ended, and the platform history shows it', async () => {
    const group = await send('POST', '/api/lockgroups', { groupname: 'Annex' });
    const groupid = (group.json.lockgroup as { groupid: number }).groupid;
    const people = await send('GET', '/api/people?pagenumber=1&limit=2');
    const [ana, bo] = people.json.peoplelist as { userid: number; username: string }[];
    const grantids: number[] = [];
    for (const who of [ana, bo]) {
      const grant = await send('POST', '/api/grants', { userid: who?.userid, groupid, method: 'card' });
      grantids.push((grant.json.grant as { grantid: number }).grantid);
    }
    const renamed = await send('PUT', `/api/lockgroups/${groupid}`, { groupname: 'Annex B' });
    expect(renamed.status).toBe(200);
    expect(records('group-changed')).toEqual([expect.objectContaining({ result: 'ok', groupid, groupname: 'Annex B' })]);

    const deleted = await send('DELETE', `/api/lockgroups/${groupid}`);
    expect(deleted.status, JSON.stringify(deleted.json)).toBe(200);
    expect(records('group-deleted')).toEqual([
      expect.objectContaining({
        result: 'ok',
        groupid,
        groupname: 'Annex B',
        count: 2,
        detail: `grants ${grantids[0]} (${ana?.username}), ${grantids[1]} (${bo?.username})`,
      }),
    ]);
    const token = await loginAs(platform.url, 'manager');
    const history = await call(platform.url, 'GET', '/api/events?pagenumber=1&limit=10&type=group_deleted', { token });
    const events = (history.body as { eventslist: { userid: number; groupid: number }[] }).eventslist;
    expect(events.map((e) => [e.groupid, e.userid]).sort()).toEqual([[groupid, ana?.userid], [groupid, bo?.userid]].sort());
  });

  it('audits a refused membership change as failed, with the platform reason', async () => {
    const refused = await send('PUT', '/api/lockgroups/999999/locks', { add: ['NOPE'] });
    expect(refused.status).toBe(404);
    expect(records('group-locks-changed').at(-1)).toMatchObject({ result: 'failed', groupid: 999999 });
  });
});
