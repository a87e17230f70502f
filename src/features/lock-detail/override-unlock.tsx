import { type FormEvent, useId, useState } from 'react';
import { useOverrideUnlock } from '@/api/lockdowns';
import type { Lock } from '@/api/locks';
import { Button } from '@/components/button';
import { Dialog, DialogActions, DialogTitle } from '@/components/dialog';
import { WarningIcon } from '@/components/icons';
import { showToast } from '@/lib/toasts';

// As contract/schedules.ts overrideReasonSchema (the contract's schema modules are not for the browser).
const MIN_REASON = 3;
const MAX_OVERRIDE_REASON_LENGTH = 200;

/**
 * Remote control of a lock a lockdown holds: it stays locked; a manager may unlock it all the same,
 * saying why (audited, `override_reason`). The platform's refusal (a 423) is shown as it words it.
 */
export function OverrideUnlock({ lock, name, isManager }: { lock: Lock; name: string; isManager: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <section aria-label="Remote control" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
      <h2 className="mb-2 text-sm font-semibold">Remote control</h2>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        A lockdown holds this door locked: its access grants and schedules are suspended until the lockdown is lifted.
      </p>
      {isManager && lock.online === false && <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">It is offline: it can be unlocked once it is back.</p>}
      {isManager ? (
        <Button className="mt-2" onClick={() => setOpen(true)} disabled={lock.online === false}>
          Unlock during lockdown…
        </Button>
      ) : (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">Your account is read-only: only a manager can unlock a door during a lockdown.</p>
      )}
      {isManager && <OverrideDialog open={open} lockid={lock.lockid} name={name} onClose={() => setOpen(false)} />}
    </section>
  );
}

function OverrideDialog({ open, lockid, name, onClose }: { open: boolean; lockid: string; name: string; onClose: () => void }) {
  return (
    <Dialog open={open} onCancel={onClose}>
      <OverrideForm lockid={lockid} name={name} onClose={onClose} />
    </Dialog>
  );
}

function OverrideForm({ lockid, name, onClose }: { lockid: string; name: string; onClose: () => void }) {
  const reasonId = useId();
  const hintId = useId();
  const [reason, setReason] = useState('');
  const unlock = useOverrideUnlock();
  const tooShort = reason.trim().length < MIN_REASON;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (tooShort || unlock.isPending) return;
    unlock.mutate(
      { lockid, reason },
      {
        onSuccess: () => {
          showToast({ tone: 'success', title: `${name} unlocked during the lockdown` });
          onClose();
        },
      },
    );
  };
  return (
    <form className="p-5" onSubmit={submit}>
      <DialogTitle>Unlock {name} during the lockdown?</DialogTitle>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">The door opens although the lockdown goes on. Your name and reason go into the audit trail.</p>
      <div className="mt-4 flex flex-col gap-1.5 text-sm">
        <label htmlFor={reasonId} className="font-medium">
          Reason
        </label>
        <textarea
          id={reasonId}
          aria-describedby={hintId}
          value={reason}
          maxLength={MAX_OVERRIDE_REASON_LENGTH}
          onChange={(event) => setReason(event.target.value)}
          rows={3}
          required
          className="rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-950"
        />
        <p id={hintId} className="text-slate-600 dark:text-slate-300">
          At least {MIN_REASON} characters, e.g. “Fire brigade access”.
        </p>
      </div>
      {unlock.error && (
        <p role="alert" className="mt-4 flex gap-2 text-sm font-medium text-red-700 dark:text-red-300">
          <WarningIcon className="mt-0.5 shrink-0" />
          {unlock.error.message}
        </p>
      )}
      <DialogActions className="mt-5">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="danger" disabled={tooShort || unlock.isPending}>
          {unlock.isPending ? 'Unlocking…' : 'Unlock'}
        </Button>
      </DialogActions>
    </form>
  );
}
