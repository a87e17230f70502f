import { useState } from 'react';
import type { Lock } from '@/api/locks';
import { describeChanges } from '@/lib/lock-changes';

/** Puts a live lock's state changes (online, locked) into words for the polite live region. */
export function useLockAnnouncement(lock: Lock | undefined, settled: boolean): string {
  const [previous, setPrevious] = useState<Lock | undefined>(undefined);
  const [message, setMessage] = useState('');
  if (lock && settled && lock !== previous) {
    if (previous && previous.lockid === lock.lockid) {
      const said = describeChanges(previous, lock);
      if (said.length > 0) setMessage(`${said.join('. ')}.`);
    }
    setPrevious(lock);
  }
  return message;
}
