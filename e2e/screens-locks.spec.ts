import type { Page } from '@playwright/test';
import { expect, lockRows, test } from './fixtures';

/**
 * Pictures of the locks list and a lock's page at four widths, light and dark, for review
 * (test-results/screens/): the first screen, and the next one down.
 */
const WIDTHS = [1440, 1024, 768, 390] as const;
const SCHEMES = ['light', 'dark'] as const;

async function shoot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `test-results/screens/${name}-1.png` });
  await page.evaluate(() => window.scrollTo(0, window.innerHeight - 100));
  await page.screenshot({ path: `test-results/screens/${name}-2.png` });
}

for (const scheme of SCHEMES) {
  for (const width of WIDTHS) {
    test(`locks list and a lock, ${width} px, ${scheme}`, async ({ page, server }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      // One lock in a timed unlock, to see its countdown.
      const soon = new Date(Date.now() + 272_000).toISOString().slice(0, 19).replace('T', ' ');
      server.db.prepare("UPDATE locks SET lock_open_status = 1, relock_at = ? WHERE lockname = 'Cedar Court Offices · Conference Room 13'").run(soon);
      await page.goto('/locks');
      await expect(lockRows(page)).toHaveCount(25);
      await expect.poll(() => page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth)).toBeLessThanOrEqual(0);
      await shoot(page, `locks-${width}-${scheme}`);
      const details = lockRows(page).nth(1).getByRole('button', { name: /^Details of / });
      if (await details.isVisible()) {
        await details.click();
        await page.screenshot({ path: `test-results/screens/locks-${width}-${scheme}-details.png` });
      }
      const { lockid } = server.db.prepare('SELECT lockid FROM locks WHERE lock_online_status = 1 ORDER BY lockid LIMIT 1').get() as { lockid: string };
      await page.goto(`/locks/${lockid}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await shoot(page, `lock-${width}-${scheme}`);
      await page.getByRole('region', { name: 'Remote control' }).getByRole('button', { name: /^Unlock / }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await page.screenshot({ path: `test-results/screens/lock-${width}-${scheme}-dialog.png` });
    });
  }
}
