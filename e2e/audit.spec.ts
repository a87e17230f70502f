import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERS, type E2eServer, expect, expectNoSeriousA11yViolations, extraGateway, onlineLocks, test } from './fixtures';

/**
 * The audit trail (issue 22), end to end: a manager unlocks a lock, reveals its password and gives
 * a person access to it, in the browser; `/audit` tells the three in words; the CSV of the manager's
 * records of today holds exactly them; "Verify" finds the chain whole; a record then changed directly
 * in the gateway's store is named by `npm run audit:verify` (exit 1) and by "Verify".
 *
 * The test runs its own gateway in front of the worker's platform, with a DATA_DIR of its own: its
 * store (gateway.sqlite) holds this test's records alone, and changing one breaks no other spec.
 * The person is added through the worker's gateway, so that the test's store has no record of it.
 */

/** A small CSV reader (quoted fields, doubled quotes, newlines inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (c === '"') quoted = !quoted;
    else if (quoted) field += c;
    else if (c === ',') endField();
    else if (c === '\n') endRow();
    else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows.filter((r) => r.some((cell) => cell !== ''));
}

const localDay = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** `npm run audit:verify` against a DATA_DIR: its exit code and what it wrote. */
function auditVerify(dataDir: string): Promise<{ code: number; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', 'audit:verify'], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** Changes one record's `detail` in the store, as someone with the database file could. */
function tamper(dataDir: string, auditid: number) {
  const db = new Database(join(dataDir, 'gateway.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%prev_hash%' AND sql LIKE '%auditid%'").all() as { name: string }[];
    expect(tables, 'the audit table').toHaveLength(1);
    const changed = db.prepare(`UPDATE "${tables[0]!.name}" SET detail = 'nothing to see here' WHERE auditid = ?`).run(auditid);
    expect(changed.changes).toBe(1);
  } finally {
    db.close();
  }
}

async function addPerson(page: Page, server: E2eServer, name: string): Promise<number> {
  const response = await page.request.post(`${server.url}/api/people`, { data: { username: name }, headers: { origin: server.url } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { person: { userid: number } }).person.userid;
}

const auditRecords = (page: Page) => page.getByRole('list', { name: 'Audit records' }).getByRole('listitem');
const sentences = (page: Page) => auditRecords(page).locator('p:first-child').allInnerTexts();

test.describe('the audit trail', () => {
  test('shows a manager’s unlock, reveal and grant in words, exports exactly them, verifies, and a changed record is found', async ({ page, server }) => {
    test.setTimeout(120_000);
    const dataDir = mkdtempSync(join(tmpdir(), 'lockboard-audit-e2e-'));
    const gateway = await extraGateway(server.platformUrl, { serviceAccount: server.serviceAccount, env: { DATA_DIR: dataDir, NOTIFIER: 'off' } });
    try {
      const [lock] = onlineLocks(server, 1, 80);
      const { lockid, lockname } = lock!;
      const name = `Audit Guest ${Date.now()}`;
      const personid = await addPerson(page, server, name);
      const at = (path: string) => `${gateway.url}${path}`;

      // Unlock, reveal the password, give the person access: in the browser, on the lock's page.
      await page.goto(at(`/locks/${encodeURIComponent(lockid)}`));
      await page.getByRole('region', { name: 'Remote control' }).getByRole('button', { name: `Unlock ${lockname}` }).click();
      await page.getByRole('dialog', { name: `Unlock ${lockname}?` }).getByRole('button', { name: 'Unlock' }).click();
      await expect(page.getByRole('definition').filter({ hasText: /^Unlocked/ })).toBeVisible();
      await page.getByRole('button', { name: 'Reveal password' }).click();
      await expect(page.getByLabel(`Password for ${lockname}`, { exact: true })).toBeVisible();
      const access = page.getByRole('region', { name: 'Who has access' });
      await access.getByRole('button', { name: 'Grant access' }).click();
      const dialog = page.getByRole('dialog', { name: `Grant access to ${lockname}` });
      await dialog.getByRole('searchbox').fill(name);
      await dialog.getByRole('radio', { name }).check();
      await dialog.getByRole('button', { name: 'Grant access' }).click();
      await expect(dialog).toBeHidden();
      await expect(access.getByRole('list', { name: 'Current access' }).getByRole('listitem').filter({ hasText: name })).toBeVisible();

      // The lock's page links to its records: the three, newest first, in words.
      const manager = DEMO_USERS.manager.name;
      const three = [`${manager} gave ${name} access to ${lockname}`, `${manager} revealed the password of ${lockname}`, `${manager} unlocked ${lockname}`];
      await page.getByRole('link', { name: 'Audit trail' }).click();
      await expect(page).toHaveURL(at(`/audit?lockid=${encodeURIComponent(lockid)}`));
      await expect.poll(() => sentences(page)).toEqual(three);

      // The manager's records of today: exactly the three, on the page and in the CSV.
      await page.goto(at('/audit'));
      await expect(auditRecords(page).first()).toBeVisible();
      await page.getByLabel('Who').selectOption({ label: manager });
      await page.getByLabel('From').fill(localDay(new Date()));
      await expect(page).toHaveURL(/userid=\d+&from=\d{4}-\d{2}-\d{2}$/);
      await expect.poll(() => sentences(page)).toEqual(three);
      // The export is itself recorded, before it reads the records: the lock keeps that record out of the file.
      await page.getByLabel('Lock ID').fill(lockid);
      await page.getByLabel('Lock ID').press('Enter');
      await expect(page).toHaveURL(new RegExp(`userid=\\d+&lockid=${lockid}&from=`));
      await expect.poll(() => sentences(page)).toEqual(three);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
      const [header, ...rows] = parseCsv(readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, ''));
      const column = (key: string) => rows.map((row) => row[header!.indexOf(key)]);
      expect(header).toEqual(expect.arrayContaining(['auditid', 'action', 'lockid', 'result']));
      expect(column('action')).toEqual(['grant', 'password-reveal', 'lock-command']);
      expect(new Set(column('lockid'))).toEqual(new Set([lockid]));
      expect(new Set(column('result'))).toEqual(new Set(['ok']));
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await expect.poll(async () => (await sentences(page))[0]).toBe(`${manager} exported the audit trail as CSV`);

      // A person's page links to the records about them: the grant.
      await page.goto(at(`/people/${personid}`));
      await page.getByRole('link', { name: 'Audit trail' }).click();
      await expect(page).toHaveURL(at(`/audit?personid=${personid}`));
      await expect.poll(() => sentences(page)).toEqual([three[0]]);

      // The chain verifies, in the page and from the command line.
      await page.goto(at('/audit'));
      await page.getByRole('button', { name: 'Verify' }).click();
      await expect(page.getByRole('status').filter({ hasText: /Chain/ })).toHaveText(/^Chain verified: \d+ records?$/);
      expect((await auditVerify(dataDir)).code).toBe(0);
      await expectNoSeriousA11yViolations(page);

      // A record changed directly in the store is named, by the command (exit 1) and by the page.
      const reveal = Number(column('auditid')[1]);
      expect(reveal).toBeGreaterThan(0);
      tamper(dataDir, reveal);
      const verdict = await auditVerify(dataDir);
      expect(verdict.code).toBe(1);
      expect(verdict.output).toContain(String(reveal));
      await page.getByRole('button', { name: 'Verify' }).click();
      await expect(page.getByRole('status').filter({ hasText: /Record/ })).toHaveText(`Record ${reveal} was changed`);
    } finally {
      await gateway.close();
    }
  });
});
