import { ApiError } from '@/api/client';
import { TextField } from '@/components/form-field';
import { RecordForm } from '@/components/record-form';
import { type RecordFormProps, type Refusal, useRecordForm } from '@/components/use-record-form';
import { type PersonField, fieldOfPersonError } from './people-view';

export interface PersonFormValues {
  name: string;
  email: string;
  phone: string;
  /** With roles (the platform's people lifecycle). */
  department?: string;
  /** Tags separated by commas, as typed. */
  tags?: string;
}

const LIMITS: Record<PersonField, number> = { name: 80, email: 254, phone: 32, department: 80, tags: 340 };

/** "night, contractor ,night" → ["night", "contractor"]. */
export function tagsOf(text: string): string[] {
  return [...new Set(text.split(',').map((tag) => tag.trim()).filter(Boolean))];
}

/** A refusal by the field it names; an email already in use (409) is about the email. */
function readRefusal(error: unknown): Refusal<PersonField> {
  const parsed = fieldOfPersonError(error instanceof ApiError ? error.message : 'The person could not be saved.');
  return { message: parsed.message, field: parsed.field ?? (error instanceof ApiError && error.status === 409 ? 'email' : null) };
}

/**
 * A person's name, email and phone (and, given an initial department, department and tags), to add one or edit one. What was typed stays when the platform
 * refuses it; the refusal (400 naming a field, 409 for an email already in use) is shown by its
 * field, or above the buttons when it names none.
 */
export function PersonForm({ initial = { name: '', email: '', phone: '' }, autoFocus = false, error, onSubmit, ...actions }: RecordFormProps<PersonFormValues>) {
  const withLifecycle = initial.department !== undefined;
  const form = useRecordForm({ initial, error, onSubmit, required: { field: 'name', message: 'Enter the person’s name.' }, readRefusal });
  const input = (key: PersonField, label: string, more: { type: string; hint: string; optional?: boolean }) => (
    <TextField {...form.field(key)} {...more} label={label} maxLength={LIMITS[key]} autoFocus={autoFocus && key === 'name'} autoComplete="off" />
  );
  return (
    <RecordForm {...actions} onSubmit={form.submit} otherError={form.otherError}>
      {input('name', 'Name', { type: 'text', hint: 'As the doors’ history names them, e.g. “Jamal Carter”.' })}
      {input('email', 'Email', { type: 'email', optional: true, hint: 'Unlike anyone else’s.' })}
      {input('phone', 'Phone', { type: 'tel', optional: true, hint: 'Digits, spaces and + - ( ), e.g. +1 555 0100.' })}
      {withLifecycle && input('department', 'Department', { type: 'text', optional: true, hint: 'e.g. “Facilities”; the people list filters by it.' })}
      {withLifecycle && input('tags', 'Tags', { type: 'text', optional: true, hint: 'Separated by commas, e.g. “contractor, first aid” (at most 10).' })}
    </RecordForm>
  );
}
