import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { lockGroupQueries } from '@/api/lockgroups';
import { lockQueries } from '@/api/locks';
import { choice } from './grant-dialog-styles';
import { type ChosenDoor, doorKey } from './grant-target';
import { RESULTS_SHOWN, SearchAndChoose, useSearchKey } from './search-and-choose';

type DoorKind = ChosenDoor['kind'];

const KINDS: readonly (readonly [DoorKind, string])[] = [
  ['lock', 'A lock'],
  ['group', 'A group of locks'],
];

/** The locks or the groups matching `searchkey` (only the kind shown is asked for). */
function useDoorOptions(kind: DoorKind, searchkey: string): { options: ChosenDoor[]; failed: Error | null } {
  const page = { pagenumber: 1, limit: RESULTS_SHOWN, searchkey };
  const locks = useQuery({ ...lockQueries.list(page), enabled: kind === 'lock', placeholderData: keepPreviousData });
  const groups = useQuery({ ...lockGroupQueries.list(page), enabled: kind === 'group', placeholderData: keepPreviousData });
  const options: ChosenDoor[] =
    kind === 'lock'
      ? (locks.data?.locks ?? []).map((lock) => ({ kind: 'lock', lockid: lock.lockid, name: lock.name ?? lock.lockid }))
      : (groups.data?.groups ?? []).map((group) => ({ kind: 'group', groupid: group.groupid, name: group.name }));
  return { options, failed: kind === 'lock' ? locks.error : groups.error };
}

/** In the grant access dialog from a person's page: a lock or a group of locks, found as you type. */
export function LockOrGroupPicker({ id, chosen, onChoose, error }: { id: string; chosen: ChosenDoor | null; onChoose: (chosen: ChosenDoor) => void; error: string | undefined }) {
  const [kind, setKind] = useState<DoorKind>('lock');
  const [text, setText] = useState('');
  const searchkey = useSearchKey(text);
  const { options, failed } = useDoorOptions(kind, searchkey);
  // The chosen lock or group stays on the list of its kind while another search runs.
  const shown = chosen && chosen.kind === kind && !options.some((o) => doorKey(o) === doorKey(chosen)) ? [chosen, ...options] : options;

  return (
    <fieldset>
      <legend className="text-sm font-medium">Door</legend>
      <div className="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-2">
        {KINDS.map(([value, words]) => (
          <label key={value} className={choice}>
            <input type="radio" name={`${id}-kind`} checked={kind === value} onChange={() => setKind(value)} className="size-4 accent-indigo-600" />
            {words}
          </label>
        ))}
      </div>
      <SearchAndChoose
        id={id}
        label={kind === 'lock' ? 'Find a lock' : 'Find a group'}
        placeholder={kind === 'lock' ? 'Find a lock: name, lock ID…' : 'Find a group'}
        text={text}
        onText={setText}
        error={error}
        radioName={`${id}-choice`}
        resultsLabel={kind === 'lock' ? 'Locks found' : 'Groups found'}
        options={shown.map((option) => ({
          key: doorKey(option),
          name: option.name,
          checked: chosen !== null && doorKey(chosen) === doorKey(option),
          onChoose: () => onChoose(option),
        }))}
        status={failed ? failed.message : searchkey && options.length === 0 ? `Nothing matches “${searchkey}”.` : ''}
      />
    </fieldset>
  );
}
