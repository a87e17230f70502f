import { useId } from 'react';
import { type PassAnswer, useCreatePass } from '@/api/passes';
import { FormActions, FormError, TextField } from '@/components/form-field';
import { PassDoorChoice } from './pass-door-choice';
import { PassWindowFields } from './pass-window-fields';
import { type PassField, refusalField, useNewPassForm } from './use-new-pass-form';

/**
 * "New pass": the visitor's name and e-mail (where the code goes), the doors, and when. The answer
 * says where the code was sent, never the code.
 */
export function NewPassForm({ onCreated, onCancel }: { onCreated: (answer: PassAnswer) => void; onCancel: () => void }) {
  const id = useId();
  const create = useCreatePass();
  const form = useNewPassForm((body) => create.mutate(body, { onSuccess: onCreated }));
  const refused = create.isError ? create.error.message : null;
  const refusedField = refused ? refusalField(refused) : null;
  const errorOf = (field: PassField) => form.errors[field] ?? (refusedField === field && refused ? refused : undefined);

  return (
    <form noValidate onSubmit={form.submit} className="flex flex-col gap-4">
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField id={`${id}-name`} label="Visitor’s name" value={form.name} maxLength={80} autoFocus autoComplete="off" error={errorOf('name')} onChange={(e) => form.setName(e.target.value)} />
        <TextField
          id={`${id}-email`}
          label="E-mail"
          type="email"
          value={form.email}
          maxLength={254}
          autoComplete="off"
          hint="The keypad code is sent here; Lockboard never shows it."
          error={errorOf('email')}
          onChange={(e) => form.setEmail(e.target.value)}
        />
      </div>
      <PassDoorChoice doors={form.doors} onChange={form.setDoors} error={errorOf('doors')} />
      <PassWindowFields id={id} window={form.window} onChange={form.setWindow} errors={{ start: errorOf('start'), end: errorOf('end') }} />
      {refused && refusedField === null && <FormError>{refused}</FormError>}
      <FormActions submitLabel="Create pass and send code" pendingLabel="Creating…" pending={create.isPending} onCancel={onCancel} />
    </form>
  );
}
