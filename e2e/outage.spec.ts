import type { Page } from '@playwright/test';
import { StandInUpstream, forwardTo } from '../test-support/stand-in-upstream';
import { expect, extraGateway, lockRows, stoppableGateway, test } from './fixtures';

/**
 * The server goes away mid-use and comes back (issue 20 §1): the app keeps its frame, says in place
 * that it can't reach the server, shows one connection state everywhere (the live indicator, the
 * commands), and comes back by itself. And a new build deployed under an open page is loaded
 * instead of failing on the old chunk names.
 */
const UNREACHABLE = 'Lockboard can’t reach the server';

/** The frame of the app: the header with its navigation, and no page-wide failure. */
async function expectFrame(page: Page) {
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Lockboard' })).toBeVisible();
  await expect(page.getByText('Something went wrong')).toHaveCount(0);
}

/** The first row whose one command is Unlock, and can be sent (a locked, online lock), pinned by its lock ID; and that button. */
async function lockedRow(page: Page) {
  const ready = page.locator('button[id$="u"]:not([aria-disabled])').filter({ hasText: /^Unlock$/ });
  const lockid = await lockRows(page).filter({ has: ready }).first().getAttribute('data-lockid');
  const row = lockRows(page).and(page.locator(`[data-lockid="${lockid}"]`));
  return { row, unlock: row.getByRole('button', { name: /^Unlock\b/ }) };
}

test.describe('when the server goes away', () => {
  test('the live indicator says offline and the commands are disabled with the reason, until the server is back', async ({ page, server }) => {
    const gateway = await stoppableGateway(server.platformUrl);
    try {
      await page.goto(`${gateway.url}/locks`);
      await expect(lockRows(page)).toHaveCount(25);
      const { row, unlock } = await lockedRow(page);
      await expect(unlock).not.toHaveAttribute('aria-disabled');
      await expect(page.getByText('Live', { exact: true })).toBeVisible();
      // The bulk bar's commands too.
      await row.getByRole('checkbox').check();
      const bulkUnlock = page.getByRole('region', { name: 'Selected locks' }).getByRole('button', { name: 'Unlock', exact: true });
      await expect(bulkUnlock).not.toHaveAttribute('aria-disabled');

      await gateway.stop();
      await expect(page.getByText(`Offline: ${UNREACHABLE}`, { exact: true })).toBeVisible();
      await expect(page.getByText('Live', { exact: true })).toHaveCount(0);
      await expect(unlock).toHaveAttribute('aria-disabled', 'true');
      await expect(unlock).toHaveAccessibleDescription('Can’t reach the server');
      await expect(page.getByRole('alert').filter({ hasText: 'Connection lost' })).toBeVisible();
      await expect(bulkUnlock).toHaveAttribute('aria-disabled', 'true');
      await expect(bulkUnlock).toHaveAccessibleDescription(`${UNREACHABLE}: commands are disabled`);
      // A click does nothing while the server is away.
      await unlock.dispatchEvent('click');
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await expectFrame(page);

      await gateway.start();
      await expect(page.getByText('Live', { exact: true })).toBeVisible();
      await expect(unlock).not.toHaveAttribute('aria-disabled');
      await expect(bulkUnlock).not.toHaveAttribute('aria-disabled');
      await expect(page.getByRole('alert').filter({ hasText: 'Connection lost' })).toHaveCount(0);
      await expect(page.getByText(UNREACHABLE)).toHaveCount(0);
    } finally {
      await gateway.close();
    }
  });

  test('the Plus Platform gone behind a running server: "Connection lost" in the indicator and the commands too, until it is back', async ({ page, server }) => {
    const platform = await new StandInUpstream(forwardTo(server.platformUrl)).start();
    const gateway = await extraGateway(platform.url, { mode: 'proxy', upstreamTimeoutMs: 2000 });
    try {
      await page.goto(`${gateway.url}/locks`);
      await expect(lockRows(page)).toHaveCount(25);
      const { unlock } = await lockedRow(page);
      await expect(unlock).not.toHaveAttribute('aria-disabled');

      await platform.stop();
      await expect(page.getByRole('alert').filter({ hasText: 'Connection lost — showing data from' })).toBeVisible();
      // The live indicator's badge (a span; the rows' notes say it too).
      await expect(page.locator('span').getByText('Connection lost', { exact: true })).toBeVisible();
      await expect(page.getByText('Live', { exact: true })).toHaveCount(0);
      await expect(unlock).toHaveAttribute('aria-disabled', 'true');
      await expect(unlock).toHaveAccessibleDescription('Connection lost');

      await platform.start();
      await expect(page.getByText('Live', { exact: true })).toBeVisible();
      await expect(unlock).not.toHaveAttribute('aria-disabled');
    } finally {
      await platform.stop();
      await gateway.close();
    }
  });

  test('Unlock whose dialog cannot load keeps the page, says so in place, and asks once the server is back', async ({ page, server }) => {
    const gateway = await stoppableGateway(server.platformUrl);
    try {
      await page.goto(`${gateway.url}/locks`);
      await expect(lockRows(page)).toHaveCount(25);
      // The dialog's chunk is asked for on the way to the click; it is held until the server has gone.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/assets/unlock-dialog-*.js', async (route) => {
        await held;
        await route.continue();
      });
      const { row, unlock } = await lockedRow(page);
      await unlock.click();
      await gateway.stop();
      release();

      await expect(row.getByRole('alert')).toHaveText(`${UNREACHABLE}: waiting to reconnect…`);
      await expectFrame(page);
      await expect(lockRows(page)).toHaveCount(25);

      await gateway.start();
      const dialog = page.getByRole('dialog', { name: /^Unlock .+\?$/ });
      await expect(dialog).toBeVisible();
      await dialog.getByRole('button', { name: 'Unlock', exact: true }).click();
      await expect(row.getByRole('button', { name: /^Lock\b/ })).toBeVisible();
      await expect(row.getByText(UNREACHABLE)).toHaveCount(0);
    } finally {
      await gateway.close();
    }
  });

  test('a page not loaded yet says so in place of the page, and loads once the server is back', async ({ page, server }) => {
    const gateway = await stoppableGateway(server.platformUrl);
    try {
      await page.goto(`${gateway.url}/locks`);
      await expect(lockRows(page)).toHaveCount(25);
      await gateway.stop();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Groups' }).click();

      await expect(page.getByRole('main').getByRole('alert')).toContainText(`${UNREACHABLE}. This part loads by itself when the connection returns.`);
      await expectFrame(page);

      await gateway.start();
      await expect(page.getByRole('heading', { name: 'Groups', level: 1 })).toBeVisible();
      await expect(page.getByText(UNREACHABLE)).toHaveCount(0);
    } finally {
      await gateway.close();
    }
  });
});

test.describe('when a new build replaced the chunks', () => {
  /** Answers 404 for the Groups page's chunk (its old name is gone) until `until()` says otherwise; counts the page's reloads. */
  async function deployedUnder(page: Page, until: () => boolean) {
    const reloads = { count: 0 };
    await page.route('**/assets/groups-page-*.js', (route) => (until() ? route.fallback() : route.fulfill({ status: 404, body: 'Not found' })));
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) reloads.count += 1;
    });
    return reloads;
  }

  test('a chunk that is gone loads the new build (one reload) instead of failing', async ({ page }) => {
    await page.goto('/locks');
    await expect(lockRows(page)).toHaveCount(25);
    // After the reload the page is the new build's, whose chunk names exist.
    let reloads = { count: 0 };
    reloads = await deployedUnder(page, () => reloads.count > 0);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Groups' }).click();

    await expect(page.getByRole('heading', { name: 'Groups', level: 1 })).toBeVisible();
    expect(reloads.count).toBe(1);
    await expect(page).toHaveURL(/\/groups$/);
  });

  test('a chunk still gone after that reload says so, with a way to reload, and never loops', async ({ page }) => {
    await page.goto('/locks');
    await expect(lockRows(page)).toHaveCount(25);
    const reloads = await deployedUnder(page, () => false);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Groups' }).click();

    const notice = page.getByRole('main').getByRole('alert');
    await expect(notice).toContainText('Lockboard has been updated');
    await expect(notice.getByRole('button', { name: 'Reload the page' })).toBeVisible();
    expect(reloads.count).toBe(1);
    await expectFrame(page);
  });
});
