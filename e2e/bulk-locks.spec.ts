import type { Page } from '@playwright/test';
import { cellOf, countRequests, expect, expectNoSeriousA11yViolations, lockRows, tableSettled, test, type E2eServer } from './fixtures';

/**
 * Groups, selection and bulk commands on the lock list. Each test makes a group of its own in the
 * worker's platform database, with locks no other spec relies on (the oldest lock ids, a slice per
 * test), sets their states as it needs, and puts everything back in `finally`.
 */

interface TestLock {
  id: number;
  lockid: string;
  lockname: string;
}

/** A group of `count` locks (the oldest lock ids after `offset`), in the states given; `restore()` undoes it all. */
function makeGroup(server: E2eServer, name: string, count: number, offset: number, state?: { open?: 0 | 1; online?: (i: number) => 0 | 1 }) {
  const db = server.db;
  const locks = db.prepare('SELECT id, lockid, lockname FROM locks ORDER BY lockid ASC LIMIT ? OFFSET ?').all(count, offset) as TestLock[];
  const read = db.prepare('SELECT id, lock_open_status AS open, lock_online_status AS online FROM locks WHERE id = ?');
  const saved = locks.map((l) => read.get(l.id) as { id: number; open: number; online: number });
  const groupid = Number(db.prepare("INSERT INTO lockgroups (groupname, description, created_date) VALUES (?, '', '2025-01-01 00:00:00')").run(name).lastInsertRowid);
  const member = db.prepare('INSERT INTO lockgroup_members (groupid, lock_id) VALUES (?, ?)');
  const setState = db.prepare('UPDATE locks SET lock_open_status = ?, lock_online_status = ? WHERE id = ?');
  locks.forEach((lock, i) => {
    member.run(groupid, lock.id);
    if (state) setState.run(state.open ?? 1, state.online?.(i) ?? 1, lock.id);
  });
  return {
    groupid,
    name,
    locks,
    restore() {
      db.prepare('DELETE FROM lockgroup_members WHERE groupid = ?').run(groupid);
      db.prepare('DELETE FROM lockgroups WHERE groupid = ?').run(groupid);
      for (const s of saved) setState.run(s.open, s.online, s.id);
    },
  };
}

const openOf = (server: E2eServer, lockid: string) =>
  (server.db.prepare('SELECT lock_open_status AS open FROM locks WHERE lockid = ?').get(lockid) as { open: number }).open;

const bar = (page: Page) => page.getByRole('region', { name: 'Selected locks' });

async function selectPage(page: Page, rows: number) {
  await tableSettled(page);
  await expect(lockRows(page)).toHaveCount(rows);
  await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
  await expect(bar(page).getByText(`${rows} selected`)).toBeVisible();
}

test.describe('bulk commands on a selection', () => {
  test('select 5 unlocked locks and lock them: "5 locked", and the rows say Locked', async ({ page, server }) => {
    const group = makeGroup(server, 'Bulk A', 5, 0, { open: 1 });
    try {
      await page.goto(`/locks?group=${group.groupid}`);
      await selectPage(page, 5);
      await expectNoSeriousA11yViolations(page);
      await bar(page).getByRole('button', { name: 'Lock', exact: true }).click();
      await expect(bar(page).getByRole('heading', { name: 'Lock: 5 locked' })).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: '5 locked' })).toHaveCount(1);
      for (const row of await lockRows(page).all()) await expect(cellOf(row, 'state')).toHaveText('Locked');
      for (const lock of group.locks) expect(openOf(server, lock.lockid)).toBe(0);
      await expectNoSeriousA11yViolations(page);
    } finally {
      group.restore();
    }
  });

  test('2 of 5 offline: "3 locked · 2 offline, not reached", the two named, no retry for offline', async ({ page, server }) => {
    const group = makeGroup(server, 'Bulk B', 5, 5, { open: 1, online: (i) => (i < 2 ? 0 : 1) });
    try {
      await page.goto(`/locks?group=${group.groupid}`);
      await selectPage(page, 5);
      await bar(page).getByRole('button', { name: 'Lock', exact: true }).click();
      await expect(bar(page).getByRole('heading', { name: 'Lock: 3 locked · 2 offline, not reached' })).toBeVisible();
      const problems = bar(page).getByRole('list', { name: 'Locks not reached or failed' }).getByRole('listitem');
      await expect(problems).toHaveCount(2);
      for (const lock of group.locks.slice(0, 2)) {
        const item = problems.filter({ hasText: lock.lockname });
        await expect(item).toContainText('Offline, not reached');
        await expect(item.getByRole('link', { name: lock.lockname })).toHaveAttribute('href', `/locks/${encodeURIComponent(lock.lockid)}`);
      }
      await expect(bar(page).getByRole('button', { name: 'Retry the failed' })).toHaveCount(0);
    } finally {
      group.restore();
    }
  });

  test('a lock that fails is offered "Retry the failed", which sends only that one again', async ({ page, server }) => {
    const group = makeGroup(server, 'Bulk R', 3, 22, { open: 1 });
    const lost = group.locks[0]!;
    // Events name the lock by its lockid: the rename (and its undoing) goes past that reference.
    const renameStatement = server.db.prepare('UPDATE locks SET lockid = ? WHERE id = ?');
    const rename = {
      run(lockid: string, id: number) {
        server.db.pragma('foreign_keys = OFF');
        try {
          renameStatement.run(lockid, id);
        } finally {
          server.db.pragma('foreign_keys = ON');
        }
      },
    };
    try {
      await page.goto(`/locks?group=${group.groupid}`);
      await selectPage(page, 3);
      // The platform no longer knows the lock by the id the page has: its command fails (404).
      rename.run(`${lost.lockid}-GONE`, lost.id);
      await bar(page).getByRole('button', { name: 'Lock', exact: true }).click();
      await expect(bar(page).getByRole('heading', { name: 'Lock: 2 locked · 1 failed' })).toBeVisible();
      await expect(bar(page).getByRole('listitem').filter({ hasText: lost.lockname })).toContainText('Failed');
      rename.run(lost.lockid, lost.id);
      const sent = countRequests(page, '/api/commands', { method: 'POST' });
      const request = page.waitForRequest((r) => r.url().endsWith('/api/commands') && r.method() === 'POST');
      await bar(page).getByRole('button', { name: 'Retry the failed' }).click();
      expect((await request).postDataJSON()).toEqual({ action: 'lock', lockids: [lost.lockid] });
      await expect(bar(page).getByRole('heading', { name: 'Lock: 3 locked' })).toBeVisible();
      expect(sent.count).toBe(1);
      expect(openOf(server, lost.lockid)).toBe(0);
    } finally {
      rename.run(lost.lockid, lost.id);
      group.restore();
    }
  });

  test('unlocking several asks first, naming the count and the group; Cancel sends nothing', async ({ page, server }) => {
    const group = makeGroup(server, 'Bulk C', 4, 10, { open: 0 });
    try {
      await page.goto(`/locks?group=${group.groupid}`);
      await selectPage(page, 4);
      const sent = countRequests(page, '/api/commands', { method: 'POST' });
      await bar(page).getByRole('button', { name: 'Unlock', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Unlock 4 locks in Bulk C?' });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole('button', { name: 'Unlock 4 locks' })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
      await expect(bar(page).getByText('4 selected')).toBeVisible();
      expect(sent.count).toBe(0);
      for (const lock of group.locks) expect(openOf(server, lock.lockid)).toBe(0);

      // Confirmed, it unlocks them all.
      await bar(page).getByRole('button', { name: 'Unlock', exact: true }).click();
      await dialog.getByRole('button', { name: 'Unlock 4 locks' }).click();
      await expect(bar(page).getByRole('heading', { name: 'Unlock: 4 unlocked' })).toBeVisible();
      expect(sent.count).toBe(1);
      for (const lock of group.locks) expect(openOf(server, lock.lockid)).toBe(1);
    } finally {
      group.restore();
    }
  });

  test('one lock: on a platform that relocks by itself the question is asked too (for the relock choice)', async ({ page, server }) => {
    const group = makeGroup(server, 'Bulk U', 2, 26, { open: 0 });
    try {
      await page.goto(`/locks?group=${group.groupid}`);
      await tableSettled(page);
      const first = group.locks.find((l) => l.lockname) ?? group.locks[0]!;
      await page.getByRole('checkbox', { name: `Select ${first.lockname}` }).check();
      await bar(page).getByRole('button', { name: 'Unlock', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Unlock 1 lock in Bulk U?' });
      await expect(dialog.getByRole('radio', { name: 'Not automatically' })).toBeChecked();
      const sent = page.waitForRequest((r) => r.url().endsWith('/api/commands') && r.method() === 'POST');
      await dialog.getByRole('button', { name: 'Unlock 1 lock' }).click();
      expect((await sent).postDataJSON()).toEqual({ action: 'unlock', lockids: [first.lockid] });
      await expect(bar(page).getByRole('heading', { name: 'Unlock: 1 unlocked' })).toBeVisible();
      expect(openOf(server, first.lockid)).toBe(1);
    } finally {
      group.restore();
    }
  });
});

test.describe('bulk unlock that locks again by itself', () => {
  test('"Lock again after 1 minute" reaches every lock (duration_s), and the rows count down to the relock', async ({ page, server }) => {
    const group = makeGroup(server, 'Bulk T', 3, 72, { open: 0 });
    const relockOf = (lockid: string) => (server.db.prepare('SELECT relock_at FROM locks WHERE lockid = ?').get(lockid) as { relock_at: string | null }).relock_at;
    try {
      await page.goto(`/locks?group=${group.groupid}`);
      await selectPage(page, 3);
      await bar(page).getByRole('button', { name: 'Unlock', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Unlock 3 locks in Bulk T?' });
      await expect(dialog.getByRole('group', { name: 'Lock again' }).getByRole('radio')).toHaveCount(5);
      await dialog.getByRole('radio', { name: 'After 1 minute' }).check();
      await expect(dialog).toHaveAccessibleDescription('These doors open to anyone, and each locks again by itself after 1 minute. Offline locks are not reached.');
      await expectNoSeriousA11yViolations(page);
      const sent = page.waitForRequest((r) => r.url().endsWith('/api/commands') && r.method() === 'POST');
      await dialog.getByRole('button', { name: 'Unlock 3 locks for 1 minute' }).click();
      expect((await sent).postDataJSON()).toEqual({ action: 'unlock', lockids: expect.arrayContaining(group.locks.map((l) => l.lockid)), duration_s: 60 });
      await expect(bar(page).getByRole('heading', { name: 'Unlock: 3 unlocked' })).toBeVisible();
      await expect(lockRows(page)).toHaveCount(3);
      for (const row of await lockRows(page).all()) {
        await expect(cellOf(row, 'state')).toContainText('Unlocked');
        await expect(cellOf(row, 'state')).toContainText(/Relocks in (1:00|0:[0-5]\d)/);
      }
      for (const lock of group.locks) expect(relockOf(lock.lockid)).not.toBeNull();
    } finally {
      server.db.prepare(`UPDATE locks SET relock_at = NULL WHERE lockid IN (${group.locks.map(() => '?').join(',')})`).run(...group.locks.map((l) => l.lockid));
      group.restore();
    }
  });
});

test.describe('groups on the lock list', () => {
  test('the Group select filters the list (in the URL); a lock’s page lists its groups as links', async ({ page, server }) => {
    const group = makeGroup(server, 'Bulk D', 4, 14);
    try {
      await page.goto('/locks');
      await tableSettled(page);
      await page.getByLabel('Group', { exact: true }).selectOption({ label: group.name });
      await expect(page).toHaveURL(new RegExp(`[?&]group=${group.groupid}$`));
      await tableSettled(page);
      await expect(lockRows(page)).toHaveCount(4);
      await expect(page.getByText('4 locks', { exact: true })).toBeVisible();
      const names = await lockRows(page).getByRole('rowheader').getByRole('link').allInnerTexts();
      expect(names.sort()).toEqual(group.locks.map((l) => l.lockname).sort());
      for (const row of await lockRows(page).all()) await expect(row.getByRole('rowheader')).toContainText(group.name);
      await expect(page.getByRole('link', { name: `Lock all in ${group.name}…` })).toHaveAttribute('href', `/lockdown?group=${group.groupid}`);

      await lockRows(page).first().getByRole('rowheader').getByRole('link').click();
      const groups = page.getByRole('list', { name: 'Groups' });
      await expect(groups.getByRole('link', { name: group.name })).toHaveAttribute('href', `/groups/${group.groupid}`);
      // Back on the list with "All groups": every lock again.
      await page.goto(`/locks?group=${group.groupid}`);
      await page.getByLabel('Group', { exact: true }).selectOption({ label: 'All groups' });
      await expect(page).toHaveURL(/\/locks$/);
      await expect(page.getByText('240 locks')).toBeVisible();
    } finally {
      group.restore();
    }
  });

  test('a group that does not exist: the list is empty and says so; "Clear search and filters" clears the group', async ({ page }) => {
    await page.goto('/locks?group=987654');
    await expect(page.getByRole('alert').filter({ hasText: 'There is no group 987654' })).toBeVisible();
    await expect(page.getByLabel('Group', { exact: true })).toHaveValue('987654');
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await expect(page).toHaveURL(/\/locks$/);
    await expect(page.getByText('240 locks')).toBeVisible();
  });

  test('add the selection to a group (the rows name it), then remove it again', async ({ page, server }) => {
    const source = makeGroup(server, 'Bulk F', 3, 18);
    const target = makeGroup(server, 'Bulk F target', 0, 0);
    try {
      await page.goto(`/locks?group=${source.groupid}`);
      await selectPage(page, 3);
      await bar(page).getByRole('button', { name: 'Add to group' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add 3 locks to a group' });
      await dialog.getByLabel('Group', { exact: true }).selectOption({ label: target.name });
      await dialog.getByRole('button', { name: 'Add 3 locks' }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole('region', { name: 'Notifications' }).getByText(`Added 3 locks to ${target.name}`)).toBeVisible();
      for (const row of await lockRows(page).all()) await expect(row.getByRole('rowheader')).toContainText(target.name);
      const members = () => (server.db.prepare('SELECT count(*) AS n FROM lockgroup_members WHERE groupid = ?').get(target.groupid) as { n: number }).n;
      expect(members()).toBe(3);

      // "Remove from group" offers the groups the selected locks are in, the list's group first.
      await bar(page).getByRole('button', { name: 'Remove from group' }).click();
      const remove = page.getByRole('dialog', { name: 'Remove 3 locks from a group' });
      const choice = remove.getByLabel('Group', { exact: true });
      await expect(choice).toHaveValue(String(source.groupid));
      await expect(choice.getByRole('option', { name: target.name })).toHaveCount(1);
      await choice.selectOption({ label: target.name });
      await remove.getByRole('button', { name: 'Remove 3 locks' }).click();
      await expect(page.getByRole('region', { name: 'Notifications' }).getByText(`Removed 3 locks from ${target.name}`)).toBeVisible();
      for (const row of await lockRows(page).all()) await expect(row.getByRole('rowheader')).not.toContainText(target.name);
      expect(members()).toBe(0);
    } finally {
      target.restore();
      source.restore();
    }
  });

  test('a refused new group name keeps what was typed and shows the platform’s reason', async ({ page, server }) => {
    const source = makeGroup(server, 'Bulk G', 2, 28);
    try {
      await page.goto(`/locks?group=${source.groupid}`);
      await selectPage(page, 2);
      await bar(page).getByRole('button', { name: 'Add to group' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add 2 locks to a group' });
      await dialog.getByLabel('Group', { exact: true }).selectOption({ label: 'New group…' });
      // A name that is taken (ignoring case): the platform answers 409.
      await dialog.getByLabel('New group name').fill('bulk g');
      await dialog.getByRole('button', { name: 'Add 2 locks' }).click();
      await expect(dialog.getByRole('alert')).toContainText(/already|exists|taken|in use/i);
      await expect(dialog.getByLabel('New group name')).toHaveValue('bulk g');
      await expect(bar(page).getByText('2 selected')).toBeVisible();
    } finally {
      source.restore();
    }
  });

  test('"Select all N matching" past the page, kept across pages, cleared (and said) when the filter changes', async ({ page, server }) => {
    const group = makeGroup(server, 'Bulk H', 30, 40);
    try {
      await page.goto(`/locks?group=${group.groupid}`);
      await selectPage(page, 25);
      await page.getByRole('button', { name: 'Select all 30 matching' }).click();
      await expect(page.getByText('All 30 matching locks are selected.')).toBeVisible();
      await expect(bar(page).getByText('30 selected')).toBeVisible();
      await page.getByRole('button', { name: 'Next page' }).click();
      await tableSettled(page);
      await expect(lockRows(page)).toHaveCount(5);
      await expect(page.getByRole('checkbox', { name: 'Select all on this page' })).toBeChecked();
      // Keyboard: Space on a row's checkbox takes it out.
      const first = page.getByRole('checkbox', { name: /^Select / }).nth(1);
      await first.focus();
      await page.keyboard.press('Space');
      await expect(first).not.toBeChecked();
      await expect(bar(page).getByText('29 selected')).toBeVisible();
      await page.getByRole('button', { name: /^Unlocked/ }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Selection cleared: the search or filters changed.' })).toBeVisible();
      await expect(bar(page)).toHaveCount(0);
    } finally {
      group.restore();
    }
  });

  test('at phone width the cards have checkboxes and the bar fits; axe finds nothing serious', async ({ page, server }) => {
    const group = makeGroup(server, 'Bulk P', 3, 32, { open: 1 });
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`/locks?group=${group.groupid}`);
      await tableSettled(page);
      await page.getByRole('checkbox', { name: `Select ${group.locks[1]!.lockname}` }).check();
      await page.getByRole('checkbox', { name: `Select ${group.locks[2]!.lockname}` }).check();
      await expect(bar(page).getByText('2 selected')).toBeVisible();
      const box = await bar(page).boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      await expect(bar(page).getByRole('button', { name: 'Remove from group' })).toBeInViewport();
      await expectNoSeriousA11yViolations(page);
    } finally {
      group.restore();
    }
  });
});

test.describe('a support account', () => {
  test.use({ role: 'support' });

  test('sees the groups but no checkboxes, no bulk bar and no "Lock all", and is told why', async ({ page }) => {
    await page.goto('/locks');
    await tableSettled(page);
    await expect(lockRows(page).first()).toBeVisible();
    await expect(page.getByLabel('Group', { exact: true })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Locks' }).getByRole('checkbox')).toHaveCount(0);
    await expect(bar(page)).toHaveCount(0);
    await expect(page.getByRole('link', { name: /^Lock all/ })).toHaveCount(0);
    await expect(page.getByText('Read-only account: managers select locks, send commands and change groups.')).toBeVisible();
  });
});
