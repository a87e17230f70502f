import { createContext, type ReactNode, type RefObject, useContext, useEffect, useId, useRef } from 'react';
import { cn } from './cn';

/** The id of the open dialog's title, which names the dialog (`aria-labelledby`). */
const DialogTitleId = createContext<string | undefined>(undefined);

/**
 * Opens `dialog` as a modal while `open`; when it closes (or unmounts) the focus goes back to the
 * control that opened it, as WAI-ARIA's dialog pattern asks, unless the user has already put it
 * somewhere else.
 */
function useModal(ref: RefObject<HTMLDialogElement | null>, open: boolean, initialFocus: RefObject<HTMLElement | null> | undefined) {
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal?.();
    initialFocus?.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // Only if the focus is lost (on <body>) or still inside the dialog: never steal it back.
      const active = document.activeElement;
      const lost = active === null || active === document.body || dialog.contains(active);
      if (lost && opener?.isConnected) opener.focus();
    };
  }, [ref, open, initialFocus]);
}

/**
 * A native modal <dialog>: focus is trapped and Escape cancels (`onCancel`; it stays open until
 * `open` turns false). Its content is rendered only while it is open, so what the content holds
 * starts afresh each time. Name it with a `DialogTitle` inside; end it with `DialogActions`.
 */
export function Dialog({
  open,
  onCancel,
  describedBy,
  initialFocus,
  children,
}: {
  open: boolean;
  /** Escape was pressed. */
  onCancel: () => void;
  /** The id of the dialog's description, if any. */
  describedBy?: string;
  /** What has the focus when it opens; else the browser's choice (an `autoFocus` control, or the first one). */
  initialFocus?: RefObject<HTMLElement | null>;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useModal(ref, open, initialFocus);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:bg-slate-900 dark:text-slate-100"
    >
      <DialogTitleId value={titleId}>{open && children}</DialogTitleId>
    </dialog>
  );
}

/** The dialog's title (a level-2 heading), which names it. */
export function DialogTitle({ children }: { children: ReactNode }) {
  return (
    <h2 id={useContext(DialogTitleId)} className="text-lg font-semibold break-words">
      {children}
    </h2>
  );
}

/** The row of buttons at the end of a dialog, the main one last. */
export function DialogActions({ className, children }: { className?: string; children: ReactNode }) {
  return <div className={cn('flex flex-wrap justify-end gap-2', className)}>{children}</div>;
}
