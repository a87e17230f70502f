import { useId, useState } from 'react';
import type { Person } from '@/api/access';
import { type LifecycleAction, useLifecycleChange } from '@/api/people-lifecycle';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { FormError, TextField } from '@/components/form-field';
import { showToast } from '@/lib/toasts';

type Asking = 'suspend' | 'archive' | null;

/** What to send to suspend: the reason (required) and the day they come back by themselves (optional). */
function SuspendFields({ reason, until, missing, onReason, onUntil }: { reason: string; until: string; missing: boolean; onReason: (v: string) => void; onUntil: (v: string) => void }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-3">
      <TextField id={`${id}-reason`} label="Reason" type="text" value={reason} maxLength={200} error={missing ? 'Say why they are suspended.' : null} onChange={(event) => onReason(event.target.value)} />
      <TextField id={`${id}-until`} label="Resume on" optional type="date" value={until} hint="Their access works again by itself from the start of that day." onChange={(event) => onUntil(event.target.value)} />
    </div>
  );
}

/**
 * Suspend (reason, optional resume day: doors refuse them, their grants are kept), Reactivate, and
 * Archive (typed confirmation: it ends every grant and role). The platform's refusals (409) are shown.
 */
export function PersonLifecycleActions({ person }: { person: Person }) {
  const change = useLifecycleChange(person.userid);
  const [asking, setAsking] = useState<Asking>(null);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [missing, setMissing] = useState(false);
  const { status } = person.lifecycle;
  const open = (what: Asking) => {
    change.reset();
    setMissing(false);
    setAsking(what);
  };
  const run = (action: LifecycleAction, done: string) =>
    change.mutate(action, { onSuccess: () => { setAsking(null); showToast({ tone: 'success', title: done }); } });
  const suspend = () => {
    if (!reason.trim()) return setMissing(true);
    run({ action: 'suspend', reason: reason.trim(), until: /^\d{4}-\d{2}-\d{2}$/.test(until) ? `${until} 00:00:00` : null }, `${person.name} suspended`);
  };
  if (status === 'archived') return null;
  return (
    <>
      {status === 'suspended' ? (
        <Button onClick={() => { change.reset(); run({ action: 'reactivate' }, `${person.name} reactivated`); }} disabled={change.isPending}>
          Reactivate
        </Button>
      ) : (
        <Button onClick={() => open('suspend')}>Suspend…</Button>
      )}
      <Button variant="danger" onClick={() => open('archive')}>
        Archive…
      </Button>
      {asking === null && change.isError && <FormError>{change.error.message}</FormError>}
      <ConfirmDialog
        open={asking === 'suspend'}
        title={`Suspend ${person.name}?`}
        confirmLabel={change.isPending ? 'Suspending…' : 'Suspend'}
        onConfirm={suspend}
        onCancel={() => setAsking(null)}
        error={change.isError ? change.error.message : null}
        options={<SuspendFields reason={reason} until={until} missing={missing} onReason={(v) => { setReason(v); setMissing(false); }} onUntil={setUntil} />}
      >
        Every door refuses them until they are reactivated. Their grants and roles are kept.
      </ConfirmDialog>
      <ConfirmDialog
        open={asking === 'archive'}
        title={`Archive ${person.name}?`}
        confirmLabel={change.isPending ? 'Archiving…' : 'Archive'}
        typeToConfirm={person.name}
        onConfirm={() => run({ action: 'archive' }, `${person.name} archived`)}
        onCancel={() => setAsking(null)}
        error={change.isError ? change.error.message : null}
      >
        This ends every grant they hold and takes them out of every role, at once. They leave the people list; their history stays.
      </ConfirmDialog>
    </>
  );
}
