import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { appConfigQuery } from '@/api/app-config';
import { type AuditItem, auditExportUrl, useAuditList } from '@/api/audit';
import { lockGroupQueries } from '@/api/lockgroups';
import { sessionQueries } from '@/api/session';
import { Loading } from '@/components/load-state';
import { PageDescription, PageFrame, PageHeading } from '@/components/page-frame';
import { useUrlState } from '@/lib/use-url-state';
import { AuditFilters, type Named } from './audit-filters';
import { AuditList } from './audit-list';
import { card, linkButton, muted } from './audit-styles';
import { isBadRange, isFiltered, readAuditView, toAuditFilters, writeAuditView } from './audit-view';
import { VerifyButton } from './verify-button';

/** The accounts named on the records shown, by name, once each. */
function peopleOf(records: readonly AuditItem[]): Named[] {
  const byId = new Map<string, string>();
  for (const r of records) if (r.userid !== null && r.username) byId.set(String(r.userid), r.username);
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

function Shell({ children }: { children: ReactNode }) {
  return (
    <PageFrame>
      <PageHeading title="Audit trail">
        <PageDescription>Who did what, newest first. Records are never edited or deleted; “Verify” checks that none was.</PageDescription>
      </PageHeading>
      {children}
    </PageFrame>
  );
}

function Trail() {
  const [view, setView] = useUrlState(readAuditView, writeAuditView);
  const impossible = isBadRange(view);
  const filters = toAuditFilters(view);
  const list = useAuditList(filters, view.before.at(-1) ?? null, !impossible);
  const lockGroups = useQuery(appConfigQuery).data?.features.lockGroups ?? false;
  const groups = useQuery({ ...lockGroupQueries.everyGroup(), enabled: lockGroups }).data ?? [];
  const records = list.data?.records ?? [];
  const personName = records.find((r) => String(r.personid) === view.personid)?.personname ?? null;
  return (
    <>
      <AuditFilters
        view={view}
        onChange={setView}
        people={peopleOf(records)}
        groups={groups.map((g) => ({ id: String(g.groupid), name: g.name }))}
        personName={personName}
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <VerifyButton />
        {impossible ? (
          <button type="button" disabled className={`${linkButton} cursor-not-allowed opacity-60`}>
            Export CSV
          </button>
        ) : (
          <a href={auditExportUrl(filters)} download className={linkButton}>
            Export CSV
          </a>
        )}
      </div>
      <AuditList
        state={{ page: impossible ? undefined : list.data, error: list.error, stale: list.isPlaceholderData, impossible, filtered: isFiltered(view), onRetry: () => void list.refetch() }}
        depth={view.before.length}
        onOlder={(beforeid) => setView({ before: [...view.before, beforeid] })}
        onNewer={() => setView({ before: view.before.slice(0, -1) })}
      />
    </>
  );
}

/** `/audit` (managers): the gateway's audit trail, filtered in the URL, exported as CSV, verified on demand. */
export function AuditPage() {
  const user = useQuery(sessionQueries.me()).data?.user;
  return (
    <Shell>
      {user && user.role !== 'manager' ? (
        <section aria-label="Audit trail" className={`${card} p-4 text-sm`}>
          <h2 className="mb-1 font-semibold">Only managers can see the audit trail</h2>
          <p className={muted}>Your account is read-only. Ask a manager if you need to know who did something.</p>
        </section>
      ) : user ? (
        <Trail />
      ) : (
        <Loading layout="list" label="Loading…" />
      )}
    </Shell>
  );
}

export default AuditPage;
