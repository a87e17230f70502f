import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { appConfigQuery } from '@/api/app-config';
import { lockGroupQueries } from '@/api/lockgroups';
import { lockQueries } from '@/api/locks';
import { textLink } from '@/components/page-styles';

const SHOWN = 8;

/** A lock by name once its page's query has it (its ID until then). */
function LockName({ lockid }: { lockid: string }) {
  const features = useQuery(appConfigQuery).data?.features;
  const lock = useQuery({ ...lockQueries.detail(lockid, !features?.lockDetail), enabled: !!features, staleTime: 60_000 }).data;
  return (
    <Link to={`/locks/${encodeURIComponent(lockid)}`} className={textLink}>
      {lock?.name ?? lockid}
    </Link>
  );
}

/** The doors a pass opens: its locks and groups by name, at most eight, then "and N more". */
export function PassDoors({ lockids, groupids }: { lockids: string[]; groupids: number[] }) {
  const groups = useQuery({ ...lockGroupQueries.everyGroup(), enabled: groupids.length > 0, staleTime: 60_000 }).data;
  const items = [
    ...lockids.map((lockid) => <LockName key={`l${lockid}`} lockid={lockid} />),
    ...groupids.map((groupid) => (
      <Link key={`g${groupid}`} to={`/groups/${groupid}`} className={textLink}>
        {groups?.find((g) => g.groupid === groupid)?.name ?? `Group ${groupid}`}
      </Link>
    )),
  ];
  const more = items.length - SHOWN;
  return (
    <span>
      {items.slice(0, SHOWN).map((item, i) => (
        <span key={item.key}>
          {i > 0 && ', '}
          {item}
        </span>
      ))}
      {more > 0 && ` and ${more} more`}
    </span>
  );
}
