import { type ChangeEvent, type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { type NewToast, showToast } from '@/lib/toasts';

/** What a form that creates or edits one record is given by its page. */
export interface RecordFormProps<V> {
  initial?: V;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  /** The platform's refusal of the last submission, if any. */
  error: unknown;
  onSubmit: (values: V) => void;
  onCancel: () => void;
  /** Puts the focus in the first field when the form opens. */
  autoFocus?: boolean;
}

/** A refusal read: the field it is about (null: about none) and what to say. */
export interface Refusal<K> {
  field: K | null;
  message: string;
}

/** Values of text fields, by field name. */
type TextValues<V> = { [K in keyof V]: string };

const trimmed = <V extends TextValues<V>>(values: V): V =>
  Object.fromEntries(Object.entries<string>(values).map(([key, value]) => [key, value.trim()])) as V;
const same = <V extends TextValues<V>>(a: V, b: V) => (Object.keys(a) as (keyof V)[]).every((key) => a[key] === b[key]);

/**
 * The state of a form of text fields, one of them required. What was typed stays when the platform
 * refuses it; the refusal (read by `readRefusal`) applies while the fields still hold what was sent,
 * and is shown by the field it is about, or above the buttons (`otherError`) when it names none.
 * `field(key)` gives a TextField its id (`<form id>-<key>`), value, error and change handler.
 */
export function useRecordForm<V extends TextValues<V>>({
  initial,
  error,
  onSubmit,
  required,
  readRefusal,
}: {
  initial: V;
  error: unknown;
  onSubmit: (values: V) => void;
  /** The field that must not be empty, and what to say when it is. */
  required: { field: keyof V & string; message: string };
  readRefusal: (error: unknown) => Refusal<keyof V>;
}) {
  const id = useId();
  const [values, setValues] = useState(initial);
  const [submitted, setSubmitted] = useState<V | null>(null);
  const [missing, setMissing] = useState(false);

  const refusal = error && submitted !== null && same(submitted, trimmed(values)) ? readRefusal(error) : null;
  const errorOf = (key: keyof V): string | null => {
    if (key === required.field && missing) return required.message;
    return refusal?.field === key ? refusal.message : null;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const sent = trimmed(values);
    if (!sent[required.field]) {
      setMissing(true);
      document.getElementById(`${id}-${required.field}`)?.focus();
      return;
    }
    setSubmitted(sent);
    onSubmit(sent);
  };

  const field = (key: keyof V & string) => ({
    id: `${id}-${key}`,
    value: values[key],
    error: errorOf(key),
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      setValues({ ...values, [key]: event.target.value });
      if (key === required.field && event.target.value.trim()) setMissing(false);
    },
  });

  return { field, submit, otherError: refusal && refusal.field === null ? refusal.message : null };
}

/** A record form's props that come from its mutation: focused on opening, pending and refused as the mutation is. */
export function mutationFormProps(mutation: { isPending: boolean; error: unknown }, onCancel: () => void) {
  return { autoFocus: true, pending: mutation.isPending, error: mutation.error, onCancel };
}

/** After a record is created: says so (`toast`) and opens the new record's page (`path`). */
export function useOpenCreated() {
  const navigate = useNavigate();
  return (path: string, toast: NewToast) => {
    showToast(toast);
    void navigate(path);
  };
}
