import { type RefObject, useLayoutEffect } from 'react';

/**
 * While toasts show, they are docked: a band along the bottom of the window that the page never
 * scrolls under. The app's frame (`.app-frame`, layout.tsx) becomes the page's scroller and ends
 * where the band begins (index.css, `html[data-toast-dock]`), so no toast can cover a control, the
 * bulk bar (sticky to the frame's bottom) included, at any width or scroll position. The page's
 * scroll position goes along when the dock comes and goes, before the browser paints.
 */
export function useToastDock(region: RefObject<HTMLElement | null>, docked: boolean) {
  useLayoutEffect(() => {
    const band = region.current;
    const frame = band?.closest('.app-frame');
    if (!docked || !band || !frame) return;
    const root = document.documentElement;
    const page = document.scrollingElement ?? root;
    const size = () => root.style.setProperty('--toast-dock', `${band.offsetHeight}px`);
    const top = page.scrollTop;
    size();
    root.setAttribute('data-toast-dock', '');
    frame.scrollTop = top;
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(size);
    observer?.observe(band);
    return () => {
      const kept = frame.scrollTop;
      observer?.disconnect();
      root.removeAttribute('data-toast-dock');
      root.style.removeProperty('--toast-dock');
      page.scrollTop = kept;
    };
  }, [region, docked]);
}
