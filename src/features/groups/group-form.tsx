import { ApiError } from '@/api/client';
import { TextField } from '@/components/form-field';
import { RecordForm } from '@/components/record-form';
import { type RecordFormProps, type Refusal, useRecordForm } from '@/components/use-record-form';
import { MAX_DESCRIPTION, MAX_NAME, fieldOfError } from './group-health';

export interface GroupFormValues {
  name: string;
  description: string;
}

/** A refusal by the field it names; a name already taken (409) is about the name. */
function readRefusal(error: unknown): Refusal<keyof GroupFormValues> {
  const parsed = fieldOfError(error instanceof ApiError ? error.message : 'The group could not be saved.');
  return { message: parsed.message, field: parsed.field ?? (error instanceof ApiError && error.status === 409 ? 'name' : null) };
}

/**
 * A group's name and description, to create or edit one. What was typed stays when the platform
 * refuses it; the refusal is shown by the field it is about (a name already taken: 409), or above
 * the buttons when it is about neither.
 */
export function GroupForm({ initial = { name: '', description: '' }, autoFocus = false, error, onSubmit, ...actions }: RecordFormProps<GroupFormValues>) {
  const form = useRecordForm({ initial, error, onSubmit, required: { field: 'name', message: 'Enter a name for the group.' }, readRefusal });
  return (
    <RecordForm {...actions} onSubmit={form.submit} otherError={form.otherError}>
      <TextField
        {...form.field('name')}
        label="Name"
        maxLength={MAX_NAME}
        autoFocus={autoFocus}
        autoComplete="off"
        hint={`1–${MAX_NAME} characters, unlike any other group’s name. A place (“Cedar Court”) or a kind of door (“Exterior doors”).`}
      />
      <TextField {...form.field('description')} label="Description" optional maxLength={MAX_DESCRIPTION} autoComplete="off" />
    </RecordForm>
  );
}
