import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { Button } from './button';

/**
 * A native modal <dialog>: focus is trapped and Escape cancels. The safe choice (Cancel) has the
 * focus when it opens, so that Enter never does the dangerous thing by accident. When it closes
 * (Cancel, Escape, confirm, or unmounted) the focus goes back to the control that opened it, as
 * WAI-ARIA's dialog pattern asks, unless the user has already put it somewhere else.
 * With `typeToConfirm`, the confirm button works only once that text is typed (ignoring case and
 * spaces at the ends): for what cannot be undone, or reaches many doors.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  options,
  confirmLabel,
  typeToConfirm,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  /** What confirming does (the dialog's description). */
  children?: ReactNode;
  /** Choices to make before confirming (e.g. a radio group), below the description. */
  options?: ReactNode;
  confirmLabel: string;
  /** Text the user must type before confirming, e.g. the group's name. */
  typeToConfirm?: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const typedId = useId();
  const [typed, setTyped] = useState('');
  const matches = !typeToConfirm || typed.trim().toLowerCase() === typeToConfirm.trim().toLowerCase();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    setTyped('');
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal?.();
    cancelRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // Only if the focus is lost (on <body>) or still inside the dialog: never steal it back.
      const active = document.activeElement;
      const lost = active === null || active === document.body || dialog.contains(active);
      if (lost && opener?.isConnected) opener.focus();
    };
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={children ? bodyId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:bg-slate-900 dark:text-slate-100"
    >
      {open && (
        <div className="p-5">
          <h2 id={titleId} className="text-lg font-semibold break-words">
            {title}
          </h2>
          {children && (
            <div id={bodyId} className="mt-2 text-sm text-slate-600 dark:text-slate-300">
              {children}
            </div>
          )}
          {options && <div className="mt-4">{options}</div>}
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
          <div className="mt-5 flex flex-wrap justify-end gap-2">
            <Button ref={cancelRef} onClick={onCancel}>
              Cancel
            </Button>
            <Button variant="danger" disabled={!matches} onClick={onConfirm}>
              {confirmLabel}
            </Button>
          </div>
        </div>
      )}
    </dialog>
  );
}
