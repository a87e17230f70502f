import type { ReactNode } from 'react';
import { FieldError } from '@/components/form-field';
import { toggled } from './rule-form-values';
import { checkClass, muted } from './settings-shell';

/** A fieldset of checkboxes (groups, contacts); `empty` is said when there is nothing to choose. */
export function ChoiceList<T extends string | number>({
  id,
  legend,
  items,
  selected,
  onChange,
  error,
  empty,
  hint,
}: {
  id: string;
  legend: string;
  items: readonly { value: T; label: string; detail?: string }[];
  selected: readonly T[];
  onChange: (next: T[]) => void;
  error?: string;
  empty: ReactNode;
  hint?: ReactNode;
}) {
  return (
    <fieldset id={id} tabIndex={-1} aria-describedby={error ? `${id}-error` : undefined} className="min-w-0">
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      {hint && <p className={`mb-1 text-xs ${muted}`}>{hint}</p>}
      {items.length === 0 ? (
        <p className={`text-sm ${muted}`}>{empty}</p>
      ) : (
        <ul className="flex flex-col gap-1">
          {items.map((item) => (
            <li key={item.value}>
              <label className="flex min-h-6 items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className={checkClass}
                  checked={selected.includes(item.value)}
                  onChange={(event) => onChange(toggled(selected, item.value, event.target.checked))}
                />
                <span>
                  {item.label}
                  {item.detail && <span className={muted}> · {item.detail}</span>}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
    </fieldset>
  );
}
