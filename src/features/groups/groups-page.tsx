import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { appConfigQuery } from '@/api/app-config';
import { type LockGroup, lockGroupQueries, useCreateLockGroup } from '@/api/lockgroups';
import { sessionQueries } from '@/api/session';
import { CardsAndTable } from '@/components/cards-and-table';
import { ListBody, ListCount, ListSection, ListToolbar } from '@/components/list-frame';
import { PageDescription, PageFrame, PageHeading } from '@/components/page-frame';
import { mutationFormProps, useOpenCreated } from '@/components/use-record-form';
import { muted, nameLink } from '@/components/page-styles';
import { formatCount, plural } from '@/lib/format';
import { useLiveUpdatesPaused } from '@/lib/live-updates';
import { useUrlState } from '@/lib/use-url-state';
import { GroupForm, type GroupFormValues } from './group-form';
import { HEALTH_MEASURES, MEASURE_ORDER, WORST_FIRST_RULE, filterGroups, sortWorstFirst } from './group-health';
import { NoLockGroups } from './group-notes';
import { HealthLink, HealthLinks } from './health-links';

/** The page's state in the URL: `?q=` filters the groups by name and description. */
interface GroupsView {
  q: string;
}
const readView = (search: URLSearchParams): GroupsView => ({ q: (search.get('q') ?? '').trim().slice(0, 100) });
const writeView = (current: URLSearchParams, patch: Partial<GroupsView>): URLSearchParams => {
  const next = new URLSearchParams(current);
  if (patch.q !== undefined) {
    if (patch.q) next.set('q', patch.q);
    else next.delete('q');
  }
  return next;
};

function GroupName({ group }: { group: LockGroup }) {
  return (
    <>
      <Link to={`/groups/${group.groupid}`} className={nameLink}>
        {group.name}
      </Link>
      {group.description && <span className={`block text-xs break-words ${muted}`}>{group.description}</span>}
    </>
  );
}

const COLUMNS = [
  { key: 'group', heading: 'Group', className: 'px-4 py-2' },
  ...MEASURE_ORDER.map((measure) => ({ key: measure, heading: HEALTH_MEASURES[measure].heading, className: 'px-3 py-2 text-right whitespace-nowrap' })),
];

/** A table from a phone's width up; a card per group below it. */
function GroupsList({ groups }: { groups: LockGroup[] }) {
  return (
    <CardsAndTable
      label="Groups"
      items={groups}
      columns={COLUMNS}
      keyOf={(group) => group.groupid}
      rowData={(group) => ({ 'data-groupid': group.groupid })}
      rowName={(group) => <GroupName group={group} />}
      cardClass="flex flex-col gap-1 px-4 py-3"
      card={(group) => (
        <>
          <div>
            <GroupName group={group} />
          </div>
          <HealthLinks group={group} />
        </>
      )}
      cells={(group) =>
        MEASURE_ORDER.map((measure) => (
          <td key={measure} className="px-3 py-1 text-right">
            <HealthLink group={group} measure={measure} />
          </td>
        ))
      }
    />
  );
}

/** Creates a group, then opens its page to add its locks. */
function NewGroup({ onDone }: { onDone: () => void }) {
  const create = useCreateLockGroup();
  const open = useOpenCreated();
  const created = (group: LockGroup) => open(`/groups/${group.groupid}`, { tone: 'success', title: `${group.name} created`, body: 'Add its locks on its page.' });
  const submit = ({ name, description }: GroupFormValues) => create.mutate({ name, ...(description ? { description } : {}) }, { onSuccess: created });
  return <GroupForm {...mutationFormProps(create, onDone)} submitLabel="Create group" pendingLabel="Creating…" onSubmit={submit} />;
}

/**
 * `/groups`: every lock group with its health (locks, offline, unlocked, low battery), worst first,
 * each number a link to the lock list filtered to the group and that state. Live; filtered as you
 * type. A manager creates groups here; a support account only reads.
 */
export function GroupsPage() {
  const config = useQuery(appConfigQuery).data;
  const features = config?.features;
  const user = useQuery(sessionQueries.me()).data?.user;
  const paused = useLiveUpdatesPaused();
  const [view, setView] = useUrlState(readView, writeView);

  const enabled = !!features?.lockGroups;
  const list = useQuery({
    ...lockGroupQueries.everyGroup(),
    enabled,
    refetchInterval: paused || !config ? false : config.pollIntervalMs,
  });

  const heading = (
    <PageHeading title="Groups" live={enabled ? { query: list, paused, onRefresh: () => void list.refetch() } : undefined}>
      {enabled && <PageDescription>{WORST_FIRST_RULE}</PageDescription>}
    </PageHeading>
  );
  // Without the platform's feature: the note, and no request.
  if (features && !enabled) return <PageFrame>{heading}<NoLockGroups /></PageFrame>;

  const groups = list.data;
  const shown = groups ? sortWorstFirst(filterGroups(groups, view.q)) : [];
  const empty = !groups || shown.length > 0 ? null : groups.length === 0
    ? { message: 'There are no lock groups yet.', action: null }
    : { message: 'No group matches your filter.', action: { label: 'Clear the filter', onClick: () => setView({ q: '' }) } };

  return (
    <PageFrame>
      {heading}
      <ListToolbar
        create={user?.role === 'manager' ? { label: 'New group', title: 'New group', form: (close) => <NewGroup onDone={close} /> } : null}
        readOnlyNote={user ? 'Your account is read-only: a manager creates and changes groups.' : null}
        search={{ label: 'Filter groups', placeholder: 'Filter by name or description', value: view.q, onChange: (q) => setView({ q }, { replace: true }) }}
      />
      <ListSection label="Lock groups" busy={!groups && !list.isError}>
        <ListBody loaded={!!groups} query={list} loadingLabel="Loading the groups…" failedTitle="The groups could not be loaded." empty={empty}>
          <GroupsList groups={shown} />
        </ListBody>
      </ListSection>
      {groups && (
        <ListCount>{view.q ? `${formatCount(shown.length)} of ${plural(groups.length, 'group')} match “${view.q}”` : plural(groups.length, 'group')}</ListCount>
      )}
    </PageFrame>
  );
}

export default GroupsPage;
