import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { LockGroupRef } from '@/api/locks';
import { Button } from '@/components/button';
import { plural } from '@/lib/format';
import { selectClass } from './group-filter';

const NEW = 'new';
const inputClass =
  'min-h-9 rounded-md border border-slate-300 bg-white px-3 text-sm dark:border-slate-600 dark:bg-slate-950';

/**
 * "Add to group" / "Remove from group" for the selection: a native modal <dialog> (focus trapped,
 * Escape cancels, the focus goes back to the opener). Adding may name a new group. What the user
 * chose and typed stays when the platform refuses, with its reason.
 */
export function GroupDialog({
  mode,
  count,
  groups,
  initial,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  /** null: closed. */
  mode: 'add' | 'remove' | null;
  /** How many locks are selected. */
  count: number;
  /** The groups to choose from. */
  groups: readonly LockGroupRef[];
  /** The group chosen at first (the list's group filter), if any. */
  initial: number | null;
  busy: boolean;
  /** The platform's reason, when it refused. */
  error: string | null;
  onSubmit: (choice: { groupid: number } | { newName: string }) => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const titleId = useId();
  const selectId = useId();
  const nameId = useId();
  const errorId = useId();
  const [choice, setChoice] = useState('');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const open = mode !== null;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const start = initial !== null && groups.some((g) => g.groupid === initial) ? String(initial) : groups[0] ? String(groups[0].groupid) : mode === 'add' ? NEW : '';
    setChoice(start);
    setName('');
    setProblem(null);
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal?.();
    selectRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      const active = document.activeElement;
      const lost = active === null || active === document.body || dialog.contains(active);
      if (lost && opener?.isConnected) opener.focus();
    };
    // Only when it opens: the groups may refresh while it is open without resetting the choice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, mode]);

  const adding = mode === 'add';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (choice === NEW) {
      const trimmed = name.trim();
      if (trimmed === '') return setProblem('Name the new group.');
      if (trimmed.length > 80) return setProblem('A group name is at most 80 characters.');
      setProblem(null);
      onSubmit({ newName: trimmed });
    } else if (choice !== '') {
      setProblem(null);
      onSubmit({ groupid: Number(choice) });
    }
  };
  const message = problem ?? error;
  const verb = adding ? 'Add' : 'Remove';

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:bg-slate-900 dark:text-slate-100"
    >
      {open && (
        <form className="flex flex-col gap-4 p-5" onSubmit={submit} noValidate>
          <h2 id={titleId} className="text-lg font-semibold break-words">
            {verb} {plural(count, 'lock')} {adding ? 'to a group' : 'from a group'}
          </h2>
          {groups.length === 0 && !adding ? (
            <p className="text-sm text-slate-600 dark:text-slate-300">The selected locks are in no group.</p>
          ) : (
            <div className="flex flex-col gap-1.5 text-sm">
              <label htmlFor={selectId}>Group</label>
              <select
                ref={selectRef}
                id={selectId}
                className={selectClass}
                value={choice}
                onChange={(event) => setChoice(event.target.value)}
                aria-describedby={message ? errorId : undefined}
              >
                {groups.map((group) => (
                  <option key={group.groupid} value={group.groupid}>
                    {group.name}
                  </option>
                ))}
                {adding && <option value={NEW}>New group…</option>}
              </select>
            </div>
          )}
          {choice === NEW && (
            <div className="flex flex-col gap-1.5 text-sm">
              <label htmlFor={nameId}>New group name</label>
              <input
                id={nameId}
                value={name}
                onChange={(event) => setName(event.target.value)}
                maxLength={80}
                autoComplete="off"
                aria-invalid={problem !== null || undefined}
                aria-describedby={message ? errorId : undefined}
                className={inputClass}
              />
            </div>
          )}
          {message && (
            <p id={errorId} role="alert" className="text-sm font-medium text-red-700 dark:text-red-300">
              {message}
            </p>
          )}
          <div className="flex flex-wrap justify-end gap-2">
            <Button onClick={onCancel}>Cancel</Button>
            <Button type="submit" variant="primary" aria-disabled={busy || choice === '' || undefined}>
              {busy ? (adding ? 'Adding…' : 'Removing…') : `${verb} ${plural(count, 'lock')}`}
            </Button>
          </div>
        </form>
      )}
    </dialog>
  );
}
