import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Grant } from '@/api/access';
import { Button } from '@/components/button';
import { muted, textLink } from '@/components/page-styles';
import { GRANT_METHOD_LABELS, describeGrantRule, grantTargetName } from '@/features/access/grant-rule';
import { GrantStatusBadge } from '@/features/access/grant-status-badge';
import { PasscodeReveal } from '@/features/access/passcode-reveal';
import { usePlatformZone } from '@/features/access/use-platform-clock';

function Target({ grant }: { grant: Grant }) {
  if (grant.lockid !== null) {
    return (
      <Link to={`/locks/${encodeURIComponent(grant.lockid)}`} className={textLink}>
        {grant.lockName ?? grant.lockid}
      </Link>
    );
  }
  return (
    <span>
      <span className={muted}>Group </span>
      <Link to={`/groups/${grant.groupid}`} className={textLink}>
        {grant.groupName ?? `Group ${grant.groupid}`}
      </Link>
    </span>
  );
}

export interface GrantRowActions {
  canChange: boolean;
  onRevoke: (grant: Grant) => void;
  /** More buttons on a grant (e.g. sending a keypad code), from the person page's caller. */
  extra?: (grant: Grant) => ReactNode;
}

/**
 * One of a person's grants: where, how and when, its status; a manager revokes an individual grant
 * and reveals a keypad code, while a grant from a role says how it ends instead (leaving the role).
 */
export function PersonGrantRow({ grant, actions }: { grant: Grant; actions: GrantRowActions }) {
  const zone = usePlatformZone();
  const live = grant.status === 'active' || grant.status === 'scheduled';
  return (
    <li data-grantid={grant.grantid} className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2 px-4 py-3">
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <Target grant={grant} />
          <GrantStatusBadge status={grant.status} rule={grant} />
        </div>
        <p className="text-sm break-words">
          {GRANT_METHOD_LABELS[grant.method]}
          <span className={muted}> · </span>
          {describeGrantRule(grant, zone)}
        </p>
        {live && grant.roleid !== null && <p className={`text-xs ${muted}`}>Remove them from the role {grant.roleName ?? ''} to end it.</p>}
      </div>
      {actions.canChange && live && (
        <div className="flex flex-wrap items-center gap-2">
          {grant.method === 'keypad' && <PasscodeReveal grantid={grant.grantid} who={grant.username} />}
          {actions.extra?.(grant)}
          {grant.roleid === null && (
            <Button size="sm" onClick={() => actions.onRevoke(grant)} aria-label={`Revoke ${grant.username}’s access to ${grantTargetName(grant)}`}>
              Revoke
            </Button>
          )}
        </div>
      )}
    </li>
  );
}
