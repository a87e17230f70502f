import { startEarlyRequests } from '@/app/boot-prefetch';
import './index.css';

// The gateway sends the first screen's CSS inline and the full stylesheet as media="print", which does
// not hold up the first paint (server/gateway/spa.ts): it applies from now on (or as soon as it arrives).
const sheets = [...document.querySelectorAll<HTMLLinkElement>('link[data-lockboard-css]')];
for (const sheet of sheets) sheet.media = 'all';

// The entry is small on purpose: the first screen's requests start now, while the app (preloaded
// by the page, see vite.config.ts) is still arriving. A server-rendered page (gateway ssr/) came
// with its data: nothing to request, and its markup is covered by the inline CSS: it is on screen
// before the app runs, which compiles and hydrates after that first frame (afterFirstFrame).
// A page the browser renders itself waits for the full sheet (usually in before the app), so that it
// never shows unstyled; not for ever: a sheet that failed before this ran sends no event.
const serverRendered = document.getElementById('lockboard-ssr') !== null;
if (!serverRendered) startEarlyRequests(window.location);
const SHEET_WAIT_MS = 3000;
const FIRST_FRAME_WAIT_MS = 500;

const loaded = (sheet: HTMLLinkElement) =>
  sheet.sheet
    ? Promise.resolve()
    : new Promise<void>((resolve) => {
        sheet.addEventListener('load', () => resolve(), { once: true });
        sheet.addEventListener('error', () => resolve(), { once: true });
      });

/**
 * Runs `start` once the first frame is painted (a task after the frame's animation callbacks), or
 * after FIRST_FRAME_WAIT_MS (a hidden page paints no frame). A server-rendered page is on screen
 * from its HTML; compiling the app meanwhile would only hold that frame back (server/gateway/spa.ts
 * withAppFetchedNotCompiled).
 */
function afterFirstFrame(start: () => void) {
  let started = false;
  const once = () => {
    if (started) return;
    started = true;
    start();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, FIRST_FRAME_WAIT_MS);
}

if (serverRendered) afterFirstFrame(() => void import('@/app/start'));
else {
  void Promise.race([Promise.all(sheets.map(loaded)), new Promise((resolve) => setTimeout(resolve, SHEET_WAIT_MS))]).then(
    () => import('@/app/start'),
  );
}
