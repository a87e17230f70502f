import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { appConfigQuery } from '@/api/app-config';
import { roleQueries, useCreateRole } from '@/api/roles';
import { sessionQueries } from '@/api/session';
import { ListBody, ListSection, ListToolbar } from '@/components/list-frame';
import { FeatureUnavailable, PageDescription, PageFrame, PageHeading } from '@/components/page-frame';
import { usePageTitle } from '@/lib/page-title';
import { showToast } from '@/lib/toasts';
import { RoleCard } from './role-card';
import { RoleForm } from './role-form';

function NewRole({ onDone }: { onDone: () => void }) {
  const create = useCreateRole();
  return (
    <RoleForm
      submitLabel="Create role"
      pendingLabel="Creating…"
      pending={create.isPending}
      error={create.isError ? create.error.message : null}
      onCancel={onDone}
      onSubmit={(input) =>
        create.mutate(input, { onSuccess: (role) => { onDone(); showToast({ tone: 'success', title: `${role.name} created`, body: 'Add people to it from its Members.' }); } })
      }
    />
  );
}

/**
 * `/roles`: access roles — a named set of doors, methods and hours that every member holds. A
 * manager creates, edits (seeing first who gains and loses what), deletes and changes members.
 */
export function RolesPage() {
  usePageTitle('Roles');
  const config = useQuery(appConfigQuery).data;
  const user = useQuery(sessionQueries.me()).data?.user;
  const [q, setQ] = useState('');
  const enabled = !!config?.features.roles;
  const list = useQuery({ ...roleQueries.list(), enabled, refetchInterval: config ? config.pollIntervalMs : false });

  const heading = (
    <PageHeading title="Roles">
      <PageDescription>Access that comes with a job: everyone in a role can open its doors, the way and at the hours it says.</PageDescription>
    </PageHeading>
  );
  if (!config) return <PageFrame>{heading}</PageFrame>;
  if (!enabled) {
    return (
      <PageFrame>
        {heading}
        <FeatureUnavailable label="Roles" title="Roles are not available">This Plus Platform has no access roles.</FeatureUnavailable>
      </PageFrame>
    );
  }
  const isManager = user?.role === 'manager';
  const roles = list.data?.roles;
  const shown = (roles ?? []).filter((r) => r.name.toLowerCase().includes(q.trim().toLowerCase()));
  const empty = !roles || shown.length > 0 ? null : roles.length === 0 ? { message: 'There are no roles yet.', action: null } : { message: 'No role matches your filter.', action: { label: 'Clear the filter', onClick: () => setQ('') } };
  return (
    <PageFrame>
      {heading}
      <ListToolbar
        create={isManager ? { label: 'New role', title: 'New role', form: (close) => <NewRole onDone={close} /> } : null}
        readOnlyNote={user ? 'Your account is read-only: a manager creates and changes roles and who is in them.' : null}
        search={{ label: 'Filter roles', placeholder: 'Filter by name', value: q, onChange: setQ }}
      />
      <ListSection label="Roles" busy={!roles && !list.isError}>
        <ListBody loaded={!!roles} query={list} loadingLabel="Loading the roles…" failedTitle="The roles could not be loaded." empty={empty}>
          <ul>
            {shown.map((role) => (
              <RoleCard key={role.roleid} role={role} isManager={isManager} />
            ))}
          </ul>
        </ListBody>
      </ListSection>
    </PageFrame>
  );
}

export default RolesPage;
