import type { Lock } from '@/api/locks';
import type { LockCommand } from '@contract/constants';
import { type LockCommandName, LockControls } from '@/components/lock-controls';

/** A manager's remote lock and unlock of this lock; a read-only account is told why it has none. */
export function RemoteControl({
  lock,
  name,
  isManager,
  pending,
  timedUnlock,
  onCommand,
}: {
  lock: Lock;
  name: string;
  isManager: boolean;
  pending: LockCommand | null;
  timedUnlock: boolean;
  onCommand: (command: LockCommandName, durationS?: number) => void;
}) {
  return (
    <section aria-label="Remote control" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
      <h2 className="mb-2 text-sm font-semibold">Remote control</h2>
      {isManager ? (
        <LockControls
          variant="full"
          lockName={name}
          open={lock.open}
          online={lock.online}
          pending={pending}
          timedUnlock={timedUnlock}
          onCommand={onCommand}
        />
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-300">Your account is read-only: managers can lock and unlock remotely.</p>
      )}
    </section>
  );
}
