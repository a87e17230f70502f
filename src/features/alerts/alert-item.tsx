import { useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { InboxAlert } from '@/api/team-alerts';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { cn } from '@/components/cn';
import { RelativeTime } from '@/components/relative-time';
import { formatExact } from '@/lib/format';
import { AckDialog } from './ack-dialog';
import { Deliveries } from './deliveries';
import { LockNow } from './lock-now';
import { SEVERITY, formatWhen } from './severity';

function When({ ms }: { ms: number }) {
  return (
    <time dateTime={new Date(ms).toISOString()} title={formatExact(ms)}>
      {formatWhen(ms)}
    </time>
  );
}

function Door({ alert }: { alert: InboxAlert }) {
  const others = alert.lockids.filter((id) => id !== alert.lockid).length;
  if (!alert.lockid) return others > 0 ? <span>{alert.lockids.length} locks</span> : null;
  return (
    <span>
      Door:{' '}
      <Link to={`/locks/${encodeURIComponent(alert.lockid)}`} className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
        {alert.lockName ?? alert.lockid}
      </Link>
      {others > 0 && ` and ${others} more`}
    </span>
  );
}

/** Who acknowledged, whether it escalated, how it ended: as text. */
function Progress({ alert }: { alert: InboxAlert }) {
  return (
    <>
      {alert.ackedBy && (
        <p className="mt-1 font-medium">
          Acknowledged by {alert.ackedBy.name}
          {alert.ackedAt !== null && (
            <>
              {' '}
              at <When ms={alert.ackedAt} />
            </>
          )}
          {alert.ackNote && <span className="font-normal"> — {alert.ackNote}</span>}
        </p>
      )}
      {alert.escalated && <p className="mt-1 font-semibold text-red-800 dark:text-red-200">Escalated</p>}
      {alert.closedAt !== null && (
        <p className="mt-1">
          {alert.resolved ? 'Resolved' : 'Closed'} at <When ms={alert.closedAt} />
        </p>
      )}
    </>
  );
}

/** One alert of the inbox: severity in words, unread marked "New", its door, what was done about it. */
export function AlertItem({ alert, manager, onMarkRead }: { alert: InboxAlert; manager: boolean; onMarkRead: (alertid: number) => void }) {
  const titleId = useId();
  const title = useRef<HTMLHeadingElement>(null);
  const [acking, setAcking] = useState(false);
  const severity = SEVERITY[alert.severity];
  const open = alert.closedAt === null;
  return (
    <li aria-labelledby={titleId} data-alertid={alert.alertid} data-unread={alert.read ? undefined : true} className={cn('px-4 py-3 text-sm', !alert.read && 'bg-indigo-50 dark:bg-indigo-500/10')}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={severity.tone}>{severity.label}</Badge>
        {!alert.read && <span className="rounded bg-indigo-700 px-1.5 text-xs font-semibold text-white dark:bg-indigo-300 dark:text-slate-950">New</span>}
        {/* Focus lands here when the button pressed goes away (Mark read, Acknowledge), not on the page's top. */}
        <h3 ref={title} id={titleId} tabIndex={-1} className={cn('break-words', alert.read ? 'font-medium' : 'font-semibold')}>
          {alert.title}
        </h3>
      </div>
      {alert.detail && <p className="mt-0.5 text-slate-700 dark:text-slate-200">{alert.detail}</p>}
      <p className="mt-1 flex flex-wrap gap-x-3 text-slate-600 dark:text-slate-300">
        <Door alert={alert} />
        {alert.openedAt !== null && (
          <span>
            Opened <RelativeTime ms={alert.openedAt} />
          </span>
        )}
      </p>
      <Progress alert={alert} />
      <div className="mt-2 flex flex-wrap items-center gap-2">
        {!alert.read && (
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Mark read: ${alert.title}`}
            onClick={() => {
              onMarkRead(alert.alertid);
              title.current?.focus();
            }}
          >
            Mark read
          </Button>
        )}
        {manager && open && !alert.ackedBy && (
          <Button size="sm" aria-label={`Acknowledge: ${alert.title}`} onClick={() => setAcking(true)}>
            Acknowledge
          </Button>
        )}
        {open && alert.kind === 'left-unlocked' && alert.lockid && <LockNow lockid={alert.lockid} lockName={alert.lockName} />}
      </div>
      {manager && <Deliveries alertid={alert.alertid} />}
      {acking && (
        <AckDialog
          alert={alert}
          onClose={() => {
            setAcking(false);
            // After an acknowledgement its button is gone; a cancel puts focus back on it (the dialog does).
            title.current?.focus();
          }}
        />
      )}
    </li>
  );
}
