import { createContext, type ReactNode, useContext, useEffect } from 'react';

const PageHydrated = createContext<(() => void) | null>(null);

/** Hands `onPageHydrated` (start.tsx: the page's "now" ends, the page is marked ready) to the lazy routes below. */
export function PageHydratedProvider({ onPageHydrated, children }: { onPageHydrated: (() => void) | null; children: ReactNode }) {
  return <PageHydrated.Provider value={onPageHydrated}>{children}</PageHydrated.Provider>;
}

/**
 * For a lazy route's module: once its content has hydrated (React hydrates a Suspense boundary
 * after the rest of the page, at a lower priority), later mounts read the real clock. The page's
 * own "now" must last until then, or a "Updated 0 s ago" would hydrate as "1 s ago". `ready`: a page
 * that renders once more after hydrating before it answers input (the sign-in form) says so then.
 */
export function usePageHydrated(ready = true) {
  const hydrated = useContext(PageHydrated);
  useEffect(() => {
    if (ready) hydrated?.();
  }, [hydrated, ready]);
}
