import { expect, type Page } from '@playwright/test';

/** Every kind of element a person can act on. */
export const INTERACTIVE = 'a, button, input, select, textarea, summary, [role=button], [tabindex]:not([tabindex="-1"])';

/**
 * What the toasts cover, read in one go in the page (a poll re-rendering rows cannot get in between):
 * every interactive element in view outside the toasts' region — the part of it that shows, clipped
 * by the window and by every scrolling or clipping ancestor — and the bulk bar, against the region
 * and each toast in it. Asserts that both lists are not empty, then returns what intersects.
 */
export async function coveredByToasts(page: Page): Promise<{ checked: number; toasts: number; covered: string[] }> {
  const result = await page.evaluate((selector) => {
    type Box = { left: number; top: number; right: number; bottom: number };
    const region = document.querySelector('section[aria-label="Notifications"]');
    const box = (e: Element): Box => e.getBoundingClientRect();
    const cut = (a: Box, b: Box): Box => ({ left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) });
    const empty = (r: Box) => r.right - r.left < 1 || r.bottom - r.top < 1;
    /** The part of `element` that shows: inside the window and inside every ancestor that clips. */
    const shown = (element: Element): Box | null => {
      let r = cut(box(element), { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight });
      for (let a = element.parentElement; a && a !== document.documentElement; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible' || style.clipPath !== 'none') r = cut(r, box(a));
      }
      return empty(r) ? null : r;
    };
    const toasts = region ? [region, ...region.children].map(box).filter((r) => !empty(r)) : [];
    const candidates = [...document.querySelectorAll(selector), ...document.querySelectorAll('section[aria-label="Selected locks"]')].filter(
      (e) => !region?.contains(e) && e.checkVisibility({ visibilityProperty: true }) && e.getBoundingClientRect().width > 1,
    );
    const inView = candidates.flatMap((e) => {
      const r = shown(e);
      return r ? [{ e, r }] : [];
    });
    const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const name = (e: Element) => `${e.tagName.toLowerCase()} "${(e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 40)}"`;
    return {
      checked: inView.length,
      toasts: region?.children.length ?? 0,
      covered: inView.filter(({ r }) => toasts.some((t) => overlaps(r, t))).map(({ e }) => name(e)),
    };
  }, INTERACTIVE);
  expect(result.toasts, 'toasts on screen').toBeGreaterThan(0);
  expect(result.checked, 'controls in view').toBeGreaterThan(0);
  return result;
}

/** How far the page is scrolled, and how far it can be (the document, or the app's frame while toasts are docked). */
export function pageScroll(page: Page, to?: number): Promise<{ top: number; max: number }> {
  return page.evaluate((top) => {
    const docked = document.documentElement.hasAttribute('data-toast-dock') ? document.querySelector('.app-frame') : null;
    const scroller = docked ?? document.scrollingElement ?? document.documentElement;
    if (top !== undefined) scroller.scrollTop = top;
    return { top: scroller.scrollTop, max: scroller.scrollHeight - scroller.clientHeight };
  }, to);
}
