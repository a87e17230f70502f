import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { appConfigQuery } from '@/api/app-config';
import { peopleExportUrl } from '@/api/people-import';
import { sessionQueries } from '@/api/session';
import { textLink } from '@/components/page-styles';
import { ImportCsvButton } from './import-dialog';

/**
 * On the people page: "Export CSV" (the list's filters, read from the page's address: `q` is the
 * search) and a manager's "Import CSV". An export imports again.
 */
export function PeopleCsvTools() {
  const roles = useQuery(appConfigQuery).data?.features.roles;
  const isManager = useQuery(sessionQueries.me()).data?.user?.role === 'manager';
  const [params] = useSearchParams();
  if (!roles) return null;
  const filters = { searchkey: params.get('q') ?? undefined, status: params.get('status') ?? undefined, roleid: params.get('role') ?? undefined, department: params.get('department') ?? undefined, visitor: params.get('visitor') ?? undefined };
  return (
    <div className="flex flex-wrap items-center gap-3">
      {isManager && <ImportCsvButton />}
      <a href={peopleExportUrl(filters)} download className={textLink}>
        Export CSV
      </a>
    </div>
  );
}
