import { useEffect, useLayoutEffect, useRef } from 'react';
import { useLocation, useNavigationType } from 'react-router';
import { pageScroller } from '@/lib/page-scroll';

/**
 * Coming back to the lock list from a lock's page (the browser's Back, or the page's "Locks" link,
 * whose navigation state says `returnToList`), the list is where it was left: scrolled as it was,
 * with the focus on the link of the lock that was opened. React Router's ScrollRestoration needs a
 * data router (this app's router is declarative), so the list keeps its own: the scroll position of
 * each visit (history entry), kept as it scrolls and frozen when a link takes the user away.
 */
interface Left {
  search: string;
  y: number;
  /** The lock whose link was followed, if it was a row's. */
  lockid: string | null;
}

const byEntry = new Map<string, Left>();
/** The last visit left by a link: where the "Locks" link of a lock's page comes back to. */
let lastLeft: Left | null = null;

/** Whether this arrival comes back to a visit of the list; what it left, then. */
function returning(key: string, search: string, pop: boolean, state: unknown): Left | null {
  if (pop) return byEntry.get(key) ?? null;
  const back = typeof state === 'object' && state !== null && (state as { returnToList?: unknown }).returnToList === true;
  return back && lastLeft?.search === search ? lastLeft : null;
}

/** `ready`: the rows of the page are on screen (the settled answer, or the one in the cache). */
export function useListReturn(ready: boolean) {
  const { key, search, state } = useLocation();
  const pop = useNavigationType() === 'POP';
  const restored = useRef<string | null>(null);

  // Kept as it scrolls, until a link is followed (then the page going away must not change it).
  useEffect(() => {
    let frozen = false;
    const keep = () => {
      if (!frozen && restored.current === key) byEntry.set(key, { search, y: pageScroller().scrollTop, lockid: null });
    };
    const onClick = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!link || event.defaultPrevented) return;
      const lockid = link.closest('table[aria-label="Locks"] tr[data-lockid]')?.getAttribute('data-lockid') ?? null;
      const left = { search, y: pageScroller().scrollTop, lockid: link.closest('th') ? lockid : null };
      byEntry.set(key, left);
      lastLeft = left;
      frozen = true;
    };
    document.addEventListener('scroll', keep, { capture: true, passive: true });
    document.addEventListener('click', onClick, { capture: true });
    return () => {
      document.removeEventListener('scroll', keep, { capture: true });
      document.removeEventListener('click', onClick, { capture: true });
    };
  }, [key, search]);

  // Once the rows are there: the scroll position, then the focus, before the browser paints.
  useLayoutEffect(() => {
    if (!ready || restored.current === key) return;
    restored.current = key;
    const left = returning(key, search, pop, state);
    if (!left) return;
    pageScroller().scrollTop = left.y;
    if (left.lockid === null) return;
    const row = document.querySelector(`table[aria-label="Locks"] tr[data-lockid="${CSS.escape(left.lockid)}"] th a`);
    if (row instanceof HTMLElement) row.focus({ preventScroll: true });
  }, [ready, key, search, pop, state]);
}
