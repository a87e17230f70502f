import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, signIn, startGateway, testConfig } from '../../test-support/gateway';
import { startPlatform } from '../platform/platform';
import { csvCell, csvHeader } from './events-export';
import { TEST_QUIRKS } from '../../test-support/platform-quirks';

/** Lock commands and the Activity export, through the real gateway to the real embedded platform. */
let gateway: RunningGateway;
let platform: Awaited<ReturnType<typeof startPlatform>>;
let manager: Record<string, string>;
let support: Record<string, string>;
const audit: Record<string, unknown>[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lockboard-commands-'));
  platform = await startPlatform({ dbPath: join(dir, 'platform.sqlite'), simulator: false, quirks: TEST_QUIRKS, seed: { historyDays: 3 } });
  gateway = await startGateway(platform.url, {
    mode: 'embedded',
    config: testConfig({ DATA_DIR: dir }),
    auditStream: { write: (line: string) => audit.push(JSON.parse(line) as Record<string, unknown>) },
  });
  manager = await signIn(gateway.url, 'manager@lockboard.local', 'lockboard-manager');
  support = await signIn(gateway.url, 'support@lockboard.local', 'lockboard-support');
});
afterAll(async () => {
  await gateway.close();
  await platform.close();
});

const pick = (online: number, open: number) =>
  platform.db.prepare('SELECT lockid, lockname FROM locks WHERE lock_online_status = ? AND lock_open_status = ? ORDER BY lockid LIMIT 1').get(online, open) as {
    lockid: string;
    lockname: string;
  };

describe('lock commands', () => {
  it('unlocks for a manager, answers the lock without its password, and audits it', async () => {
    const { lockid } = pick(1, 0);
    const response = await fetch(`${gateway.url}/api/locks/${lockid}/unlock`, { method: 'POST', headers: manager });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: 1, lock: { lockid } });
    expect(Number(body.lock.lock_open_status)).toBe(1);
    expect(body.lock).not.toHaveProperty('lock_password');
    expect(audit.at(-1)).toMatchObject({
      action: 'lock-command',
      command: 'unlock',
      lockid,
      result: 'ok',
      user: { email: 'manager@lockboard.local', role: 'manager' },
      ip: '127.0.0.1',
    });
  });

  it('passes on the platform refusing an offline lock (409 with its msg), audited as failed', async () => {
    const { lockid, lockname } = pick(0, 0);
    const response = await fetch(`${gateway.url}/api/locks/${lockid}/unlock`, { method: 'POST', headers: manager });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ status: 0, msg: `${lockname} is offline` });
    expect(audit.at(-1)).toMatchObject({ action: 'lock-command', command: 'unlock', lockid, result: 'failed', detail: `${lockname} is offline` });
    expect((platform.db.prepare('SELECT lock_open_status AS open FROM locks WHERE lockid = ?').get(lockid) as { open: number }).open).toBe(0);
  });

  it('unlocks for a while: passes {duration_s} on, the lock carries relock_at, and the features say so (groups too, on the embedded platform)', async () => {
    const { lockid } = pick(1, 0);
    const response = await fetch(`${gateway.url}/api/locks/${lockid}/unlock`, {
      method: 'POST',
      headers: { ...manager, 'content-type': 'application/json' },
      body: JSON.stringify({ duration_s: 300 }),
    });
    expect(response.status).toBe(200);
    const { lock } = await response.json();
    expect(Number(lock.lock_open_status)).toBe(1);
    const relockMs = Date.parse(`${String(lock.relock_at).replace(' ', 'T')}Z`);
    expect(relockMs - Date.now()).toBeGreaterThan(240_000);
    expect(relockMs - Date.now()).toBeLessThanOrEqual(300_000);
    expect(audit.at(-1)).toMatchObject({ action: 'lock-command', command: 'unlock', lockid, result: 'ok', detail: expect.stringContaining('relocks after 300 s') });
    const config = await (await fetch(`${gateway.url}/app-config.json`, { headers: manager })).json();
    expect(config.features).toMatchObject({ timedUnlock: true, lockGroups: true });
    for (const body of [{ duration_s: 59 }, { duration_s: 3601 }, { duration_s: 'soon' }, { duration_s: 90, extra: 1 }]) {
      const refused = await fetch(`${gateway.url}/api/locks/${lockid}/unlock`, {
        method: 'POST',
        headers: { ...manager, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect((await refused.json()).msg).toMatch(/duration_s|extra/);
    }
  });

  it('refuses support before the platform hears of it', async () => {
    const { lockid } = pick(1, 0);
    const events = () => (platform.db.prepare('SELECT count(*) AS n FROM events WHERE lockid = ?').get(lockid) as { n: number }).n;
    const before = events();
    const response = await fetch(`${gateway.url}/api/locks/${lockid}/unlock`, { method: 'POST', headers: support });
    expect(response.status).toBe(403);
    expect(events()).toBe(before);
    expect(audit.at(-1)).toMatchObject({ action: 'access-denied', user: { role: 'support' } });
  });
});

describe('the Activity export', () => {
  const exportCsv = (query: string, headers = manager) => fetch(`${gateway.url}/api/events/export.csv?${query}`, { headers });

  it('streams every filtered event of all pages, with UTC and local time columns', async () => {
    const { total } = platform.db.prepare("SELECT count(*) AS total FROM events WHERE event_type IN ('unlocked', 'locked')").get() as { total: number };
    expect(total).toBeGreaterThan(100);
    const response = await exportCsv('type=unlocked,locked&tz=Asia/Tokyo');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="lockboard-activity-\d{8}-\d{4}\.csv"$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(csvHeader('Asia/Tokyo'));
    expect(lines[0]).toContain(',time_local (Asia/Tokyo),');
    expect(lines).toHaveLength(total + 1);
    const newest = platform.db.prepare("SELECT eventid, event_date FROM events WHERE event_type IN ('unlocked', 'locked') ORDER BY eventid DESC LIMIT 1").get() as {
      eventid: number;
      event_date: string;
    };
    const [id, utc, local, , , event, , , method] = lines[1]!.split(',');
    expect(['Unlocked', 'Locked']).toContain(event);
    expect(['Remote', 'App', 'Keypad', 'Fingerprint', 'Card', 'System']).toContain(method);
    expect(Number(id)).toBe(newest.eventid);
    expect(utc).toBe(`${newest.event_date.replace(' ', 'T')}Z`);
    const tokyo = new Date(Date.parse(`${utc}`) + 9 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(local).toBe(tokyo);
    expect(audit.at(-1)).toMatchObject({ action: 'activity-export', result: 'ok' });
  });

  it('defuses names a spreadsheet would run, and quotes what needs quoting', async () => {
    const { lockid } = pick(1, 1);
    platform.db.prepare('UPDATE events SET lockname = ? WHERE lockid = ?').run('=HYPERLINK("http://evil.example","Click, me")', lockid);
    const text = await (await exportCsv(`searchkey=${lockid}`)).text();
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""Click, me"")"`);
    expect(text).not.toMatch(/,=HYPERLINK/);
  });

  it('refuses bad filters with 400 {status: 0, msg} and needs a session', async () => {
    for (const [query, msg] of [
      ['type=exploded', /type must be one of/],
      ['from=yesterday', /from must be a date/],
      ['tz=Mars/Olympus', /tz must be an IANA time zone/],
      ['limit=5', /limit|Unrecognized/i],
    ] as const) {
      const response = await exportCsv(query);
      expect(response.status).toBe(400);
      expect((await response.json()).msg).toMatch(msg);
    }
    expect((await fetch(`${gateway.url}/api/events/export.csv`)).status).toBe(401);
  });

  it('never writes the password of any lock it exports', async () => {
    const text = await (await exportCsv('')).text();
    const exported = new Set([...text.matchAll(/^\d+,[^,]*,[^,]*,([^,]+),/gm)].map((m) => m[1]));
    expect(exported.size).toBeGreaterThan(10);
    const passwords = (platform.db.prepare('SELECT lockid, lock_password AS p FROM locks').all() as { lockid: string; p: string }[])
      .filter((r) => exported.has(r.lockid))
      .map((r) => r.p);
    expect(passwords).toHaveLength(exported.size);
    for (const secret of passwords) expect(text).not.toContain(secret);
  });
});

describe('csvCell', () => {
  it('leaves plain values alone and quotes the rest', () => {
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
    expect(csvCell('HQ · Main Entrance')).toBe('HQ · Main Entrance');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('+1 555')).toBe("'+1 555");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell(-3)).toBe('-3');
  });
});
