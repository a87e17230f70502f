import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router';
import { GRANT_STATUS_LABELS } from '@contract/event-labels';
import { grantQueries } from '@/api/access';
import { Badge } from '@/components/badge';
import { card, linkClass, muted } from './people-notes';

/** Stand-in until the access feature's GrantList is merged: a person's grants, status in words. */
export function PersonAccess({ userid, refetchInterval }: { userid: number; canChange: boolean; refetchInterval: number | false }) {
  const titleId = useId();
  const list = useQuery({ ...grantQueries.list({ pagenumber: 1, limit: 100, userid }), refetchInterval });
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-2">
      <h2 id={titleId} className="text-lg font-semibold">
        Can open
      </h2>
      <ul className={`${card} divide-y divide-slate-200 text-sm dark:divide-slate-800`}>
        {list.data?.items.map((grant) => (
          <li key={grant.grantid} className="flex flex-wrap items-center gap-2 px-4 py-2">
            {grant.lockid !== null ? (
              <Link to={`/locks/${encodeURIComponent(grant.lockid)}`} className={linkClass}>
                {grant.lockName ?? grant.lockid}
              </Link>
            ) : (
              <Link to={`/groups/${grant.groupid ?? ''}`} className={linkClass}>
                {grant.groupName ?? `Group ${grant.groupid ?? ''}`}
              </Link>
            )}
            <span className={muted}>{grant.method}</span>
            <Badge tone={grant.status === 'active' ? 'green' : grant.status === 'scheduled' ? 'blue' : 'gray'}>{GRANT_STATUS_LABELS[grant.status]}</Badge>
          </li>
        ))}
      </ul>
    </section>
  );
}
