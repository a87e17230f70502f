import { useEffect, useId, useRef, useState } from 'react';
import { alertOfConflict, type InboxAlert, useAckAlert } from '@/api/team-alerts';
import { Button } from '@/components/button';
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
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const noteId = useId();
  const [note, setNote] = useState('');
  const ack = useAckAlert();

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal?.();
    return () => {
      if (dialog?.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const submit = () => ack.mutate({ alertid: alert.alertid, note }, { onSuccess: onClose });
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:bg-slate-900 dark:text-slate-100"
    >
      <form
        className="p-5"
        onSubmit={(event) => {
          event.preventDefault();
          if (!ack.isPending) submit();
        }}
      >
        <h2 id={titleId} className="text-lg font-semibold break-words">
          Acknowledge: {alert.title}
        </h2>
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
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <Button onClick={onClose}>{alertOfConflict(ack.error) ? 'Close' : 'Cancel'}</Button>
          {!alertOfConflict(ack.error) && (
            <Button type="submit" variant="primary" aria-disabled={ack.isPending || undefined}>
              {ack.isPending ? 'Acknowledging…' : 'Acknowledge'}
            </Button>
          )}
        </div>
      </form>
    </dialog>
  );
}
