import { useQuery } from '@tanstack/react-query';
import { appConfigQuery } from '@/api/app-config';
import { sessionQueries } from '@/api/session';
import { GrantAccessButton } from './grant-access-dialog';
import { GrantList } from './grant-list';
import { LastDenied } from './last-denied';

const card = 'rounded-lg bg-white shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800';
const muted = 'text-slate-600 dark:text-slate-300';

/** Without the platform's access endpoints: said once, and nothing is requested. */
function NoAccessFeature({ title }: { title: string }) {
  return (
    <section aria-label={title} className={`${card} p-4 text-sm`}>
      <h2 className="mb-1 font-semibold">{title}</h2>
      <p className={muted}>This platform does not manage access.</p>
    </section>
  );
}

/**
 * A lock's or a group's "Who has access": its grants (a lock's include those through its groups),
 * the last refused door use (a lock), and "Grant access" for a manager. Support sees it all and is
 * told that a manager changes access.
 */
export function AccessSection(props: { lockid: string; lockName: string } | { groupid: number; groupName: string }) {
  const features = useQuery(appConfigQuery).data?.features;
  const isManager = useQuery(sessionQueries.me()).data?.user?.role === 'manager';
  const onLock = 'lockid' in props;
  const title = onLock ? 'Who has access' : 'Access';
  if (!features) return null;
  if (!features.access) return <NoAccessFeature title={title} />;
  return (
    <section aria-labelledby={onLock ? 'access-heading-lock' : 'access-heading-group'} className={card}>
      <div className="flex flex-wrap items-center justify-between gap-2 p-4">
        <div className="flex min-w-0 flex-col gap-1">
          <h2 id={onLock ? 'access-heading-lock' : 'access-heading-group'} className="text-sm font-semibold">
            {title}
          </h2>
          {onLock ? (
            <LastDenied lockid={props.lockid} />
          ) : (
            <p className={`text-sm ${muted}`}>Access to this group opens every lock in it, including locks added later.</p>
          )}
        </div>
        {isManager ? (
          <GrantAccessButton target={props} label={onLock ? 'Grant access' : 'Grant access to this group'} />
        ) : (
          <p className={`text-sm ${muted}`}>A manager grants and revokes access; your account can only look.</p>
        )}
      </div>
      <GrantList params={onLock ? { lockid: props.lockid } : { groupid: props.groupid }} show="person" canChange={isManager} />
    </section>
  );
}
