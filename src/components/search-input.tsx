import { useEffect, useId, useRef, useState } from 'react';
import { SearchIcon } from './icons';

const DEBOUNCE_MS = 300;

/** A search box whose value settles into the URL after typing stops; Escape clears it at once. */
export function SearchInput({
  label,
  placeholder,
  value,
  onChange,
}: {
  /** The accessible name, e.g. "Search locks". */
  label: string;
  placeholder: string;
  value: string;
  onChange: (q: string) => void;
}) {
  const id = useId();
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  const timer = useRef<number | undefined>(undefined);
  // The URL changed elsewhere (back button, "Clear search and filters"): follow it.
  if (value !== seen) {
    setSeen(value);
    setText(value);
  }
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const commit = (next: string, delay: number) => {
    window.clearTimeout(timer.current);
    const settle = () => {
      timer.current = undefined;
      if (next.trim() !== value) onChange(next.trim());
    };
    if (delay === 0) settle();
    else timer.current = window.setTimeout(settle, delay);
  };

  return (
    <div className="relative w-full sm:max-w-sm">
      <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-slate-500 dark:text-slate-400" />
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        type="search"
        role="searchbox"
        value={text}
        maxLength={100}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        onChange={(event) => {
          setText(event.target.value);
          commit(event.target.value, DEBOUNCE_MS);
        }}
        // Leaving the box settles the search at once: a timer left running would pull the page
        // back to the search after a click on one of its results.
        onBlur={() => {
          if (timer.current !== undefined) commit(text, 0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && text) {
            event.preventDefault();
            setText('');
            commit('', 0);
          }
        }}
        className="block min-h-9 w-full rounded-md border-0 bg-white py-1.5 pr-3 pl-8 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-indigo-600 focus:outline-none dark:bg-slate-900 dark:text-white dark:ring-slate-700 dark:placeholder:text-slate-400"
      />
    </div>
  );
}
