import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { LockGroup } from '@/api/lockgroups';
import { inputClass } from '@/components/form-field';
import { LabelledField } from '@/components/labelled-field';
import { formatCount, plural } from '@/lib/format';
import { card, linkClass, muted } from './lockdown-frame';

export type ScopeMode = 'fleet' | 'groups';

/** From this many groups on, a box filters the list by name. */
export const SEARCH_FROM = 8;

const choiceClass =
  'flex min-h-8 cursor-pointer items-center gap-2 rounded-md px-2 text-sm ring-1 ring-slate-200 ring-inset has-checked:bg-indigo-50 has-checked:ring-indigo-600 dark:ring-slate-700 dark:has-checked:bg-indigo-500/15 dark:has-checked:ring-indigo-400';

/**
 * What a lockdown reaches: every lock, or the chosen groups (checkboxes with each group's lock
 * count; a search box once there are many). `groups` is undefined while they load, or when they `failed` to.
 */
export function ScopePicker({
  groups,
  failed,
  mode,
  chosen,
  onMode,
  onChosen,
}: {
  groups: readonly LockGroup[] | undefined;
  failed: boolean;
  mode: ScopeMode;
  chosen: readonly number[];
  onMode: (mode: ScopeMode) => void;
  onChosen: (groupids: number[]) => void;
}) {
  const name = useId();
  const modes: [ScopeMode, string][] = [
    ['fleet', 'Every lock'],
    ['groups', 'Chosen groups'],
  ];
  return (
    <section aria-label="What to lock down" className={`${card} flex min-w-0 flex-col gap-4`}>
      <fieldset>
        <legend className="text-lg font-semibold">What to lock down</legend>
        <div className="mt-2 grid max-w-xl grid-cols-1 gap-1 sm:grid-cols-2">
          {modes.map(([value, label]) => (
            <label key={value} className={choiceClass}>
              <input type="radio" name={name} value={value} checked={mode === value} onChange={() => onMode(value)} className="size-4 accent-indigo-600" />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      {mode === 'groups' &&
        (groups ? (
          <GroupChecklist groups={groups} chosen={chosen} onChosen={onChosen} />
        ) : (
          // Not loaded: loading, or failed (then the page says why below, with Try again).
          failed || (
            <p role="status" className={muted}>
              Loading the groups…
            </p>
          )
        ))}
    </section>
  );
}

const matches = (group: LockGroup, text: string) => group.name.toLocaleLowerCase().includes(text.toLocaleLowerCase());

function GroupChecklist({ groups, chosen, onChosen }: { groups: readonly LockGroup[]; chosen: readonly number[]; onChosen: (groupids: number[]) => void }) {
  const searchId = useId();
  const [text, setText] = useState('');
  const query = text.trim();
  const shown = query ? groups.filter((g) => matches(g, query)) : groups;
  const toggle = (groupid: number, on: boolean) => onChosen(on ? [...chosen, groupid] : chosen.filter((id) => id !== groupid));

  if (groups.length === 0) {
    return (
      <p className={muted}>
        There are no lock groups yet.{' '}
        <Link to="/groups" className={linkClass}>
          Make one
        </Link>
      </p>
    );
  }
  return (
    <div className="flex min-w-0 flex-col gap-2">
      {groups.length >= SEARCH_FROM && (
        <LabelledField id={searchId} label="Find groups" className="max-w-xl">
          <input id={searchId} type="search" className={inputClass} value={text} autoComplete="off" onChange={(e) => setText(e.target.value)} />
        </LabelledField>
      )}
      <fieldset className="min-w-0">
        <legend className="mb-1 text-sm font-medium">
          Groups <span className={muted}>({formatCount(chosen.length)} chosen)</span>
        </legend>
        {shown.length === 0 && <p className={`text-sm ${muted}`}>No group matches “{query}”.</p>}
        <ul className="grid max-h-[min(24rem,55dvh)] grid-cols-1 gap-x-4 overflow-y-auto sm:grid-cols-2">
          {shown.map((group) => (
            <li key={group.groupid}>
              <label className="flex min-h-8 items-center gap-2 text-sm break-words">
                <input
                  type="checkbox"
                  className="size-4 accent-indigo-600"
                  checked={chosen.includes(group.groupid)}
                  onChange={(event) => toggle(group.groupid, event.target.checked)}
                />
                <span className="min-w-0">
                  {group.name} · <span className={muted}>{plural(group.lockCount, 'lock')}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </div>
  );
}
