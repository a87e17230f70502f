import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '@/api/client';
import { Button } from '@/components/button';
import { WarningIcon } from '@/components/icons';
import { MAX_DESCRIPTION, MAX_NAME, fieldOfError } from './group-health';

const field =
  'block min-h-9 w-full rounded-md border-0 bg-white px-3 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none aria-invalid:ring-2 aria-invalid:ring-red-600 dark:bg-slate-950 dark:text-white dark:ring-slate-700 dark:aria-invalid:ring-red-400';

export interface GroupFormValues {
  name: string;
  description: string;
}

/**
 * A group's name and description, to create or edit one. What was typed stays when the platform
 * refuses it; the refusal is shown by the field it is about (a name already taken: 409), or above
 * the buttons when it is about neither.
 */
export function GroupForm({
  initial = { name: '', description: '' },
  submitLabel,
  pendingLabel,
  pending,
  error,
  onSubmit,
  onCancel,
  autoFocus = false,
}: {
  initial?: GroupFormValues;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  /** The platform's refusal of the last submission, if any. */
  error: unknown;
  onSubmit: (values: GroupFormValues) => void;
  onCancel: () => void;
  /** Puts the focus in the name field when the form opens. */
  autoFocus?: boolean;
}) {
  const id = useId();
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [submitted, setSubmitted] = useState<GroupFormValues | null>(null);
  const [nameMissing, setNameMissing] = useState(false);

  // The platform's answer applies while the fields still hold what was sent.
  const unchanged = submitted !== null && submitted.name === name.trim() && submitted.description === description.trim();
  const refusal = error && unchanged ? error : null;
  const parsed = refusal ? fieldOfError(refusal instanceof ApiError ? refusal.message : 'The group could not be saved.') : null;
  const refusedField = parsed ? (parsed.field ?? (refusal instanceof ApiError && refusal.status === 409 ? 'name' : null)) : null;
  const nameError = nameMissing ? 'Enter a name for the group.' : refusedField === 'name' ? parsed?.message : null;
  const descriptionError = refusedField === 'description' ? parsed?.message : null;
  const otherError = parsed && refusedField === null ? parsed.message : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const values = { name: name.trim(), description: description.trim() };
    if (!values.name) {
      setNameMissing(true);
      document.getElementById(`${id}-name`)?.focus();
      return;
    }
    setSubmitted(values);
    onSubmit(values);
  };

  return (
    <form onSubmit={submit} noValidate className="flex max-w-xl flex-col gap-4">
      <div>
        <label htmlFor={`${id}-name`} className="mb-1 block text-sm font-medium">
          Name
        </label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={MAX_NAME}
          required
          autoFocus={autoFocus}
          autoComplete="off"
          aria-invalid={nameError ? true : undefined}
          aria-describedby={`${id}-name-hint${nameError ? ` ${id}-name-error` : ''}`}
          onChange={(event) => {
            setName(event.target.value);
            if (event.target.value.trim()) setNameMissing(false);
          }}
          className={field}
        />
        <p id={`${id}-name-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-300">
          1–{MAX_NAME} characters, unlike any other group’s name. A place (“Cedar Court”) or a kind of door (“Exterior doors”).
        </p>
        {nameError && (
          <p id={`${id}-name-error`} role="alert" className="mt-1 flex gap-1 text-sm font-medium text-red-700 dark:text-red-300">
            <WarningIcon className="mt-0.5 shrink-0" />
            {nameError}
          </p>
        )}
      </div>
      <div>
        <label htmlFor={`${id}-description`} className="mb-1 block text-sm font-medium">
          Description <span className="font-normal text-slate-600 dark:text-slate-300">(optional)</span>
        </label>
        <input
          id={`${id}-description`}
          value={description}
          maxLength={MAX_DESCRIPTION}
          autoComplete="off"
          aria-invalid={descriptionError ? true : undefined}
          aria-describedby={descriptionError ? `${id}-description-error` : undefined}
          onChange={(event) => setDescription(event.target.value)}
          className={field}
        />
        {descriptionError && (
          <p id={`${id}-description-error`} role="alert" className="mt-1 flex gap-1 text-sm font-medium text-red-700 dark:text-red-300">
            <WarningIcon className="mt-0.5 shrink-0" />
            {descriptionError}
          </p>
        )}
      </div>
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
