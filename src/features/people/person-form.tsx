import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '@/api/client';
import { FormActions, FormError, TextField } from '@/components/form-field';
import { type PersonField, fieldOfPersonError } from './people-view';

export interface PersonFormValues {
  name: string;
  email: string;
  phone: string;
}

const LIMITS: Record<PersonField, number> = { name: 80, email: 254, phone: 32 };
const same = (a: PersonFormValues, b: PersonFormValues) => a.name === b.name && a.email === b.email && a.phone === b.phone;
const trimmed = (v: PersonFormValues): PersonFormValues => ({ name: v.name.trim(), email: v.email.trim(), phone: v.phone.trim() });

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

  const input = (key: PersonField, label: string, props: { type: string; hint: string; optional?: boolean }) => (
    <TextField
      id={`${id}-${key}`}
      label={label}
      type={props.type}
      optional={props.optional}
      hint={props.hint}
      error={errors[key]}
      value={values[key]}
      maxLength={LIMITS[key]}
      autoFocus={autoFocus && key === 'name'}
      autoComplete="off"
      onChange={(event) => {
        setValues({ ...values, [key]: event.target.value });
        if (key === 'name' && event.target.value.trim()) setNameMissing(false);
      }}
    />
  );

  return (
    <form onSubmit={submit} noValidate className="flex max-w-xl flex-col gap-4">
      {input('name', 'Name', { type: 'text', hint: 'As the doors’ history names them, e.g. “Jamal Carter”.' })}
      {input('email', 'Email', { type: 'email', optional: true, hint: 'Unlike anyone else’s.' })}
      {input('phone', 'Phone', { type: 'tel', optional: true, hint: 'Digits, spaces and + - ( ), e.g. +1 555 0100.' })}
      {otherError && <FormError>{otherError}</FormError>}
      <FormActions submitLabel={submitLabel} pendingLabel={pendingLabel} pending={pending} onCancel={onCancel} />
    </form>
  );
}
