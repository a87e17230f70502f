import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { peopleQueries } from '@/api/access';
import { lockQueries } from '@/api/locks';
import { RESULTS_SHOWN, SearchAndChoose, useSearchKey } from './search-and-choose';

/** What the check is about, besides the page's own person or lock. */
export type CheckTarget = { kind: 'lock'; lockid: string; name: string } | { kind: 'person'; userid: number; name: string };

const keyOf = (t: CheckTarget) => (t.kind === 'lock' ? `l${t.lockid}` : `p${t.userid}`);

/** The lock (on a person's page) or the person (on a lock's page) matching what is typed. */
function useOptions(kind: CheckTarget['kind'], searchkey: string) {
  const page = { pagenumber: 1, limit: RESULTS_SHOWN, searchkey };
  const locks = useQuery({ ...lockQueries.list(page), enabled: kind === 'lock', placeholderData: keepPreviousData });
  const people = useQuery({ ...peopleQueries.list(page), enabled: kind === 'person', placeholderData: keepPreviousData });
  const options: CheckTarget[] =
    kind === 'lock'
      ? (locks.data?.locks ?? []).map((l) => ({ kind: 'lock', lockid: l.lockid, name: l.name ?? l.lockid }))
      : (people.data?.items ?? []).map((p) => ({ kind: 'person', userid: p.userid, name: p.name }));
  return { options, failed: kind === 'lock' ? locks.error : people.error };
}

/** Find a lock or a person as you type, with the access form's search. */
export function CheckTargetPicker({ id, kind, chosen, onChoose, error }: { id: string; kind: CheckTarget['kind']; chosen: CheckTarget | null; onChoose: (t: CheckTarget) => void; error: string | undefined }) {
  const [text, setText] = useState('');
  const searchkey = useSearchKey(text);
  const { options, failed } = useOptions(kind, searchkey);
  const shown = chosen && !options.some((o) => keyOf(o) === keyOf(chosen)) ? [chosen, ...options] : options;
  const noun = kind === 'lock' ? 'lock' : 'person';
  return (
    <fieldset>
      <legend className="text-sm font-medium">{kind === 'lock' ? 'Door' : 'Person'}</legend>
      <SearchAndChoose
        id={id}
        label={`Find a ${noun}`}
        placeholder={kind === 'lock' ? 'Find a lock: name, lock ID…' : 'Find a person: name, email, phone'}
        text={text}
        onText={setText}
        error={error}
        radioName={`${id}-choice`}
        autoFocus={false}
        resultsLabel={kind === 'lock' ? 'Locks found' : 'People found'}
        options={shown.map((o) => ({ key: keyOf(o), name: o.name, checked: chosen !== null && keyOf(chosen) === keyOf(o), onChoose: () => onChoose(o) }))}
        status={failed ? failed.message : searchkey && options.length === 0 ? `Nothing matches “${searchkey}”.` : ''}
      />
    </fieldset>
  );
}
