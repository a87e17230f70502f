import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { type PeopleParams, peopleQueries, useCreatePerson } from '@/api/access';
import { appConfigQuery } from '@/api/app-config';
import { roleQueries } from '@/api/roles';
import { sessionQueries } from '@/api/session';
import { ListBody, ListCount, ListSection, ListToolbar } from '@/components/list-frame';
import { PageDescription, PageFrame, PageHeading } from '@/components/page-frame';
import { Pagination } from '@/components/pagination';
import { mutationFormProps, useOpenCreated } from '@/components/use-record-form';
import { usePageTitle } from '@/lib/page-title';
import { useUrlState } from '@/lib/use-url-state';
import { PeopleCsvTools } from './people-csv-tools';
import { NoAccessFeature } from './people-notes';
import { PeopleFilters } from './people-filters';
import { PeopleList } from './people-list';
import { PEOPLE_PAGE_SIZE, type PeopleView, readPeopleView, writePeopleView } from './people-view';
import { PersonForm } from './person-form';

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
  if (view.q || view.role || view.status || view.department) {
    const clear = { label: 'Clear the search and filters', onClick: () => setView({ q: '', role: null, status: null, department: '' }) };
    return { message: view.q ? `No one matches “${view.q}”.` : 'No one matches these filters.', action: clear };
  }
  if (view.page > 1) return { message: 'This page is past the end.', action: { label: 'Back to page 1', onClick: () => setView({ page: 1 }) } };
  return { message: 'There are no people yet.', action: null };
}

/** The list's request: the page, the search, and (with roles) the filters. */
function listParams(view: PeopleView, withRoles: boolean): PeopleParams {
  const filters = withRoles ? { ...(view.role ? { roleid: view.role } : {}), ...(view.status ? { status: view.status } : {}), ...(view.department ? { department: view.department } : {}) } : {};
  return { pagenumber: view.page, limit: PEOPLE_PAGE_SIZE, ...(view.q ? { searchkey: view.q } : {}), ...filters };
}

/**
 * `/people`: the people who open doors, searched as you type (name, email, phone), a page at a time,
 * each with how many grants they hold now; with roles also their status, department, roles, last
 * door used and last refusal, filtered by role, status and department. A manager adds people here;
 * a support account only reads. `children`: more controls above the list (e.g. import, export).
 */
export function PeoplePage({ children }: { children?: ReactNode }) {
  usePageTitle('People');
  const config = useQuery(appConfigQuery).data;
  const user = useQuery(sessionQueries.me()).data?.user;
  const [view, setView] = useUrlState(readPeopleView, writePeopleView);

  const enabled = !!config?.features.access;
  const withRoles = enabled && !!config?.features.roles;
  const list = useQuery({ ...peopleQueries.list(listParams(view, withRoles)), enabled, placeholderData: keepPreviousData });
  const roles = useQuery({ ...roleQueries.list(), enabled: withRoles }).data?.roles;
  const roleNames = withRoles ? new Map((roles ?? []).map((r) => [r.roleid, r.name])) : null;

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
      {children}
      {withRoles && <PeopleFilters key={view.department} view={view} setView={setView} roles={roles ?? []} />}
      <ListSection label="People" busy={(!page && !list.isError) || list.isPlaceholderData} footer={pagination}>
        <ListBody
          loaded={!!page}
          query={list}
          loadingLabel="Loading the people…"
          failedTitle="The people could not be loaded."
          empty={page && page.items.length === 0 ? emptyPage(view, setView) : null}
        >
          <PeopleList people={page?.items ?? []} roleNames={roleNames} />
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
