/**
 * Where the page scrolls: the app's frame while toasts are docked below it (toaster.tsx), else the
 * document. For code that keeps or restores a scroll position.
 */
export function pageScroller(): Element {
  const frame = document.documentElement.hasAttribute('data-toast-dock') ? document.querySelector('.app-frame') : null;
  return frame ?? document.scrollingElement ?? document.documentElement;
}
