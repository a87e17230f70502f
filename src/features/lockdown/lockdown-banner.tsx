import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { appConfigQuery } from '@/api/app-config';
import { type Lockdown, lockdownQueries, useLiftLockdown } from '@/api/lockdowns';
import { lockGroupQueries } from '@/api/lockgroups';
import { sessionQueries } from '@/api/session';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { Icon } from '@/components/icons';
import { showToast } from '@/lib/toasts';
import { LIFT_CONFIRM_TEXT, describeScope, describeStart } from './lockdown-state';

/**
 * Above every page, for every signed-in account, while any lockdown is active (polled at the app's
 * interval): what it holds, who started it and when; a manager can lift it (typed confirmation).
 * One compact line per lockdown, so that a phone still shows the list below it.
 */
export default function LockdownBanner() {
  const config = useQuery(appConfigQuery).data;
  const active = useQuery({
    ...lockdownQueries.active(),
    enabled: !!config?.features.lockdowns,
    // Not held by a page's pause: whether doors are in lockdown is never out of date on screen.
    refetchInterval: config ? config.pollIntervalMs : false,
  }).data;
  const anyGroups = !!active?.some((l) => 'groupids' in l.scope);
  const groups = useQuery({ ...lockGroupQueries.everyGroup(), enabled: anyGroups && !!config?.features.lockGroups }).data;
  const isManager = useQuery(sessionQueries.me()).data?.user?.role === 'manager';
  if (!config?.features.lockdowns || !active || active.length === 0) return null;
  return (
    <div role="status" aria-label="Lockdown in force" className="bg-red-700 text-white">
      <ul className="mx-auto flex max-w-screen-2xl flex-col gap-1 px-4 py-1.5 sm:px-6">
        {active.map((lockdown) => (
          <BannerLine
            key={lockdown.lockdownid}
            lockdown={lockdown}
            scope={describeScope(lockdown.scope, groups)}
            started={describeStart(lockdown, config.timezone)}
            isManager={isManager}
          />
        ))}
      </ul>
    </div>
  );
}

function BannerLine({ lockdown, scope, started, isManager }: { lockdown: Lockdown; scope: string; started: string; isManager: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const lift = useLiftLockdown();
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <Icon name="lock" size={16} className="shrink-0" />
      <p className="min-w-0 flex-1 break-words">
        <strong className="font-semibold">Lockdown in force: {scope}.</strong> {started && <span>{started}.</span>}
      </p>
      {isManager && (
        <button
          type="button"
          onClick={() => setConfirming(true)}
          className="min-h-8 shrink-0 rounded-md bg-white px-3 text-sm font-semibold text-red-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
        >
          Lift lockdown
        </button>
      )}
      {isManager && (
        <ConfirmDialog
          open={confirming}
          title={`Lift the lockdown of ${scope}?`}
          confirmLabel="Lift lockdown"
          typeToConfirm={LIFT_CONFIRM_TEXT}
          error={lift.error?.message ?? null}
          onCancel={() => {
            setConfirming(false);
            lift.reset();
          }}
          onConfirm={() => {
            if (lift.isPending) return;
            lift.mutate(lockdown.lockdownid, {
              onSuccess: () => {
                setConfirming(false);
                showToast({ tone: 'success', title: `Lockdown lifted: ${scope}` });
              },
            });
          }}
        >
          <p>Access grants and schedules of its doors apply again at once.</p>
        </ConfirmDialog>
      )}
    </li>
  );
}
