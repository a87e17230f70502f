import { type FormEvent, useId, useState } from 'react';
import type { RoleGrant, RoleInput } from '@/api/roles';
import { Button } from '@/components/button';
import { TextField } from '@/components/form-field';
import { RecordForm } from '@/components/record-form';
import { muted } from '@/components/page-styles';
import { RoleGrantAdder } from './role-grant-adder';
import { describeRoleGrant } from './role-text';

export const MAX_ROLE_NAME = 80;

export interface RoleFormProps {
  initial?: RoleInput;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  /** The platform's refusal of the last try (400 naming a field, 409 for a name taken). */
  error: string | null;
  onSubmit: (input: RoleInput) => void;
  onCancel: () => void;
}

/** The doors of the role being edited, each with a button that takes it out. */
function TemplateList({ grants, onRemove }: { grants: RoleGrant[]; onRemove: (index: number) => void }) {
  if (grants.length === 0) return <p className={`text-sm ${muted}`}>No doors yet: members get no access from this role.</p>;
  return (
    <ul aria-label="Doors of this role" className="flex flex-col gap-1">
      {grants.map((grant, index) => (
        <li key={`${index}-${describeRoleGrant(grant)}`} className="flex flex-wrap items-center justify-between gap-2 text-sm">
          <span className="break-words">{describeRoleGrant(grant)}</span>
          <Button size="sm" variant="ghost" onClick={() => onRemove(index)} aria-label={`Remove ${describeRoleGrant(grant)}`}>
            Remove
          </Button>
        </li>
      ))}
    </ul>
  );
}

/**
 * A role: its name and its doors (each a lock or group, a method, and optional days and hours). What
 * was chosen stays when the platform refuses it; the refusal shows by the name when it is about the
 * name, else above the buttons.
 */
export function RoleForm({ initial = { name: '', grants: [] }, error, onSubmit, ...actions }: RoleFormProps) {
  const id = useId();
  const [name, setName] = useState(initial.name);
  const [grants, setGrants] = useState(initial.grants);
  const [missingName, setMissingName] = useState(false);
  // The platform names the field first ("name: there is already a role 'Night shift'").
  const aboutName = error !== null && /^name:/i.test(error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setMissingName(true);
      document.getElementById(`${id}-name`)?.focus();
      return;
    }
    onSubmit({ name: name.trim(), grants });
  };
  return (
    <RecordForm {...actions} onSubmit={submit} otherError={error && !aboutName ? error : null}>
      <TextField
        id={`${id}-name`}
        label="Name"
        type="text"
        value={name}
        maxLength={MAX_ROLE_NAME}
        autoComplete="off"
        hint="What the people in it have in common, e.g. “Night shift”."
        error={missingName ? 'Enter the role’s name.' : aboutName ? error.replace(/^name:\s*/i, '') : null}
        onChange={(event) => {
          setName(event.target.value);
          setMissingName(false);
        }}
      />
      <div className="flex flex-col gap-2">
        <h3 className="text-sm font-medium">Doors</h3>
        <TemplateList grants={grants} onRemove={(index) => setGrants(grants.filter((_, i) => i !== index))} />
      </div>
      <RoleGrantAdder onAdd={(grant) => setGrants([...grants, grant])} />
    </RecordForm>
  );
}
