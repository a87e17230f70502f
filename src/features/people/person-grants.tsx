import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type Grant, grantQueries, useRevokeGrant } from '@/api/access';
import { appConfigQuery } from '@/api/app-config';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { FormError } from '@/components/form-field';
import { muted } from '@/components/page-styles';
import { useLiveUpdatesPaused } from '@/lib/live-updates';
import { showToast } from '@/lib/toasts';
import { grantTargetName } from '@/features/access/grant-rule';
import { type GrantRowActions, PersonGrantRow } from './person-grant-row';

/** A person's grants shown at once (one page of the largest size). */
const SHOWN = 100;

/** Grants by where they come from: each role ("From role Night shift"), then those given one by one. */
export function groupBySource(grants: Grant[]): { key: string; title: string; grants: Grant[] }[] {
  const groups = new Map<string, { key: string; title: string; grants: Grant[] }>();
  for (const grant of grants) {
    const key = grant.roleid === null ? 'individual' : `role-${grant.roleid}`;
    const title = grant.roleid === null ? 'Given individually' : `From role ${grant.roleName ?? grant.roleid}`;
    const group = groups.get(key) ?? { key, title, grants: [] };
    group.grants.push(grant);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => (a.key === 'individual' ? 1 : b.key === 'individual' ? -1 : a.title.localeCompare(b.title)));
}

function Groups({ grants, actions }: { grants: Grant[]; actions: GrantRowActions }) {
  return groupBySource(grants).map((group) => (
    <section key={group.key} aria-label={group.title}>
      <h3 className="bg-slate-50 px-4 py-1 text-sm font-semibold dark:bg-slate-900">{group.title}</h3>
      <ul className="divide-y divide-slate-200 dark:divide-slate-800">
        {group.grants.map((grant) => (
          <PersonGrantRow key={grant.grantid} grant={grant} actions={actions} />
        ))}
      </ul>
    </section>
  ));
}

/**
 * With roles: a person's current grants grouped by source (each role, then individual), and their
 * past ones folded away. A grant from a role cannot be revoked alone (the platform answers 409):
 * it says to remove the person from the role instead.
 */
export function PersonGrants({ userid, canChange, extra }: { userid: number; canChange: boolean; extra?: GrantRowActions['extra'] }) {
  const config = useQuery(appConfigQuery).data;
  const paused = useLiveUpdatesPaused();
  const refetchInterval = paused || !config ? false : config.pollIntervalMs;
  const current = useQuery({ ...grantQueries.list({ pagenumber: 1, limit: SHOWN, userid, status: 'active,scheduled' }), refetchInterval });
  const past = useQuery(grantQueries.list({ pagenumber: 1, limit: SHOWN, userid, status: 'expired,revoked' }));
  const revoke = useRevokeGrant();
  const [revoking, setRevoking] = useState<Grant | null>(null);
  const actions: GrantRowActions = { canChange, extra, onRevoke: (grant) => { revoke.reset(); setRevoking(grant); } };
  const confirm = () => {
    if (!revoking || revoke.isPending) return;
    const grant = revoking;
    revoke.mutate(grant.grantid, { onSuccess: () => { setRevoking(null); showToast({ tone: 'success', title: 'Access revoked', body: `${grant.username} can no longer open ${grantTargetName(grant)}.` }); } });
  };
  const grants = current.data?.items;
  return (
    <div className="flex flex-col">
      {current.isError && !grants && <div className="px-4 py-3"><FormError>{`Access could not be loaded: ${current.error.message}`}</FormError></div>}
      {!grants && !current.isError && <p className={`px-4 py-3 text-sm ${muted}`}>Loading access…</p>}
      {grants && grants.length === 0 && <p className={`px-4 py-3 text-sm ${muted}`}>No access now.</p>}
      {grants && <Groups grants={grants} actions={actions} />}
      {past.data && past.data.items.length > 0 && (
        <details className="px-4 py-2 text-sm">
          <summary className="cursor-pointer py-1 font-medium">Past access ({past.data.totalCount ?? past.data.items.length})</summary>
          <ul aria-label="Past access" className="divide-y divide-slate-200 dark:divide-slate-800">
            {past.data.items.map((grant) => <PersonGrantRow key={grant.grantid} grant={grant} actions={actions} />)}
          </ul>
        </details>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={revoking ? `Revoke ${revoking.username}’s access to ${grantTargetName(revoking)}?` : 'Revoke access?'}
        confirmLabel={revoke.isPending ? 'Revoking…' : 'Revoke access'}
        onConfirm={confirm}
        onCancel={() => setRevoking(null)}
        error={revoke.isError ? revoke.error.message : null}
      >
        It ends at once. It stays in the history as revoked.
      </ConfirmDialog>
    </div>
  );
}
