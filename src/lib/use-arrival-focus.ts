import { useCallback, useRef } from 'react';
import { useLocation } from 'react-router';
import { pageScroller } from './page-scroll';

/**
 * A ref for a page's heading (give it `tabIndex={-1}`): arriving at the page from another one in the
 * app (a link, Back), the page starts at its top and the focus goes to the heading, as a new page's
 * would, instead of staying on <body> (or on the scroll position the last page had). Not on the
 * first page of a visit (the browser's own load), and once per arrival.
 */
export function useArrivalFocus<T extends HTMLElement>(): (element: T | null) => void {
  const { key } = useLocation();
  const focusedFor = useRef<string | null>(null);
  return useCallback(
    (element: T | null) => {
      if (!element || key === 'default' || focusedFor.current === key) return;
      focusedFor.current = key;
      pageScroller().scrollTop = 0;
      element.focus({ preventScroll: true });
    },
    [key],
  );
}
