import { type ReactNode, type RefObject, useId, useRef, useState } from 'react';
import { Button } from './button';
import { Dialog, DialogActions, DialogTitle } from './dialog';
import { WarningIcon } from './icons';

interface ConfirmProps {
  title: string;
  /** What confirming does (the dialog's description). */
  children?: ReactNode;
  /** Choices to make before confirming (e.g. a radio group), below the description. */
  options?: ReactNode;
  /** Why the last try failed (e.g. the platform's refusal), below the options. */
  error?: string | null;
  confirmLabel: string;
  /** Text the user must type before confirming, e.g. the group's name. */
  typeToConfirm?: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal dialog (./dialog) that asks before doing something. The safe choice (Cancel) has the
 * focus when it opens, so that Enter never does the dangerous thing by accident.
 * With `typeToConfirm`, the confirm button works only once that text is typed (ignoring case and
 * spaces at the ends): for what cannot be undone, or reaches many doors.
 */
export function ConfirmDialog({ open, ...props }: ConfirmProps & { open: boolean }) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const bodyId = useId();
  return (
    <Dialog open={open} onCancel={props.onCancel} describedBy={props.children ? bodyId : undefined} initialFocus={cancelRef}>
      <ConfirmContent {...props} bodyId={bodyId} cancelRef={cancelRef} />
    </Dialog>
  );
}

/** The open dialog's content: what is typed is forgotten when it closes. */
function ConfirmContent({
  title,
  children,
  options,
  error,
  confirmLabel,
  typeToConfirm,
  onConfirm,
  onCancel,
  bodyId,
  cancelRef,
}: ConfirmProps & { bodyId: string; cancelRef: RefObject<HTMLButtonElement | null> }) {
  const typedId = useId();
  const [typed, setTyped] = useState('');
  const matches = !typeToConfirm || typed.trim().toLowerCase() === typeToConfirm.trim().toLowerCase();
  return (
    <div className="p-5">
      <DialogTitle>{title}</DialogTitle>
      {children && (
        <div id={bodyId} className="mt-2 text-sm text-slate-600 dark:text-slate-300">
          {children}
        </div>
      )}
      {options && <div className="mt-4">{options}</div>}
      {error && (
        <div className="mt-4">
          <p role="alert" className="flex gap-2 text-sm font-medium text-red-700 dark:text-red-300">
            <WarningIcon className="mt-0.5 shrink-0" />
            {error}
          </p>
        </div>
      )}
      {typeToConfirm && (
        <div className="mt-4 flex flex-col gap-1.5 text-sm">
          <label htmlFor={typedId}>
            Type <strong className="font-semibold break-words">{typeToConfirm}</strong> to confirm
          </label>
          <input
            id={typedId}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && matches) onConfirm();
            }}
            autoComplete="off"
            spellCheck={false}
            className="min-h-9 rounded-md border border-slate-300 bg-white px-3 dark:border-slate-600 dark:bg-slate-950"
          />
        </div>
      )}
      <DialogActions className="mt-5">
        <Button ref={cancelRef} onClick={onCancel}>
          Cancel
        </Button>
        <Button variant="danger" disabled={!matches} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </div>
  );
}
