import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { type Person, peopleQueries, useCreatePerson } from '@/api/access';
import { appConfigQuery } from '@/api/app-config';
import { sessionQueries } from '@/api/session';
import { CardsAndTable } from '@/components/cards-and-table';
import { ListBody, ListCount, ListSection, ListToolbar } from '@/components/list-frame';
import { PageDescription, PageFrame, PageHeading } from '@/components/page-frame';
import { muted, nameLink } from '@/components/page-styles';
import { Pagination } from '@/components/pagination';
import { mutationFormProps, useOpenCreated } from '@/components/use-record-form';
import { usePageTitle } from '@/lib/page-title';
import { useUrlState } from '@/lib/use-url-state';
import { PeopleCsvTools } from '@/features/people-import/people-csv-tools';
import { NoAccessFeature } from './people-notes';
import { PEOPLE_PAGE_SIZE, type PeopleView, describeGrantCount, readPeopleView, writePeopleView } from './people-view';
import { PersonForm } from './person-form';

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

const COLUMNS = [
  { key: 'name', heading: 'Name', className: 'px-4 py-2' },
  { key: 'email', heading: 'Email', className: 'px-3 py-2' },
  { key: 'phone', heading: 'Phone', className: 'px-3 py-2' },
  { key: 'access', heading: 'Access', className: 'px-3 py-2' },
];

/** A table from a phone's width up; a card per person below it. */
function PeopleList({ people }: { people: Person[] }) {
  return (
    <CardsAndTable
      label="People"
      items={people}
      keyOf={(person) => person.userid}
      cardClass="flex flex-col gap-1 px-4 py-3 text-sm"
      card={(person) => (
        <>
          <div className="flex flex-wrap items-baseline justify-between gap-x-4">
            <PersonName person={person} />
            <Access person={person} />
          </div>
          {person.email && <span className={`break-words ${muted}`}>{person.email}</span>}
          {person.phone && <span className={muted}>{person.phone}</span>}
        </>
      )}
      columns={COLUMNS}
      rowData={(person) => ({ 'data-userid': person.userid })}
      rowName={(person) => <PersonName person={person} />}
      cells={(person) => (
        <>
          <td className="px-3 py-2 break-words">{person.email ?? dash}</td>
          <td className="px-3 py-2 whitespace-nowrap">{person.phone ?? dash}</td>
          <td className="px-3 py-2 whitespace-nowrap">
            <Access person={person} />
          </td>
        </>
      )}
    />
  );
}

/** Adds a person, then opens their page to give them access. */
function AddPerson({ onDone }: { onDone: () => void }) {
  const create = useCreatePerson();
  const open = useOpenCreated();
  return (
    <PersonForm
      {...mutationFormProps(create, onDone)}
      submitLabel="Add person"
      pendingLabel="Adding…"
      onSubmit={({ name, email, phone }) =>
        create.mutate(
          { name, email: email || null, phone: phone || null },
          { onSuccess: (person) => open(`/people/${person.userid}`, { tone: 'success', title: `${person.name} added`, body: 'Give them access on their page.' }) },
        )
      }
    />
  );
}

/** Why a page of people is empty: no match, past the end, or no people at all. */
function emptyPage(view: PeopleView, setView: (patch: Partial<PeopleView>) => void) {
  if (view.q) return { message: `No one matches “${view.q}”.`, action: { label: 'Clear the search', onClick: () => setView({ q: '' }) } };
  if (view.page > 1) return { message: 'This page is past the end.', action: { label: 'Back to page 1', onClick: () => setView({ page: 1 }) } };
  return { message: 'There are no people yet.', action: null };
}

/**
 * `/people`: the people who open doors, searched as you type (name, email, phone), a page at a time,
 * each with how many grants they hold now. A manager adds people here; a support account only reads.
 */
export function PeoplePage() {
  usePageTitle('People');
  const config = useQuery(appConfigQuery).data;
  const user = useQuery(sessionQueries.me()).data?.user;
  const [view, setView] = useUrlState(readPeopleView, writePeopleView);

  const enabled = !!config?.features.access;
  const list = useQuery({
    ...peopleQueries.list({ pagenumber: view.page, limit: PEOPLE_PAGE_SIZE, ...(view.q ? { searchkey: view.q } : {}) }),
    enabled,
    placeholderData: keepPreviousData,
  });

  const heading = (
    <PageHeading title="People">
      {enabled && <PageDescription>Everyone who opens doors: staff, contractors and guests. Open a person to see and change their access.</PageDescription>}
    </PageHeading>
  );
  // Without the platform's feature: the note, and no request.
  if (config && !enabled) return <PageFrame>{heading}<NoAccessFeature /></PageFrame>;

  const page = list.data;
  const pagination = page && (
    <Pagination
      page={view.page}
      totalPages={page.totalPages}
      // Said below as "12 people" (the bar would say "persons").
      totalCount={null}
      noun="person"
      loading={list.isPlaceholderData}
      onPage={(next) => setView({ page: next })}
    />
  );
  return (
    <PageFrame>
      {heading}
      <ListToolbar
        search={{ label: 'Search people', placeholder: 'Name, email or phone', value: view.q, onChange: (q) => setView({ q }, { replace: true }) }}
        create={user?.role === 'manager' ? { label: 'Add a person', title: 'Add a person', form: (close) => <AddPerson onDone={close} /> } : null}
        readOnlyNote={user ? 'Your account is read-only: a manager adds people and changes their access.' : null}
      />
      <ListSection label="People" busy={(!page && !list.isError) || list.isPlaceholderData} footer={pagination}>
        <ListBody
          loaded={!!page}
          query={list}
          loadingLabel="Loading the people…"
          failedTitle="The people could not be loaded."
          empty={page && page.items.length === 0 ? emptyPage(view, setView) : null}
        >
          <PeopleList people={page?.items ?? []} />
        </ListBody>
      </ListSection>
      {page && (
        <ListCount>
          {page.totalCount !== null && `${page.totalCount.toLocaleString()} ${page.totalCount === 1 ? 'person' : 'people'}${view.q ? ` match “${view.q}”` : ''}`}
        </ListCount>
      )}
      <PeopleCsvTools />
    </PageFrame>
  );
}

export default PeoplePage;
