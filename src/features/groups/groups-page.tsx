import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { appConfigQuery } from '@/api/app-config';
import { type LockGroup, lockGroupQueries, useCreateLockGroup } from '@/api/lockgroups';
import { sessionQueries } from '@/api/session';
import { Button } from '@/components/button';
import { ConnectionLost, LiveStatus } from '@/components/live-status';
import { SearchInput } from '@/components/search-input';
import { LoadFailed, Loading } from '@/components/load-state';
import { formatCount, plural } from '@/lib/format';
import { useLiveUpdatesPaused } from '@/lib/live-updates';
import { showToast } from '@/lib/toasts';
import { useUrlState } from '@/lib/use-url-state';
import { GroupForm } from './group-form';
import { HEALTH_MEASURES, MEASURE_ORDER, WORST_FIRST_RULE, filterGroups, sortWorstFirst } from './group-health';
import { NoLockGroups, PageShell, ReadOnlyNote, card, muted } from './group-notes';
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

const nameLink = 'font-medium break-words text-slate-900 underline-offset-2 hover:text-indigo-700 hover:underline dark:text-white dark:hover:text-indigo-300';

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

/** A table from a phone's width up; a card per group below it. */
function GroupsList({ groups }: { groups: LockGroup[] }) {
  return (
    <>
      <ul aria-label="Groups" className="divide-y divide-slate-200 sm:hidden dark:divide-slate-800">
        {groups.map((group) => (
          <li key={group.groupid} className="flex flex-col gap-1 px-4 py-3">
            <div>
              <GroupName group={group} />
            </div>
            <HealthLinks group={group} />
          </li>
        ))}
      </ul>
      <div className="max-sm:hidden">
        <table aria-label="Groups" className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs font-semibold text-slate-600 dark:bg-slate-900 dark:text-slate-300">
            <tr>
              <th scope="col" className="px-4 py-2">
                Group
              </th>
              {MEASURE_ORDER.map((measure) => (
                <th key={measure} scope="col" className="px-3 py-2 text-right whitespace-nowrap">
                  {HEALTH_MEASURES[measure].heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group.groupid} data-groupid={group.groupid} className="border-t border-slate-200 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/40">
                <th scope="row" className="px-4 py-2 font-normal">
                  <GroupName group={group} />
                </th>
                {MEASURE_ORDER.map((measure) => (
                  <td key={measure} className="px-3 py-1 text-right">
                    <HealthLink group={group} measure={measure} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function NewGroup({ onDone }: { onDone: () => void }) {
  const create = useCreateLockGroup();
  const navigate = useNavigate();
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className={`${card} p-4`}>
      <h2 id={titleId} className="mb-2 text-lg font-semibold">
        New group
      </h2>
      <GroupForm
        autoFocus
        submitLabel="Create group"
        pendingLabel="Creating…"
        pending={create.isPending}
        error={create.error}
        onCancel={onDone}
        onSubmit={({ name, description }) =>
          create.mutate(
            { name, ...(description ? { description } : {}) },
            {
              onSuccess: (group) => {
                showToast({ tone: 'success', title: `${group.name} created`, body: 'Add its locks on its page.' });
                void navigate(`/groups/${group.groupid}`);
              },
            },
          )
        }
      />
    </section>
  );
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
  const isManager = user?.role === 'manager';
  const paused = useLiveUpdatesPaused();
  const [view, setView] = useUrlState(readView, writeView);
  const [creating, setCreating] = useState(false);
  const formId = useId();

  const enabled = !!features?.lockGroups;
  const list = useQuery({
    ...lockGroupQueries.everyGroup(),
    enabled,
    refetchInterval: paused || !config ? false : config.pollIntervalMs,
  });

  const heading = (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div className="flex min-w-0 flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Groups</h1>
        {enabled && <p className={`text-sm ${muted}`}>{WORST_FIRST_RULE}</p>}
      </div>
      {enabled && (
        <LiveStatus updatedAt={list.dataUpdatedAt} paused={paused} refreshing={list.isFetching} onRefresh={() => void list.refetch()} />
      )}
    </div>
  );

  if (features && !enabled) {
    return (
      <PageShell>
        {heading}
        <NoLockGroups />
      </PageShell>
    );
  }

  const groups = list.data;
  const shown = groups ? sortWorstFirst(filterGroups(groups, view.q)) : undefined;

  let body;
  if (!groups) {
    body = list.isError ? (
      <LoadFailed layout="list" title="The groups could not be loaded." error={list.error} onRetry={() => void list.refetch()} />
    ) : (
      <Loading layout="list" label="Loading the groups…" />
    );
  } else if (shown && shown.length > 0) {
    body = <GroupsList groups={shown} />;
  } else {
    body = (
      <div className="flex flex-col items-center gap-3 px-4 py-12 text-center">
        <p className="font-medium">{groups.length === 0 ? 'There are no lock groups yet.' : 'No group matches your filter.'}</p>
        {groups.length > 0 && (
          <Button variant="primary" onClick={() => setView({ q: '' })}>
            Clear the filter
          </Button>
        )}
      </div>
    );
  }

  return (
    <PageShell>
      {heading}
      {groups && list.isRefetchError && <ConnectionLost since={list.dataUpdatedAt} reason={list.error.message} />}

      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <SearchInput label="Filter groups" placeholder="Filter by name or description" value={view.q} onChange={(q) => setView({ q }, { replace: true })} />
        {isManager ? (
          <Button variant="primary" aria-expanded={creating} aria-controls={formId} onClick={() => setCreating(!creating)}>
            New group
          </Button>
        ) : (
          user && <ReadOnlyNote>Your account is read-only: a manager creates and changes groups.</ReadOnlyNote>
        )}
      </div>

      <div id={formId}>{isManager && creating && <NewGroup onDone={() => setCreating(false)} />}</div>

      <section aria-label="Lock groups" aria-busy={!groups && !list.isError} className={`overflow-hidden ${card}`}>
        {body}
      </section>

      {groups && (
        <p role="status" aria-live="polite" className={`text-sm ${muted}`}>
          {view.q && shown ? `${formatCount(shown.length)} of ${plural(groups.length, 'group')} match “${view.q}”` : plural(groups.length, 'group')}
        </p>
      )}
    </PageShell>
  );
}

export default GroupsPage;
