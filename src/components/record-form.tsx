import type { FormEvent, ReactNode } from 'react';
import { FormActions, FormError } from './form-field';

/** A form's fields, a refusal about none of them, and Submit and Cancel (see `useRecordForm`). */
export function RecordForm({
  onSubmit,
  otherError,
  submitLabel,
  pendingLabel,
  pending,
  onCancel,
  children,
}: {
  onSubmit: (event: FormEvent) => void;
  otherError: string | null;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-xl flex-col gap-4">
      {children}
      {otherError && <FormError>{otherError}</FormError>}
      <FormActions submitLabel={submitLabel} pendingLabel={pendingLabel} pending={pending} onCancel={onCancel} />
    </form>
  );
}
