import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { appConfigQuery } from '@/api/app-config';
import { useLockCommand, usePendingLockCommands } from '@/api/lock-commands';
import { sessionQueries } from '@/api/session';
import { Button } from '@/components/button';
import { LockIcon } from '@/components/icons';
import { formatWhen } from './severity';

/**
 * "Lock now" on a door left unlocked, in its toast and in the inbox: a manager's lock command (none
 * for support, nor on a platform without commands). It says "Locking…" until the platform answers
 * (wherever it was pressed); a failure is the command's own toast, with the platform's reason. The
 * alert itself resolves on the server once the door reports locked.
 */
export function LockNow({ lockid, lockName }: { lockid: string; lockName: string | null }) {
  const user = useQuery(sessionQueries.me()).data?.user;
  const commands = !!useQuery(appConfigQuery).data?.features.lockCommands;
  if (user?.role !== 'manager' || !commands) return null;
  return <LockNowButton lockid={lockid} name={lockName ?? lockid} />;
}

function LockNowButton({ lockid, name }: { lockid: string; name: string }) {
  const command = useLockCommand();
  const pending = usePendingLockCommands();
  const [lockedAt, setLockedAt] = useState<number | null>(null);
  if (lockedAt !== null) return <p className="text-sm font-medium">Locked at {formatWhen(lockedAt)}</p>;
  const busy = pending.get(lockid) === 'lock';
  const lock = () => {
    if (busy) return;
    command
      .mutateAsync({ lockid, command: 'lock', lockName: name })
      .then(() => setLockedAt(Date.now()))
      .catch(() => undefined);
  };
  return (
    <Button size="sm" variant="primary" aria-disabled={busy || undefined} onClick={lock}>
      {!busy && <LockIcon />}
      {busy ? 'Locking…' : 'Lock now'}
      <span className="sr-only">{` ${name}`}</span>
    </Button>
  );
}
