import { useQuery } from '@tanstack/react-query';
import { type ComponentType, useState } from 'react';
import { appConfigQuery } from '@/api/app-config';
import { type LockGroup, lockGroupQueries } from '@/api/lockgroups';
import { lockQueries } from '@/api/locks';
import { WarningIcon } from '@/components/icons';
import { Shell, card } from './lockdown-frame';
import { LoadError, NoSuchGroup } from './lockdown-notes';
import { FLEET_SCOPE, OVERLAP_NOTE, type Scope, type ScopeCounts, type ScopeParam, groupsScope, sumCounts } from './lockdown-scope';
import { type ScopeMode, ScopePicker } from './scope-picker';

/** What the lockdown part of the page is given: a scope, and what is known of its locks ahead of time. */
export interface LockdownProps {
  scope: Scope;
  counts: ScopeCounts | null;
  countsNote: string | null;
}

/**
 * The scope picker and, below it, the lockdown of what it chose (`Lockdown`: kept by the platform,
 * or batched commands). `?group=N` chooses that group to start with; an unknown one is no group.
 */
export function ScopedLockdown({ param, Lockdown }: { param: ScopeParam; Lockdown: ComponentType<LockdownProps> }) {
  const features = useQuery(appConfigQuery).data?.features;
  const groups = useQuery({ ...lockGroupQueries.everyGroup(), enabled: !!features?.lockGroups });
  const [mode, setMode] = useState<ScopeMode>(param.kind === 'fleet' ? 'fleet' : 'groups');
  const [chosen, setChosen] = useState<number[]>(param.kind === 'group' ? [param.groupid] : []);

  if (param.kind === 'invalid') return <NoSuchGroup />;
  if (param.kind === 'group' && groups.data && !groups.data.some((g) => g.groupid === param.groupid)) return <NoSuchGroup />;
  const needGroups = mode === 'groups' || param.kind === 'group';
  let below;
  if (needGroups && groups.isError) below = <LoadError what="The lock groups" error={groups.error} retry={() => void groups.refetch()} />;
  else if (needGroups && !groups.data) below = null;
  else if (mode === 'fleet') below = <FleetLockdown Lockdown={Lockdown} />;
  else below = <GroupsLockdown groups={groups.data ?? []} chosen={chosen} Lockdown={Lockdown} />;
  return (
    <Shell>
      {/* Without lock groups there is nothing to choose: every lock it is. */}
      {features?.lockGroups && <ScopePicker groups={groups.data} failed={groups.isError} mode={mode} chosen={chosen} onMode={setMode} onChosen={setChosen} />}
      {below}
    </Shell>
  );
}

function FleetLockdown({ Lockdown }: { Lockdown: ComponentType<LockdownProps> }) {
  const features = useQuery(appConfigQuery).data?.features;
  const summary = useQuery({ ...lockQueries.summary({}), enabled: !!features?.lockSummary });
  const s = summary.data;
  let countsNote: string | null = null;
  if (!features?.lockSummary) countsNote = 'This platform does not count its locks ahead of time: the count shows once they are found.';
  else if (summary.isError) countsNote = `The counts could not be loaded: ${summary.error.message}`;
  else if (!s) countsNote = 'Counting the locks…';
  return <Lockdown scope={FLEET_SCOPE} counts={s ? { total: s.total, unlocked: s.unlocked, offline: s.offline } : null} countsNote={countsNote} />;
}

function GroupsLockdown({ groups, chosen, Lockdown }: { groups: readonly LockGroup[]; chosen: readonly number[]; Lockdown: ComponentType<LockdownProps> }) {
  const picked = chosen.flatMap((id) => groups.filter((g) => g.groupid === id));
  if (picked.length === 0) {
    return (
      <section aria-label="No group chosen" className={`${card} flex items-start gap-2`}>
        <WarningIcon className="mt-1 shrink-0" />
        <p>No group is chosen: choose at least one group above, or every lock. A lockdown of no group cannot be started.</p>
      </section>
    );
  }
  return <Lockdown scope={groupsScope(picked)} counts={sumCounts(picked)} countsNote={picked.length > 1 ? OVERLAP_NOTE : null} />;
}
