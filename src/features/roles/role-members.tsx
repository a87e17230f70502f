import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { peopleQueries } from '@/api/access';
import { type Role, useRoleMembers } from '@/api/roles';
import { Button } from '@/components/button';
import { FormError } from '@/components/form-field';
import { muted, nameLink } from '@/components/page-styles';
import type { ChosenPerson } from '@/features/access/grant-target';
import { PersonPicker } from '@/features/access/person-picker';
import { showToast } from '@/lib/toasts';

/** A role's members shown at once (a bigger role is followed on the People page, filtered by it). */
const MEMBERS_SHOWN = 100;

function AddMember({ role }: { role: Role }) {
  const id = useId();
  const members = useRoleMembers();
  const [person, setPerson] = useState<ChosenPerson | null>(null);
  const add = () => {
    if (!person || members.isPending) return;
    members.mutate(
      { roleid: role.roleid, add: [person.userid] },
      { onSuccess: () => { showToast({ tone: 'success', title: `${person.name} added to ${role.name}`, body: 'They hold the role’s access now.' }); setPerson(null); } },
    );
  };
  return (
    <div className="flex flex-col gap-2">
      <PersonPicker id={`${id}-person`} person={person} onChoose={setPerson} error={undefined} />
      {members.isError && <FormError>{members.error.message}</FormError>}
      <Button size="sm" variant="primary" className="self-start" disabled={!person || members.isPending} onClick={add}>
        {person ? `Add ${person.name} to ${role.name}` : 'Choose a person to add'}
      </Button>
    </div>
  );
}

/** The people in a role, each with Remove (which ends their grants from it) for a manager, and a search to add one. */
export function RoleMembers({ role, canChange }: { role: Role; canChange: boolean }) {
  const list = useQuery(peopleQueries.list({ pagenumber: 1, limit: MEMBERS_SHOWN, roleid: role.roleid }));
  const members = useRoleMembers();
  const remove = (userid: number, name: string) =>
    members.mutate({ roleid: role.roleid, remove: [userid] }, { onSuccess: () => showToast({ tone: 'success', title: `${name} removed from ${role.name}`, body: 'Their grants from the role ended.' }) });
  const people = list.data?.items;
  return (
    <section aria-label={`Members of ${role.name}`} className="flex flex-col gap-2 rounded-md p-3 ring-1 ring-slate-200 dark:ring-slate-700">
      {list.isError && <FormError>{`The members could not be loaded: ${list.error.message}`}</FormError>}
      {!people && !list.isError && <p className={`text-sm ${muted}`}>Loading the members…</p>}
      {people && people.length === 0 && <p className={`text-sm ${muted}`}>Nobody is in this role.</p>}
      {people && people.length > 0 && (
        <ul className="flex flex-col gap-1 text-sm">
          {people.map((p) => (
            <li key={p.userid} className="flex flex-wrap items-center justify-between gap-2">
              <Link to={`/people/${p.userid}`} className={nameLink}>
                {p.name}
              </Link>
              {canChange && (
                <Button size="sm" disabled={members.isPending} onClick={() => remove(p.userid, p.name)} aria-label={`Remove ${p.name} from ${role.name}`}>
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canChange && members.isError && <FormError>{members.error.message}</FormError>}
      {canChange && <AddMember role={role} />}
    </section>
  );
}
