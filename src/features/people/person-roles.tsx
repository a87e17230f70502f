import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { Person } from '@/api/access';
import { roleQueries, useRoleMembers } from '@/api/roles';
import { Button } from '@/components/button';
import { FormError, inputClass } from '@/components/form-field';
import { card, muted, textLink } from '@/components/page-styles';
import { showToast } from '@/lib/toasts';

function AddToRole({ person, choices }: { person: Person; choices: { roleid: number; name: string }[] }) {
  const id = useId();
  const members = useRoleMembers();
  const [roleid, setRoleid] = useState('');
  if (choices.length === 0) return null;
  const add = () => {
    const role = choices.find((r) => String(r.roleid) === roleid);
    if (!role || members.isPending) return;
    members.mutate({ roleid: role.roleid, add: [person.userid] }, { onSuccess: () => { setRoleid(''); showToast({ tone: 'success', title: `${person.name} added to ${role.name}` }); } });
  };
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={id} className="mb-1 block text-sm font-medium">
            Add to a role
          </label>
          <select id={id} className={inputClass} value={roleid} onChange={(event) => setRoleid(event.target.value)}>
            <option value="">Choose a role</option>
            {choices.map((role) => (
              <option key={role.roleid} value={role.roleid}>
                {role.name}
              </option>
            ))}
          </select>
        </div>
        <Button size="sm" variant="primary" disabled={!roleid || members.isPending} onClick={add}>
          Add
        </Button>
      </div>
      {members.isError && <FormError>{members.error.message}</FormError>}
    </div>
  );
}

/** The roles a person is in; a manager adds them to one, or removes them (which ends that role's grants). */
export function PersonRoles({ person, canChange }: { person: Person; canChange: boolean }) {
  const titleId = useId();
  const roles = useQuery(roleQueries.list()).data?.roles ?? [];
  const members = useRoleMembers();
  const held = person.lifecycle.roleids.map((roleid) => ({ roleid, name: roles.find((r) => r.roleid === roleid)?.name ?? `Role ${roleid}` }));
  const archived = person.lifecycle.status === 'archived';
  const remove = (role: { roleid: number; name: string }) =>
    members.mutate({ roleid: role.roleid, remove: [person.userid] }, { onSuccess: () => showToast({ tone: 'success', title: `${person.name} removed from ${role.name}`, body: 'Their grants from the role ended.' }) });
  return (
    <section aria-labelledby={titleId} className={`${card} flex flex-col gap-2 px-4 py-3`}>
      <h2 id={titleId} className="text-lg font-semibold">
        Roles
      </h2>
      {held.length === 0 ? (
        <p className={`text-sm ${muted}`}>In no role: all their access is given individually.</p>
      ) : (
        <ul className="flex flex-col gap-1 text-sm">
          {held.map((role) => (
            <li key={role.roleid} className="flex flex-wrap items-center justify-between gap-2">
              <Link to={`/people?role=${role.roleid}`} className={textLink}>
                {role.name}
              </Link>
              {canChange && (
                <Button size="sm" disabled={members.isPending} onClick={() => remove(role)} aria-label={`Remove ${person.name} from ${role.name}`}>
                  Remove from role
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {members.isError && <FormError>{members.error.message}</FormError>}
      {canChange && !archived && <AddToRole person={person} choices={roles.filter((r) => !person.lifecycle.roleids.includes(r.roleid))} />}
    </section>
  );
}
