import { useMutation, useMutationState, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { LockCommand } from '@contract/constants';
import { showToast } from '@/lib/toasts';
import { ApiError, request } from './client';
import { eventQueries } from './events';
import { type Lock, lockQueries, parseLock, storeLock } from './locks';

const COMMAND_KEY = ['lock-command'] as const;

export interface LockCommandVariables {
  lockid: string;
  command: LockCommand;
  /** For messages: the name the user saw. */
  lockName: string;
  /** An unlock that relocks by itself after this many seconds (60–3600; `features.timedUnlock`). */
  durationS?: number;
}

async function sendCommand({ lockid, command, durationS }: LockCommandVariables): Promise<{ lock: Lock; msg: string }> {
  const body = await request(`/api/locks/${encodeURIComponent(lockid)}/${command}`, {
    method: 'POST',
    ...(command === 'unlock' && durationS !== undefined ? { body: { duration_s: durationS } } : {}),
  });
  const lock = parseLock(body.lock);
  if (!lock) throw new ApiError(200, 'The platform did not send the lock back.');
  return { lock, msg: typeof body.msg === 'string' ? body.msg : '' };
}

const DONE = { lock: 'locked', unlock: 'unlocked' } as const;

/**
 * Remote lock/unlock. While it is on its way, polls of lock data are cancelled and held (a poll
 * that started before the command cannot flip the state back); on success the lock the platform
 * returns is shown everywhere at once and its history is refreshed; either way a toast says how it
 * went (a failure with the platform's own message).
 */
export function useLockCommand() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: COMMAND_KEY,
    mutationFn: sendCommand,
    onMutate: async () => {
      await queryClient.cancelQueries({ queryKey: lockQueries.all() });
    },
    onSuccess: (result, variables) => {
      storeLock(queryClient, result.lock);
      void queryClient.invalidateQueries({ queryKey: lockQueries.summaries() });
      void queryClient.invalidateQueries({ queryKey: eventQueries.all() });
      const name = result.lock.name ?? result.lock.lockid;
      const title =
        variables.command === 'unlock' && variables.durationS !== undefined
          ? `${name} unlocked: relocks by itself in ${Math.round(variables.durationS / 60)} min`
          : result.msg || `${name} ${DONE[variables.command]}`;
      showToast({ tone: 'success', title });
    },
    onError: (error, variables) => {
      void queryClient.invalidateQueries({ queryKey: lockQueries.all() });
      showToast({ tone: 'error', title: `${variables.lockName} could not be ${DONE[variables.command]}`, body: error.message });
    },
  });
}

/** Locks with a command on its way: lockid → command. */
export function usePendingLockCommands(): ReadonlyMap<string, LockCommand> {
  const pending = useMutationState({
    filters: { mutationKey: COMMAND_KEY, status: 'pending' },
    select: (mutation) => mutation.state.variables as LockCommandVariables | undefined,
  });
  return useMemo(() => new Map(pending.flatMap((v) => (v ? [[v.lockid, v.command] as const] : []))), [pending]);
}

/** While any command is on its way, live views hold their polls. */
export function useCommandInFlight(): boolean {
  return usePendingLockCommands().size > 0;
}
