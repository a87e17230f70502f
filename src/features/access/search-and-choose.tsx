import type { ReactNode } from 'react';
import { FieldError, inputClass } from '@/components/form-field';
import { choice, describedBy, muted } from './grant-dialog-styles';
import { useSettled } from '@/lib/use-settled';

/** How many matches a picker of the grant access dialog shows. */
export const RESULTS_SHOWN = 8;
const DEBOUNCE_MS = 300;

/** What to search for: the text typed, once typing has stopped for a moment, trimmed, at most 100 characters. */
export function useSearchKey(text: string): string {
  return useSettled(text.trim(), DEBOUNCE_MS).slice(0, 100);
}

export interface FoundOption {
  key: string;
  name: string;
  checked: boolean;
  onChoose: () => void;
}

/**
 * A search box (focused when shown), what it found as radio buttons, and a polite line under them
 * (nothing matches, or the search failed). `id` is the search box's; its error takes `<id>-error`.
 */
export function SearchAndChoose({
  id,
  label,
  placeholder,
  text,
  onText,
  error,
  radioName,
  resultsLabel,
  options,
  status,
  autoFocus = true,
}: {
  id: string;
  label: string;
  placeholder: string;
  text: string;
  onText: (text: string) => void;
  error: string | undefined;
  radioName: string;
  resultsLabel: string;
  options: FoundOption[];
  status: ReactNode;
  /** In a form the user just opened, yes; in a panel that is part of a page, no (it would take the page's focus and scroll). */
  autoFocus?: boolean;
}) {
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={text}
        maxLength={100}
        autoFocus={autoFocus}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error)}
        onChange={(event) => onText(event.target.value)}
        className={`mt-2 ${inputClass}`}
      />
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
      <div className="mt-2 flex flex-col gap-1" role="radiogroup" aria-label={resultsLabel}>
        {options.map((option) => (
          <label key={option.key} className={choice}>
            <input type="radio" name={radioName} checked={option.checked} onChange={option.onChoose} className="size-4 accent-indigo-600" />
            <span className="min-w-0 break-words">{option.name}</span>
          </label>
        ))}
      </div>
      <p role="status" className={`mt-1 text-sm ${muted}`}>
        {status}
      </p>
    </>
  );
}
