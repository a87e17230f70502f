import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '@/api/client';
import { Button } from '@/components/button';
import { WarningIcon } from '@/components/icons';
import { type PersonField, fieldOfPersonError } from './people-view';

const field =
  'block min-h-9 w-full rounded-md border-0 bg-white px-3 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none aria-invalid:ring-2 aria-invalid:ring-red-600 dark:bg-slate-950 dark:text-white dark:ring-slate-700 dark:aria-invalid:ring-red-400';

export interface PersonFormValues {
  name: string;
  email: string;
  phone: string;
}

const LIMITS: Record<PersonField, number> = { name: 80, email: 254, phone: 32 };
const same = (a: PersonFormValues, b: PersonFormValues) => a.name === b.name && a.email === b.email && a.phone === b.phone;
const trimmed = (v: PersonFormValues): PersonFormValues => ({ name: v.name.trim(), email: v.email.trim(), phone: v.phone.trim() });

function FieldError({ id, children }: { id: string; children: string }) {
  return (
    <p id={id} role="alert" className="mt-1 flex gap-1 text-sm font-medium text-red-700 dark:text-red-300">
      <WarningIcon className="mt-0.5 shrink-0" />
      {children}
    </p>
  );
}

/**
 * A person's name, email and phone, to add one or edit one. What was typed stays when the platform
 * refuses it; the refusal (400 naming a field, 409 for an email already in use) is shown by its
 * field, or above the buttons when it names none.
 */
export function PersonForm({
  initial = { name: '', email: '', phone: '' },
  submitLabel,
  pendingLabel,
  pending,
  error,
  onSubmit,
  onCancel,
  autoFocus = false,
}: {
  initial?: PersonFormValues;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  /** The platform's refusal of the last submission, if any. */
  error: unknown;
  onSubmit: (values: PersonFormValues) => void;
  onCancel: () => void;
  autoFocus?: boolean;
}) {
  const id = useId();
  const [values, setValues] = useState(initial);
  const [submitted, setSubmitted] = useState<PersonFormValues | null>(null);
  const [nameMissing, setNameMissing] = useState(false);

  // The platform's answer applies while the fields still hold what was sent.
  const refusal = error && submitted !== null && same(submitted, trimmed(values)) ? error : null;
  const parsed = refusal ? fieldOfPersonError(refusal instanceof ApiError ? refusal.message : 'The person could not be saved.') : null;
  const refusedField = parsed ? (parsed.field ?? (refusal instanceof ApiError && refusal.status === 409 ? 'email' : null)) : null;
  const errors: Record<PersonField, string | null> = {
    name: nameMissing ? 'Enter the person’s name.' : refusedField === 'name' ? (parsed?.message ?? null) : null,
    email: refusedField === 'email' ? (parsed?.message ?? null) : null,
    phone: refusedField === 'phone' ? (parsed?.message ?? null) : null,
  };
  const otherError = parsed && refusedField === null ? parsed.message : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const sent = trimmed(values);
    if (!sent.name) {
      setNameMissing(true);
      document.getElementById(`${id}-name`)?.focus();
      return;
    }
    setSubmitted(sent);
    onSubmit(sent);
  };

  const input = (key: PersonField, label: string, props: { type: string; autoComplete: string; hint?: string; optional?: boolean }) => {
    const error = errors[key];
    const describedBy = [props.hint ? `${id}-${key}-hint` : null, error ? `${id}-${key}-error` : null].filter(Boolean).join(' ');
    return (
      <div>
        <label htmlFor={`${id}-${key}`} className="mb-1 block text-sm font-medium">
          {label} {props.optional && <span className="font-normal text-slate-600 dark:text-slate-300">(optional)</span>}
        </label>
        <input
          id={`${id}-${key}`}
          type={props.type}
          value={values[key]}
          maxLength={LIMITS[key]}
          required={!props.optional}
          autoFocus={autoFocus && key === 'name'}
          autoComplete={props.autoComplete}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(event) => {
            setValues({ ...values, [key]: event.target.value });
            if (key === 'name' && event.target.value.trim()) setNameMissing(false);
          }}
          className={field}
        />
        {props.hint && (
          <p id={`${id}-${key}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-300">
            {props.hint}
          </p>
        )}
        {error && <FieldError id={`${id}-${key}-error`}>{error}</FieldError>}
      </div>
    );
  };

  return (
    <form onSubmit={submit} noValidate className="flex max-w-xl flex-col gap-4">
      {input('name', 'Name', { type: 'text', autoComplete: 'off', hint: 'As the doors’ history names them, e.g. “Jamal Carter”.' })}
      {input('email', 'Email', { type: 'email', autoComplete: 'off', optional: true, hint: 'Unlike anyone else’s.' })}
      {input('phone', 'Phone', { type: 'tel', autoComplete: 'off', optional: true, hint: 'Digits, spaces and + - ( ), e.g. +1 555 0100.' })}
      {otherError && (
        <p role="alert" className="flex gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-500/15 dark:text-red-100">
          <WarningIcon className="mt-0.5 shrink-0" />
          {otherError}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
