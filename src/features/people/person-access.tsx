import { type ReactNode, useId } from 'react';
import type { Grant } from '@/api/access';
import { GrantAccessButton } from '@/features/access/grant-access-dialog';
import { GrantList } from '@/features/access/grant-list';
import { LastDenied } from '@/features/access/last-denied';
import { card, muted } from '@/components/page-styles';
import { PersonGrants } from './person-grants';

/**
 * "Can open": every lock and group the person can use (the access feature's list, rule and status in
 * words); with roles (`bySource`) grouped by the role each comes from. `children`: more under the
 * heading (e.g. "can they open this door now?"); `grantActions`: more buttons on each current grant.
 */
export function PersonAccess({
  userid,
  name,
  canChange,
  bySource = false,
  grantActions,
  children,
}: {
  userid: number;
  name: string;
  canChange: boolean;
  bySource?: boolean;
  grantActions?: (grant: Grant) => ReactNode;
  children?: ReactNode;
}) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className={card}>
      <div className="flex flex-wrap items-center justify-between gap-2 p-4">
        <div className="flex min-w-0 flex-col gap-1">
          <h2 id={titleId} className="text-lg font-semibold">
            Can open
          </h2>
          <p className={`text-sm ${muted}`}>Each lock and group {name} can use, and when. A group covers every lock in it.</p>
        </div>
        {canChange && <GrantAccessButton target={{ userid, personName: name }} />}
      </div>
      {children}
      {bySource ? <PersonGrants userid={userid} canChange={canChange} extra={grantActions} /> : <GrantList params={{ userid }} show="target" canChange={canChange} />}
    </section>
  );
}

/** "Why can't they get in?": their last refused door use, with its reason. */
export function WhyRefused({ userid }: { userid: number }) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className={`${card} flex flex-col gap-1 px-4 py-3`}>
      <h2 id={titleId} className="text-sm font-semibold">
        Why can’t they get in?
      </h2>
      <LastDenied userid={userid} />
    </section>
  );
}
