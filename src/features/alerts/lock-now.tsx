import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { appConfigQuery } from '@/api/app-config';
import { useLockCommand, usePendingLockCommands } from '@/api/lock-commands';
import { sessionQueries } from '@/api/session';
import { Button } from '@/components/button';
import { LockIcon } from '@/components/icons';
import { alertStore, useAlertData } from './alert-store';

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * "Lock now" on a door left unlocked, in its toast and in the alert lists: a manager's lock command
 * (none for support, nor on a platform without commands). It says "Locking…" until the platform
 * answers (wherever it was pressed); then the alert says when it was locked, in every list and tab.
 * While the feed has the lock offline the button says why it cannot reach it.
 */
export function LockNow({ alertId }: { alertId: string }) {
  const user = useQuery(sessionQueries.me()).data?.user;
  const commands = !!useQuery(appConfigQuery).data?.features.lockCommands;
  if (user?.role !== 'manager' || !commands) return null;
  return <LockNowButton alertId={alertId} userid={user.userid} />;
}

function LockNowButton({ alertId, userid }: { alertId: string; userid: number }) {
  const { alerts, watcher } = useAlertData(userid);
  const command = useLockCommand();
  const pending = usePendingLockCommands();
  const noteId = useId();
  const alert = alerts.find((a) => a.id === alertId);
  if (!alert?.lockid) return null;
  if (alert.lockedAt !== undefined) {
    return <p className="text-sm font-medium">Locked at {clock.format(alert.lockedAt)}</p>;
  }
  const { lockid } = alert;
  const name = alert.lockName ?? lockid;
  const offline = !!(watcher?.pendingOffline[lockid] ?? watcher?.shownOffline[lockid]);
  const busy = pending.get(lockid) === 'lock';
  const lock = () => {
    if (busy || offline) return;
    command
      .mutateAsync({ lockid, command: 'lock', lockName: name })
      .then(() => alertStore(userid).update({ updates: [{ ...alert, lockedAt: Date.now() }] }))
      // A failure is the command's own toast, with the platform's reason.
      .catch(() => undefined);
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button size="sm" variant="primary" aria-disabled={busy || offline || undefined} aria-describedby={offline ? noteId : undefined} onClick={lock}>
        {!busy && <LockIcon />}
        {busy ? 'Locking…' : 'Lock now'}
        <span className="sr-only">{` ${name}`}</span>
      </Button>
      {offline && (
        <span id={noteId} className="text-xs">
          Offline: it cannot be reached
        </span>
      )}
    </div>
  );
}
