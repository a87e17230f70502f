import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ComponentType, useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { platformDateToMs } from '@contract/platform-date';
import { appConfigQuery } from '@/api/app-config';
import { ApiError } from '@/api/client';
import { type LockGroup, lockGroupQueries, useDeleteLockGroup, useUpdateLockGroup } from '@/api/lockgroups';
import { lockQueries } from '@/api/locks';
import { sessionQueries } from '@/api/session';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { WarningIcon } from '@/components/icons';
import { FormPanel } from '@/components/list-frame';
import { type DetailPages, DetailFrame, DetailRoute, NOT_A_RECORD, NotFoundPage, PageLoadState, ReadOnlyNote } from '@/components/page-frame';
import { card, muted } from '@/components/page-styles';
import { useDisclosure } from '@/components/use-disclosure';
import { mutationFormProps } from '@/components/use-record-form';
import { formatExact, plural } from '@/lib/format';
import { useLiveUpdatesPaused } from '@/lib/live-updates';
import { usePageTitle } from '@/lib/page-title';
import { AccessSection } from '@/features/access/access-section';
import { showToast } from '@/lib/toasts';
import { GroupForm } from './group-form';
import { parseGroupId } from './group-health';
import { GroupMembers } from './group-members';
import { NoLockGroups } from './group-notes';
import { HealthLinks } from './health-links';

/** A link that looks like a secondary button (button.tsx). */
const buttonLink =
  'inline-flex min-h-9 items-center justify-center gap-1.5 rounded-md px-3 text-sm font-medium whitespace-nowrap bg-white text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-600 dark:hover:bg-slate-800';

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

const GROUP_PAGES: DetailPages = { parent: 'Groups', to: '/groups', title: 'Group', noun: 'group', why: 'It may have been deleted, or the address may be mistyped.', backText: 'Back to the groups' };

/** `/groups/:groupid`: one group, its health and its locks; a manager edits, deletes and changes its locks. */
export function GroupPage({ panel }: { panel?: ComponentType<{ groupid: number }> }) {
  const features = useQuery(appConfigQuery).data?.features;
  const detail = useMemo(() => (panel ? ({ id }: { id: number }) => <GroupDetail id={id} Panel={panel} /> : GroupDetail), [panel]);
  return <DetailRoute pages={GROUP_PAGES} param="groupid" parse={parseGroupId} available={features?.lockGroups} missing={<NoLockGroups />} detail={detail} />;
}

/** `Panel`: what the app composes on the page from other features (the group's schedule). */
function GroupDetail({ id: groupid, Panel }: { id: number; Panel?: ComponentType<{ groupid: number }> }) {
  const queryClient = useQueryClient();
  const config = useQuery(appConfigQuery).data;
  const isManager = useQuery(sessionQueries.me()).data?.user?.role === 'manager';
  const paused = useLiveUpdatesPaused();
  const refetchInterval = paused || !config ? false : config.pollIntervalMs;
  const [search, setSearch] = useSearchParams();
  const pageParam = Number(search.get('page'));
  const page = Number.isInteger(pageParam) && pageParam >= 1 ? pageParam : 1;
  const onPage = useCallback(
    (next: number, replace = false) =>
      setSearch(
        (current) => {
          const params = new URLSearchParams(current);
          if (next > 1) params.set('page', String(next));
          else params.delete('page');
          return params;
        },
        { replace },
      ),
    [setSearch],
  );

  const detail = useQuery({
    ...lockGroupQueries.detail(groupid),
    placeholderData: () => queryClient.getQueryData(lockGroupQueries.everyGroup().queryKey)?.find((g) => g.groupid === groupid),
    refetchInterval,
  });
  const group = detail.data;
  const missing = !group && detail.error instanceof ApiError && NOT_A_RECORD.has(detail.error.status);
  usePageTitle(missing ? 'Group not found' : (group?.name ?? 'Group'));

  if (!group) {
    if (missing) return <NotFoundPage pages={GROUP_PAGES} id={String(groupid)} />;
    return <PageLoadState back={{ ...GROUP_PAGES, name: `Group ${groupid}` }} query={detail} loadingLabel="Loading the group…" failedTitle="This group could not be loaded." />;
  }

  const createdMs = platformDateToMs(group.created, config?.timezone ?? 'UTC');
  const refresh = () => {
    void detail.refetch();
    // The members' page (and the lock finder's answer, when open) with it.
    void queryClient.invalidateQueries({ queryKey: lockQueries.lists() });
  };
  const facts = (
    <>
      {group.description && <p className={`break-words ${muted}`}>{group.description}</p>}
      {createdMs !== null && (
        <p className={`text-sm ${muted}`}>
          Created <time dateTime={new Date(createdMs).toISOString()} title={formatExact(createdMs)}>{day.format(createdMs)}</time>
        </p>
      )}
    </>
  );
  return (
    <DetailFrame back={GROUP_PAGES} title={group.name} live={{ query: detail, paused, onRefresh: refresh }} facts={facts}>

      <section aria-label="Health" className={`${card} flex flex-col gap-1 px-4 py-3`}>
        <h2 className="text-sm font-semibold">Health</h2>
        <HealthLinks group={group} />
      </section>

      {isManager ? (
        <ManagerActions group={group} lockAll={!!config?.features.lockCommands} />
      ) : (
        <ReadOnlyNote>Your account is read-only: a manager renames or deletes this group and changes its locks.</ReadOnlyNote>
      )}

      <GroupMembers
        group={group}
        canChange={isManager}
        sortByName={!!config?.features.lockSorting}
        refetchInterval={refetchInterval}
        page={page}
        onPage={onPage}
      />

      {Panel && <Panel groupid={group.groupid} />}

      <AccessSection groupid={group.groupid} groupName={group.name} />
    </DetailFrame>
  );
}

function ManagerActions({ group, lockAll }: { group: LockGroup; lockAll: boolean }) {
  const navigate = useNavigate();
  const update = useUpdateLockGroup();
  const remove = useDeleteLockGroup();
  const edit = useDisclosure();
  const [confirming, setConfirming] = useState(false);

  const onDelete = () => {
    if (remove.isPending) return;
    remove.mutate(group.groupid, {
      onSuccess: (deleted) => {
        setConfirming(false);
        showToast({ tone: 'success', title: `${deleted.name} deleted`, body: 'Its locks stay on the platform.' });
        void navigate('/groups');
      },
    });
  };

  return (
    <>
      <div className="flex flex-wrap gap-2">
        <Button {...edit.buttonProps}>
          Rename or describe
        </Button>
        {lockAll && (
          <Link to={`/lockdown?group=${group.groupid}`} className={buttonLink}>
            Lock all…
          </Link>
        )}
        <Button
          variant="danger"
          onClick={() => {
            remove.reset();
            setConfirming(true);
          }}
        >
          Delete group…
        </Button>
      </div>
      <div id={edit.regionId}>
        {edit.open && (
          <FormPanel label={`Rename or describe ${group.name}`}>
            <GroupForm
              {...mutationFormProps(update, edit.close)}
              initial={{ name: group.name, description: group.description }}
              submitLabel="Save"
              pendingLabel="Saving…"
              onSubmit={({ name, description }) =>
                update.mutate(
                  { groupid: group.groupid, name, description },
                  {
                    onSuccess: (saved) => {
                      edit.close();
                      showToast({ tone: 'success', title: `${saved.name} saved` });
                    },
                  },
                )
              }
            />
          </FormPanel>
        )}
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Delete the group ${group.name}?`}
        confirmLabel={remove.isPending ? 'Deleting…' : 'Delete group'}
        typeToConfirm={group.name}
        onConfirm={onDelete}
        onCancel={() => setConfirming(false)}
        options={
          remove.isError ? (
            <p role="alert" className="flex gap-2 text-sm font-medium text-red-700 dark:text-red-300">
              <WarningIcon className="mt-0.5 shrink-0" />
              {remove.error.message}
            </p>
          ) : undefined
        }
      >
        Only the group goes: its {plural(group.lockCount, 'lock')} stay on the platform and in any other groups. Access given through this group
        ends.
      </ConfirmDialog>
    </>
  );
}

export default GroupPage;
