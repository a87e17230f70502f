import type { ReactNode } from 'react';

const LABELS = {
  /** A form's field: the label in the body's size. */
  form: 'mb-1 block text-sm font-medium',
  /** A filter above a list: a small, quieter label. */
  filter: 'mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300',
} as const;

/** A control (`children`, whose id is `id`) with its visible label above it. */
export function LabelledField({
  id,
  label,
  look = 'form',
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  look?: keyof typeof LABELS;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={LABELS[look]}>
        {label}
      </label>
      {children}
    </div>
  );
}
