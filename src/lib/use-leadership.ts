import { useEffect, useState } from 'react';

/**
 * Whether this tab leads for `name` among the same user's tabs (Web Locks): exactly one tab holds
 * it at a time, and when that tab closes another takes over. Without Web Locks, every tab leads.
 */
function webLocks(): LockManager | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.locks;
}

export function useLeadership(name: string): boolean {
  const [leader, setLeader] = useState(() => !webLocks());
  useEffect(() => {
    const locks = webLocks();
    if (!locks) return;
    const controller = new AbortController();
    let release: (() => void) | undefined;
    locks
      .request(name, { signal: controller.signal }, () =>
        new Promise<void>((resolve) => {
          release = resolve;
          setLeader(true);
        }),
      )
      .catch(() => undefined); // aborted while waiting: this tab closed or signed out
    return () => {
      controller.abort();
      release?.();
      setLeader(false);
    };
  }, [name]);
  return leader;
}
