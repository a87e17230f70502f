import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { peopleQueries } from '@/api/access';
import { Button } from '@/components/button';
import type { ChosenPerson } from './grant-target';
import { PersonQuickAdd } from './person-quick-add';
import { RESULTS_SHOWN, SearchAndChoose, useSearchKey } from './search-and-choose';

/** In the grant access dialog from a lock or a group: find the person as you type, or add one. */
export function PersonPicker({
  id,
  person,
  onChoose,
  error,
}: {
  id: string;
  person: ChosenPerson | null;
  onChoose: (person: ChosenPerson) => void;
  error: string | undefined;
}) {
  const [text, setText] = useState('');
  const [adding, setAdding] = useState(false);
  const searchkey = useSearchKey(text);
  const results = useQuery({ ...peopleQueries.list({ pagenumber: 1, limit: RESULTS_SHOWN, searchkey }), placeholderData: keepPreviousData });
  const people = results.data?.items ?? [];
  // The chosen person stays on the list while another search runs.
  const shown = person && !people.some((p) => p.userid === person.userid) ? [person, ...people] : people;

  return (
    <fieldset>
      <legend className="text-sm font-medium">Person</legend>
      {adding ? (
        <PersonQuickAdd
          initialName={text.trim()}
          onAdded={(p) => {
            onChoose(p);
            setText(p.name);
            setAdding(false);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <>
          <SearchAndChoose
            id={id}
            label="Find a person"
            placeholder="Find a person: name, email, phone"
            text={text}
            onText={setText}
            error={error}
            radioName={id}
            resultsLabel="People found"
            options={shown.map((p) => ({ key: String(p.userid), name: p.name, checked: person?.userid === p.userid, onChoose: () => onChoose(p) }))}
            status={results.isError ? results.error.message : results.data && searchkey && people.length === 0 ? `Nobody matches “${searchkey}”.` : ''}
          />
          <Button size="sm" variant="ghost" className="mt-1" onClick={() => setAdding(true)}>
            Add a person
          </Button>
        </>
      )}
    </fieldset>
  );
}
