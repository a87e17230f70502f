import type { Locator, Page } from '@playwright/test';
import { expect, lockRows, tableSettled, test } from './fixtures';
import { pageScroll } from './overlap';

/**
 * Opening a lock from the list and coming back: the lock's page starts at its top with the focus
 * on its heading (not <body>); Back, or the page's "Locks" link, brings the list back scrolled as it
 * was, with the focus on the link of the lock that was opened.
 */

/** How far the page is scrolled (the document, or the app's frame while toasts are docked). */
const scrolled = async (page: Page) => (await pageScroll(page)).top;

async function scrollToRow(page: Page, link: Locator): Promise<number> {
  await link.scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 200);
  await expect.poll(() => scrolled(page)).toBeGreaterThan(400);
  // Settled: two reads alike.
  let last = -1;
  await expect.poll(async () => {
    const now = await scrolled(page);
    const same = now === last;
    last = now;
    return same;
  }).toBe(true);
  return last;
}

test('Back from a lock opened in a scrolled list: the list is scrolled as it was and its link has the focus', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/locks?sort=lockname&order=desc');
  await tableSettled(page);
  const link = lockRows(page).nth(17).getByRole('rowheader').getByRole('link');
  const name = await link.innerText();
  const y = await scrollToRow(page, link);

  await link.click();
  const heading = page.getByRole('heading', { level: 1, name });
  await expect(heading).toBeFocused();
  expect(await scrolled(page)).toBe(0);

  await page.goBack();
  await expect(page).toHaveURL(/\/locks\?sort=lockname&order=desc$/);
  await tableSettled(page);
  await expect(link).toBeFocused();
  expect(await scrolled(page)).toBe(y);
});

test('the lock page’s "Locks" link (opened by keyboard) also comes back to the row, scrolled as it was', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/locks');
  await tableSettled(page);
  const link = lockRows(page).nth(20).getByRole('rowheader').getByRole('link');
  const name = await link.innerText();
  const y = await scrollToRow(page, link);

  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name })).toBeFocused();
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Locks' }).click();
  await expect(page).toHaveURL(/\/locks$/);
  await tableSettled(page);
  await expect(link).toBeFocused();
  expect(await scrolled(page)).toBe(y);

  // The main navigation's "Locks" is a fresh start, not a way back.
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeFocused();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Locks' }).click();
  await expect(page).toHaveURL(/\/locks$/);
  await tableSettled(page);
  await expect(link).not.toBeFocused();
  expect(await scrolled(page)).toBe(0);
});
