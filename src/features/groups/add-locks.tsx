import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { LockGroup } from '@/api/lockgroups';
import { useChangeGroupMembers } from '@/api/lockgroups';
import { lockQueries } from '@/api/locks';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { CloseIcon, SearchIcon, WarningIcon } from '@/components/icons';
import { formatCount, plural } from '@/lib/format';
import { showToast } from '@/lib/toasts';
import { useSettled } from '@/lib/use-settled';
import { muted } from '@/components/page-styles';

const DEBOUNCE_MS = 300;
const RESULTS = 10;

/**
 * "Add locks": find locks as you type (name, lock ID, …, as the lock list searches), tick one or
 * several (the ticks stay while the search changes), and add them in one membership request.
 * Each result says whether it is already in the group. A refusal (locks the platform does not
 * know) is shown, and the ticks stay.
 */
export function AddLocks({ group, onAdded }: { group: LockGroup; onAdded: (count: number) => void }) {
  const id = useId();
  const [text, setText] = useState('');
  const searchkey = useSettled(text.trim(), DEBOUNCE_MS).slice(0, 100);
  const [chosen, setChosen] = useState<ReadonlyMap<string, string>>(new Map());
  const change = useChangeGroupMembers();

  const results = useQuery({
    ...lockQueries.list({ pagenumber: 1, limit: RESULTS, searchkey }),
    enabled: searchkey !== '',
    placeholderData: keepPreviousData,
  });
  const page = searchkey ? results.data : undefined;

  const toggle = (lockid: string, name: string, on: boolean) => {
    const next = new Map(chosen);
    if (on) next.set(lockid, name);
    else next.delete(lockid);
    setChosen(next);
  };

  const add = () => {
    const lockids = [...chosen.keys()];
    if (lockids.length === 0 || change.isPending) return;
    change.mutate(
      { groupid: group.groupid, add: lockids },
      {
        onSuccess: (updated) => {
          setChosen(new Map());
          showToast({ tone: 'success', title: `${plural(lockids.length, 'lock')} added to ${updated.name}` });
          onAdded(lockids.length);
        },
      },
    );
  };

  return (
    <div className="flex flex-col gap-3">
      <div className="relative w-full sm:max-w-sm">
        <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-slate-500 dark:text-slate-400" />
        <label htmlFor={`${id}-search`} className="sr-only">
          Find locks to add
        </label>
        <input
          id={`${id}-search`}
          type="search"
          role="searchbox"
          value={text}
          maxLength={100}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          placeholder="Find locks: name, lock ID, MAC…"
          aria-describedby={`${id}-count`}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && text) {
              event.preventDefault();
              setText('');
            }
          }}
          className="block min-h-9 w-full rounded-md border-0 bg-white py-1.5 pr-3 pl-8 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-indigo-600 focus:outline-none dark:bg-slate-900 dark:text-white dark:ring-slate-700 dark:placeholder:text-slate-400"
        />
      </div>

      <p id={`${id}-count`} role="status" aria-live="polite" className={`text-sm ${muted}`}>
        {!searchkey
          ? 'Type to find locks.'
          : !page
            ? results.isError
              ? ''
              : 'Searching…'
            : page.locks.length === 0
              ? `No lock matches “${searchkey}”.`
              : page.totalCount !== null && page.totalCount > page.locks.length
                ? `The first ${formatCount(page.locks.length)} of ${plural(page.totalCount, 'matching lock')}: type more to narrow them down.`
                : `${plural(page.locks.length, 'matching lock')}.`}
      </p>
      {searchkey && results.isError && (
        <p role="alert" className="flex gap-2 text-sm font-medium text-red-700 dark:text-red-300">
          <WarningIcon className="mt-0.5 shrink-0" />
          {results.error.message}
        </p>
      )}

      {page && page.locks.length > 0 && (
        <ul aria-label="Matching locks" aria-busy={results.isPlaceholderData} className="divide-y divide-slate-200 rounded-md ring-1 ring-slate-200 dark:divide-slate-800 dark:ring-slate-800">
          {page.locks.map((lock) => {
            const name = lock.name ?? lock.lockid;
            const member = lock.groups.some((g) => g.groupid === group.groupid);
            return (
              <li key={lock.lockid} className="px-3 py-1">
                <label className="flex min-h-8 items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="size-4 shrink-0 accent-indigo-600"
                    checked={member || chosen.has(lock.lockid)}
                    disabled={member}
                    onChange={(event) => toggle(lock.lockid, name, event.target.checked)}
                  />
                  <span className="min-w-0 flex-1">
                    <span className="block font-medium break-words">{name}</span>
                    <span className={`block font-mono text-xs break-all ${muted}`}>{lock.lockid}</span>
                  </span>
                  {member && <Badge tone="blue">Already in this group</Badge>}
                </label>
              </li>
            );
          })}
        </ul>
      )}

      {chosen.size > 0 && (
        <div className="flex flex-col gap-2">
          <p className="text-sm font-medium">{plural(chosen.size, 'lock')} chosen:</p>
          <ul aria-label="Chosen locks" className="flex flex-wrap gap-2">
            {[...chosen].map(([lockid, name]) => (
              <li key={lockid}>
                <Button size="sm" onClick={() => toggle(lockid, name, false)}>
                  <span className="sr-only">Do not add </span>
                  {name}
                  <CloseIcon size={12} />
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}

      {change.isError && (
        <p role="alert" className="flex gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-500/15 dark:text-red-100">
          <WarningIcon className="mt-0.5 shrink-0" />
          <span>The locks were not added: {change.error.message}</span>
        </p>
      )}

      <div>
        <Button variant="primary" disabled={chosen.size === 0 || change.isPending} onClick={add}>
          {change.isPending ? 'Adding…' : chosen.size === 0 ? 'Add locks' : `Add ${plural(chosen.size, 'lock')}`}
        </Button>
      </div>
    </div>
  );
}
