import type { InputHTMLAttributes, ReactNode } from 'react';
import { Button } from './button';
import { WarningIcon } from './icons';

/** A text input's look, with its invalid state (`aria-invalid`) in red. */
export const inputClass =
  'block min-h-9 w-full rounded-md border-0 bg-white px-3 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none aria-invalid:ring-2 aria-invalid:ring-red-600 dark:bg-slate-950 dark:text-white dark:ring-slate-700 dark:aria-invalid:ring-red-400';

/** What is wrong with one field, under it (referenced by the field's `aria-describedby`). */
export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} role="alert" className="mt-1 flex gap-1 text-sm font-medium text-red-700 dark:text-red-300">
      <WarningIcon className="mt-0.5 shrink-0" />
      {children}
    </p>
  );
}

/** A refusal about no field in particular, above the form's buttons. */
export function FormError({ children }: { children: ReactNode }) {
  return (
    <p role="alert" className="flex gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-500/15 dark:text-red-100">
      <WarningIcon className="mt-0.5 shrink-0" />
      {children}
    </p>
  );
}

/**
 * A labelled text input with an optional hint and error under it, both in its accessible
 * description. `id` is the input's; the hint and error take `<id>-hint` and `<id>-error`.
 */
export function TextField({
  id,
  label,
  optional = false,
  hint,
  error,
  ...input
}: {
  id: string;
  label: string;
  optional?: boolean;
  hint?: ReactNode;
  error?: string | null;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className' | 'required'>) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label} {optional && <span className="font-normal text-slate-600 dark:text-slate-300">(optional)</span>}
      </label>
      <input
        {...input}
        id={id}
        required={!optional}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className={inputClass}
      />
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-300">
          {hint}
        </p>
      )}
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
    </div>
  );
}

/** Submit (saying it is under way while `pending`) and Cancel. */
export function FormActions({
  submitLabel,
  pendingLabel,
  pending,
  onCancel,
}: {
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  onCancel: () => void;
}) {
  return (
    <div className="flex flex-wrap gap-2">
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
      <Button onClick={onCancel}>Cancel</Button>
    </div>
  );
}
