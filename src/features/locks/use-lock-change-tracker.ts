import { useEffect, useState } from 'react';
import type { LockPage } from '@/api/locks';
import { diffLockPages } from '@/lib/lock-changes';

const HIGHLIGHT_MS = 4000;
const NONE: ReadonlySet<string> = new Set();

/**
 * Remembers the last settled poll of a list; when the next poll of the same list (same `key`)
 * changes a lock's online or lock state, its row is highlighted briefly and the change is put
 * into words for the polite live region.
 */
export function useLockChangeTracker(page: LockPage | undefined, key: string, settled: boolean) {
  const [tracked, setTracked] = useState<{ key: string; page: LockPage } | null>(null);
  const [highlighted, setHighlighted] = useState<ReadonlySet<string>>(NONE);
  const [announcement, setAnnouncement] = useState('');

  // Derived from the data during render (React's "adjust state when a prop changes").
  if (page && settled && tracked?.page !== page) {
    if (tracked && tracked.key === key) {
      const changes = diffLockPages(tracked.page.locks, page.locks);
      if (changes) {
        setHighlighted(new Set(changes.lockids));
        setAnnouncement(changes.message);
      }
    }
    setTracked({ key, page });
  }

  useEffect(() => {
    if (highlighted.size === 0) return;
    const id = window.setTimeout(() => setHighlighted(NONE), HIGHLIGHT_MS);
    return () => window.clearTimeout(id);
  }, [highlighted]);

  return { highlighted, announcement };
}
