import { Link } from 'react-router';
import type { Pass } from '@/api/passes';
import { Badge } from '@/components/badge';
import { muted, nameLink } from '@/components/page-styles';
import { useSharedClock } from '@/lib/use-now';
import { usePlatformZone } from '@/features/access/use-platform-clock';
import { PassActions } from './pass-actions';
import { PassDoors } from './pass-doors';
import { PASS_STATUS, describeSent, describeWindow, isLive, passSent } from './pass-text';

/** One pass: the visitor, its status in words, its doors and window, where the code went; a manager's actions. */
export function PassItem({ pass, canChange }: { pass: Pass; canChange: boolean }) {
  const now = useSharedClock();
  const zone = usePlatformZone();
  const status = PASS_STATUS[pass.status];
  return (
    <li data-passid={pass.passid} className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2 px-4 py-3">
      <div className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
        <div className="flex flex-wrap items-center gap-2">
          <Link to={`/people/${pass.userid}`} className={nameLink}>
            {pass.name}
          </Link>
          <Badge tone={status.tone}>{status.label}</Badge>
        </div>
        <p className="break-words">
          <PassDoors lockids={pass.lockids} groupids={pass.groupids} />
          <span className={muted}> · </span>
          {describeWindow(pass.startDate, pass.endDate)}
        </p>
        <p className={`break-words ${muted}`}>
          {pass.codeSentDate ? `Code ${describeSent(passSent(pass.email, pass.codeSentDate), now, zone)}` : 'No code sent yet'}
          {pass.createdBy && ` · by ${pass.createdBy}`}
        </p>
      </div>
      {canChange && isLive(pass.status) && <PassActions pass={pass} />}
    </li>
  );
}
