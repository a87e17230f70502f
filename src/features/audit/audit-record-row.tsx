import type { AuditItem } from '@/api/audit';
import { Badge } from '@/components/badge';
import { WarningIcon } from '@/components/icons';
import { formatExact } from '@/lib/format';
import { describeRecord } from './describe-record';
import { muted } from './audit-styles';

const ROLE_NAMES = { manager: 'Manager', support: 'Support' } as const;

/** When: in the viewer's zone, the wire's UTC on hover. */
function When({ record }: { record: AuditItem }) {
  if (record.at === null) return <span>{record.date ? `${record.date} (as sent)` : 'Unknown time'}</span>;
  return (
    <time dateTime={new Date(record.at).toISOString()} title={`${record.date ?? ''} UTC`} className="tabular-nums">
      {formatExact(record.at)}
    </time>
  );
}

/**
 * One record in words: what happened (a refusal or failure says so in words, with an icon), when,
 * the account's role, where from, and the record's number; the reason or what a change affected
 * under it. Everything the server sent is shown as text.
 */
export function AuditRecordRow({ record }: { record: AuditItem }) {
  const { sentence, outcome } = describeRecord(record);
  return (
    <li data-auditid={record.auditid} className="flex flex-col gap-1 border-t border-slate-200 px-4 py-3 first:border-t-0 dark:border-slate-800">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
        <p className="min-w-0 font-medium break-words">
          {sentence}
          {outcome && (
            <Badge tone={record.result === 'failed' ? 'amber' : 'red'} icon={<WarningIcon size={14} />} className="ml-2 align-middle">
              {outcome}
            </Badge>
          )}
        </p>
        <span className={`text-sm whitespace-nowrap ${muted}`}>
          <When record={record} />
        </span>
      </div>
      <p className={`flex flex-wrap gap-x-3 text-xs ${muted}`}>
        {record.role && <span>{ROLE_NAMES[record.role]}</span>}
        {record.email && record.email !== record.username && <span className="break-all">{record.email}</span>}
        {record.ip && <span>From {record.ip}</span>}
        {record.lockid && record.lockname && <span className="break-all">Lock ID {record.lockid}</span>}
        <span>Record {record.auditid}</span>
      </p>
      {record.detail && <p className={`text-sm break-words whitespace-pre-line ${muted}`}>{record.detail}</p>}
    </li>
  );
}
