import { useId, useState } from 'react';
import { type Person, useCreatePerson } from '@/api/access';
import { ApiError } from '@/api/client';
import { Button } from '@/components/button';
import { FieldError } from '@/components/form-field';
import { LabelledInput } from './labelled-input';

type QuickAddField = 'name' | 'email' | 'phone';

const FIELDS: readonly { name: QuickAddField; label: string; type: string; autoComplete: string }[] = [
  { name: 'name', label: 'Name', type: 'text', autoComplete: 'off' },
  { name: 'email', label: 'Email (optional)', type: 'email', autoComplete: 'email' },
  { name: 'phone', label: 'Phone (optional)', type: 'tel', autoComplete: 'tel' },
];

/** The platform's refusal ("email: must look like…") as the field it names and its message. */
function fieldOfRefusal(refused: string | null): { field: QuickAddField | null; message: string | null } {
  const match = refused ? /^(username|email|phone):\s*(.+)$/s.exec(refused) : null;
  if (!match) return { field: null, message: refused };
  return { field: match[1] === 'username' ? 'name' : (match[1] as QuickAddField), message: (match[2] ?? '').replace(/^./, (c) => c.toUpperCase()) };
}

/**
 * In the grant access dialog, instead of the search: add a person with a name and, optionally, an
 * email and a phone. Enter in a field adds; the platform's refusal shows by the field it names, and
 * what was typed stays.
 */
export function PersonQuickAdd({ initialName, onAdded, onCancel }: { initialName: string; onAdded: (person: Person) => void; onCancel: () => void }) {
  const id = useId();
  const [values, setValues] = useState({ name: initialName, email: '', phone: '' });
  const [sent, setSent] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const create = useCreatePerson();
  const refused = create.error && sent === JSON.stringify(values) ? (create.error instanceof ApiError ? create.error.message : 'The person could not be added.') : null;
  const { field, message } = fieldOfRefusal(refused);
  const errorFor = (name: QuickAddField) => (name === 'name' && missing ? 'Enter the person’s name.' : field === name ? message : null);

  const add = () => {
    if (create.isPending) return;
    if (!values.name.trim()) {
      setMissing(true);
      document.getElementById(`${id}-name`)?.focus();
      return;
    }
    setSent(JSON.stringify(values));
    create.mutate({ name: values.name.trim(), email: values.email.trim() || null, phone: values.phone.trim() || null }, { onSuccess: onAdded });
  };

  return (
    <div className="mt-2 flex flex-col gap-2 rounded-md p-3 ring-1 ring-slate-200 dark:ring-slate-700">
      {FIELDS.map(({ name, label, type, autoComplete }) => (
        <LabelledInput
          key={name}
          id={`${id}-${name}`}
          label={label}
          type={type}
          value={values[name]}
          autoFocus={name === 'name'}
          autoComplete={autoComplete}
          error={errorFor(name)}
          onChange={(event) => {
            setValues({ ...values, [name]: event.target.value });
            if (name === 'name') setMissing(false);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
      ))}
      {refused && !field && <FieldError id={`${id}-error`}>{refused}</FieldError>}
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="primary" disabled={create.isPending} onClick={add}>
          {create.isPending ? 'Adding…' : 'Add person'}
        </Button>
        <Button size="sm" onClick={onCancel}>
          Back to search
        </Button>
      </div>
    </div>
  );
}
