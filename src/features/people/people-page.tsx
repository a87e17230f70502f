import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { type Person, peopleQueries, useCreatePerson } from '@/api/access';
import { appConfigQuery } from '@/api/app-config';
import { sessionQueries } from '@/api/session';
import { Button } from '@/components/button';
import { Pagination } from '@/components/pagination';
import { SearchInput } from '@/components/search-input';
import { LoadFailed, Loading } from '@/components/load-state';
import { usePageTitle } from '@/lib/page-title';
import { showToast } from '@/lib/toasts';
import { useUrlState } from '@/lib/use-url-state';
import { NoAccessFeature, PageShell, ReadOnlyNote, card, muted } from './people-notes';
import { PEOPLE_PAGE_SIZE, describeGrantCount, readPeopleView, writePeopleView } from './people-view';
import { PersonForm } from './person-form';

const nameLink = 'font-medium break-words text-slate-900 underline-offset-2 hover:text-indigo-700 hover:underline dark:text-white dark:hover:text-indigo-300';

function PersonName({ person }: { person: Person }) {
  return (
    <Link to={`/people/${person.userid}`} className={nameLink}>
      {person.name}
    </Link>
  );
}

function Access({ person }: { person: Person }) {
  return <span className={person.grantCount > 0 ? undefined : muted}>{describeGrantCount(person.grantCount)}</span>;
}

const dash = <span className={muted}>—</span>;

/** A table from a phone's width up; a card per person below it. */
function PeopleList({ people }: { people: Person[] }) {
  return (
    <>
      <ul aria-label="People" className="divide-y divide-slate-200 sm:hidden dark:divide-slate-800">
        {people.map((person) => (
          <li key={person.userid} className="flex flex-col gap-1 px-4 py-3 text-sm">
            <div className="flex flex-wrap items-baseline justify-between gap-x-4">
              <PersonName person={person} />
              <Access person={person} />
            </div>
            {person.email && <span className={`break-words ${muted}`}>{person.email}</span>}
            {person.phone && <span className={muted}>{person.phone}</span>}
          </li>
        ))}
      </ul>
      <div className="max-sm:hidden">
        <table aria-label="People" className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs font-semibold text-slate-600 dark:bg-slate-900 dark:text-slate-300">
            <tr>
              <th scope="col" className="px-4 py-2">
                Name
              </th>
              <th scope="col" className="px-3 py-2">
                Email
              </th>
              <th scope="col" className="px-3 py-2">
                Phone
              </th>
              <th scope="col" className="px-3 py-2">
                Access
              </th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.userid} data-userid={person.userid} className="border-t border-slate-200 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/40">
                <th scope="row" className="px-4 py-2 font-normal">
                  <PersonName person={person} />
                </th>
                <td className="px-3 py-2 break-words">{person.email ?? dash}</td>
                <td className="px-3 py-2 whitespace-nowrap">{person.phone ?? dash}</td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <Access person={person} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function AddPerson({ onDone }: { onDone: () => void }) {
  const create = useCreatePerson();
  const navigate = useNavigate();
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className={`${card} p-4`}>
      <h2 id={titleId} className="mb-2 text-lg font-semibold">
        Add a person
      </h2>
      <PersonForm
        autoFocus
        submitLabel="Add person"
        pendingLabel="Adding…"
        pending={create.isPending}
        error={create.error}
        onCancel={onDone}
        onSubmit={({ name, email, phone }) =>
          create.mutate(
            { name, email: email || null, phone: phone || null },
            {
              onSuccess: (person) => {
                showToast({ tone: 'success', title: `${person.name} added`, body: 'Give them access on their page.' });
                void navigate(`/people/${person.userid}`);
              },
            },
          )
        }
      />
    </section>
  );
}

/**
 * `/people`: the people who open doors, searched as you type (name, email, phone), a page at a time,
 * each with how many grants they hold now. A manager adds people here; a support account only reads.
 */
export function PeoplePage() {
  usePageTitle('People');
  const config = useQuery(appConfigQuery).data;
  const user = useQuery(sessionQueries.me()).data?.user;
  const isManager = user?.role === 'manager';
  const [view, setView] = useUrlState(readPeopleView, writePeopleView);
  const [adding, setAdding] = useState(false);
  const formId = useId();

  const enabled = !!config?.features.access;
  const list = useQuery({
    ...peopleQueries.list({ pagenumber: view.page, limit: PEOPLE_PAGE_SIZE, ...(view.q ? { searchkey: view.q } : {}) }),
    enabled,
    placeholderData: keepPreviousData,
  });

  const heading = (
    <div className="flex min-w-0 flex-col gap-1">
      <h1 className="text-2xl font-semibold tracking-tight">People</h1>
      {enabled && <p className={`text-sm ${muted}`}>Everyone who opens doors: staff, contractors and guests. Open a person to see and change their access.</p>}
    </div>
  );

  if (config && !enabled) {
    return (
      <PageShell>
        {heading}
        <NoAccessFeature />
      </PageShell>
    );
  }

  const page = list.data;
  let body;
  if (!page) {
    body = list.isError ? (
      <LoadFailed layout="list" title="The people could not be loaded." error={list.error} onRetry={() => void list.refetch()} />
    ) : (
      <Loading layout="list" label="Loading the people…" />
    );
  } else if (page.items.length > 0) {
    body = <PeopleList people={page.items} />;
  } else {
    body = (
      <div className="flex flex-col items-center gap-3 px-4 py-12 text-center">
        <p className="font-medium">{view.q ? `No one matches “${view.q}”.` : view.page > 1 ? 'This page is past the end.' : 'There are no people yet.'}</p>
        {(view.q || view.page > 1) && (
          <Button variant="primary" onClick={() => setView(view.q ? { q: '' } : { page: 1 })}>
            {view.q ? 'Clear the search' : 'Back to page 1'}
          </Button>
        )}
      </div>
    );
  }

  return (
    <PageShell>
      {heading}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <SearchInput label="Search people" placeholder="Name, email or phone" value={view.q} onChange={(q) => setView({ q }, { replace: true })} />
        {isManager ? (
          <Button variant="primary" aria-expanded={adding} aria-controls={formId} onClick={() => setAdding(!adding)}>
            Add a person
          </Button>
        ) : (
          user && <ReadOnlyNote>Your account is read-only: a manager adds people and changes their access.</ReadOnlyNote>
        )}
      </div>

      <div id={formId}>{isManager && adding && <AddPerson onDone={() => setAdding(false)} />}</div>

      <section aria-label="People" aria-busy={(!page && !list.isError) || list.isPlaceholderData} className={`overflow-hidden ${card}`}>
        {body}
        {page && (
          <div className="border-t border-slate-200 dark:border-slate-800">
            <Pagination
              page={view.page}
              totalPages={page.totalPages}
              // Said below as "12 people" (the bar would say "persons").
              totalCount={null}
              noun="person"
              loading={list.isPlaceholderData}
              onPage={(next) => setView({ page: next })}
            />
          </div>
        )}
      </section>
      {page && (
        <p role="status" aria-live="polite" className={`text-sm ${muted}`}>
          {page.totalCount !== null && `${page.totalCount.toLocaleString()} ${page.totalCount === 1 ? 'person' : 'people'}${view.q ? ` match “${view.q}”` : ''}`}
        </p>
      )}
    </PageShell>
  );
}

export default PeoplePage;
