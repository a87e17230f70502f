import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { lockQueries } from '@/api/locks';
import type { Holiday } from '@/api/schedules';
import { inputClass } from '@/components/form-field';
import { LabelledField } from '@/components/labelled-field';
import { muted } from '@/components/page-styles';
import { useSettled } from '@/lib/use-settled';
import { LockName, lockFallbackName } from './lock-name';
import { MAX_NAMED_TARGETS } from './schedule-drives';

const toggled = <T,>(list: readonly T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

/** Checkboxes for a list of named things; `none` when the list is empty. */
export function Choices<T extends string | number>({
  legend,
  options,
  chosen,
  none,
  onChange,
}: {
  legend: string;
  options: readonly { value: T; label: ReactNode }[];
  chosen: readonly T[];
  none: string;
  onChange: (chosen: T[]) => void;
}) {
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      {options.length === 0 && <p className={`text-sm ${muted}`}>{none}</p>}
      <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
        {options.map((option) => (
          <label key={option.value} className="inline-flex min-h-8 items-center gap-2 text-sm break-words">
            <input type="checkbox" checked={chosen.includes(option.value)} onChange={() => onChange(toggled(chosen, option.value))} />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function holidayLabel(h: Holiday): string {
  const dates = h.startDate === h.endDate ? h.startDate : `${h.startDate} to ${h.endDate}`;
  return `${h.name} (${h.yearly ? `every year, ${dates.replace(/\d{4}-/g, '')}` : dates})`;
}

/**
 * The locks it drives: those chosen stay listed, named as the Schedules page names them (the first
 * few asked for by id when the search has not brought them); more are found by name as you type.
 */
export function LockChoices({ id, chosen, onChange }: { id: string; chosen: string[]; onChange: (lockids: string[]) => void }) {
  const [text, setText] = useState('');
  const searchkey = useSettled(text.trim(), 250);
  const found = useQuery({ ...lockQueries.list({ pagenumber: 1, limit: 10, ...(searchkey ? { searchkey } : {}) }), placeholderData: keepPreviousData });
  const names = new Map((found.data?.locks ?? []).map((lock) => [lock.lockid, lock.name ?? lockFallbackName(lock.lockid)]));
  const unnamed = chosen.filter((lockid) => !names.has(lockid));
  const labelOf = (lockid: string) => names.get(lockid) ?? <LockName lockid={lockid} resolve={unnamed.indexOf(lockid) < MAX_NAMED_TARGETS} />;
  const options = [...new Set([...chosen, ...names.keys()])].map((lockid) => ({ value: lockid, label: labelOf(lockid) }));
  return (
    <div className="flex flex-col gap-2">
      <LabelledField id={id} label="Find locks">
        <input id={id} type="search" className={inputClass} value={text} autoComplete="off" onChange={(e) => setText(e.target.value)} />
      </LabelledField>
      <Choices legend="Locks it drives" options={options} chosen={chosen} none={found.isError ? 'The locks could not be loaded.' : 'No lock matches.'} onChange={onChange} />
    </div>
  );
}
