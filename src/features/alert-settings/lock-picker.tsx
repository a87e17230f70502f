import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { lockQueries } from '@/api/locks';
import { Button } from '@/components/button';
import { inputClass } from '@/components/form-field';
import { toggled } from './rule-form-values';
import { muted } from './settings-shell';

/** Finds locks by name or ID (the platform's search) and keeps the picked ones in a list. */
export function LockPicker({ picked, onChange }: { picked: readonly string[]; onChange: (next: string[]) => void }) {
  const id = useId();
  const [typed, setTyped] = useState('');
  // Names of the locks picked here (a rule being edited knows only their IDs).
  const [names, setNames] = useState<Record<string, string>>({});
  const [searchkey, setSearchkey] = useState('');
  // Asks the platform once typing pauses, not on every key.
  useEffect(() => {
    const timer = window.setTimeout(() => setSearchkey(typed.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [typed]);
  const found = useQuery({ ...lockQueries.list({ pagenumber: 1, limit: 10, searchkey }), enabled: searchkey.length > 0 });
  const results = (found.data?.locks ?? []).filter((lock) => !picked.includes(lock.lockid));
  return (
    <div className="flex flex-col gap-2">
      <div>
        <label htmlFor={id} className="mb-1 block text-sm font-medium">
          Find a lock
        </label>
        <input id={id} type="search" value={typed} autoComplete="off" placeholder="Name or lock ID" className={inputClass} onChange={(event) => setTyped(event.target.value)} />
      </div>
      {searchkey && (
        <ul aria-label="Locks found" className="flex flex-col gap-1">
          {found.isError && <li className="text-sm text-red-700 dark:text-red-300">{found.error.message}</li>}
          {found.data && results.length === 0 && <li className={`text-sm ${muted}`}>No other lock matches “{searchkey}”.</li>}
          {results.map((lock) => (
            <li key={lock.lockid} className="flex items-center justify-between gap-2 text-sm">
              <span>
                {lock.name ?? lock.lockid} <span className={`font-mono text-xs ${muted}`}>{lock.lockid}</span>
              </span>
              <Button
                size="sm"
                aria-label={`Add ${lock.name ?? lock.lockid}`}
                onClick={() => {
                  if (lock.name) setNames({ ...names, [lock.lockid]: lock.name });
                  onChange(toggled(picked, lock.lockid, true));
                }}
              >
                Add
              </Button>
            </li>
          ))}
        </ul>
      )}
      <ul aria-label="Chosen locks" className="flex flex-col gap-1">
        {picked.length === 0 && <li className={`text-sm ${muted}`}>No lock chosen yet.</li>}
        {picked.map((lockid) => (
          <li key={lockid} className="flex items-center justify-between gap-2 text-sm">
            <span>
              {names[lockid] && `${names[lockid]} `}
              <span className="font-mono">{lockid}</span>
            </span>
            <Button size="sm" variant="ghost" onClick={() => onChange(toggled(picked, lockid, false))} aria-label={`Remove ${lockid}`}>
              Remove
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
