import type { InputHTMLAttributes } from 'react';
import { FieldError, inputClass } from '@/components/form-field';
import { describedBy } from './grant-dialog-styles';

/** An input of the grant access dialog with its label above and its error (`<id>-error`) under it. */
export function LabelledInput({
  id,
  label,
  error,
  ...input
}: { id: string; label: string; error: string | null | undefined } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'>) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm">
        {label}
      </label>
      <input {...input} id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error)} className={inputClass} />
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
    </div>
  );
}
