import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '@/api/client';
import { FormActions, FormError, TextField } from '@/components/form-field';
import { MAX_DESCRIPTION, MAX_NAME, fieldOfError } from './group-health';

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
      <TextField
        id={`${id}-name`}
        label="Name"
        value={name}
        maxLength={MAX_NAME}
        autoFocus={autoFocus}
        autoComplete="off"
        hint={`1–${MAX_NAME} characters, unlike any other group’s name. A place (“Cedar Court”) or a kind of door (“Exterior doors”).`}
        error={nameError}
        onChange={(event) => {
          setName(event.target.value);
          if (event.target.value.trim()) setNameMissing(false);
        }}
      />
      <TextField
        id={`${id}-description`}
        label="Description"
        optional
        value={description}
        maxLength={MAX_DESCRIPTION}
        autoComplete="off"
        error={descriptionError}
        onChange={(event) => setDescription(event.target.value)}
      />
      {otherError && <FormError>{otherError}</FormError>}
      <FormActions submitLabel={submitLabel} pendingLabel={pendingLabel} pending={pending} onCancel={onCancel} />
    </form>
  );
}
