import { useId, useState } from 'react';
import { alertOfConflict, type InboxAlert, useAckAlert } from '@/api/team-alerts';
import { Button } from '@/components/button';
import { Dialog, DialogActions, DialogTitle } from '@/components/dialog';
import { formatWhen } from './severity';

function failureText(error: unknown): string {
  const theirs = alertOfConflict(error);
  if (theirs?.ackedBy) {
    const when = theirs.ackedAt === null ? '' : ` at ${formatWhen(theirs.ackedAt)}`;
    return `${theirs.ackedBy.name} acknowledged it first${when}${theirs.ackNote ? ` — ${theirs.ackNote}` : ''}.`;
  }
  return error instanceof Error ? error.message : 'It could not be acknowledged.';
}

/** "Acknowledge" (managers): a native modal dialog with an optional note; Escape or Cancel closes it. */
export function AckDialog({ alert, onClose }: { alert: InboxAlert; onClose: () => void }) {
  const noteId = useId();
  const [note, setNote] = useState('');
  const ack = useAckAlert();
  const submit = () => ack.mutate({ alertid: alert.alertid, note }, { onSuccess: onClose });
  return (
    <Dialog open onCancel={onClose}>
      <form
        className="p-5"
        onSubmit={(event) => {
          event.preventDefault();
          if (!ack.isPending) submit();
        }}
      >
        <DialogTitle>Acknowledge: {alert.title}</DialogTitle>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">Every manager sees who acknowledged it and when; escalation and repeats stop.</p>
        <label htmlFor={noteId} className="mt-4 block text-sm font-medium">
          Note (optional)
        </label>
        <textarea
          id={noteId}
          value={note}
          maxLength={500}
          rows={3}
          onChange={(event) => setNote(event.target.value)}
          className="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:border-slate-600 dark:bg-slate-950"
        />
        {ack.isError && (
          <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
            {failureText(ack.error)}
          </p>
        )}
        <DialogActions className="mt-5">
          <Button onClick={onClose}>{alertOfConflict(ack.error) ? 'Close' : 'Cancel'}</Button>
          {!alertOfConflict(ack.error) && (
            <Button type="submit" variant="primary" aria-disabled={ack.isPending || undefined}>
              {ack.isPending ? 'Acknowledging…' : 'Acknowledge'}
            </Button>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
