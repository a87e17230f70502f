import { useState } from 'react';
import { Link } from 'react-router';
import { type Role, useDeleteRole } from '@/api/roles';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { muted, textLink } from '@/components/page-styles';
import { useDisclosure } from '@/components/use-disclosure';
import { showToast } from '@/lib/toasts';
import { RoleEdit } from './role-edit';
import { RoleMembers } from './role-members';
import { describeMemberCount, describeRoleDeletion, describeRoleGrant } from './role-text';

function DeleteRole({ role }: { role: Role }) {
  const remove = useDeleteRole();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <Button size="sm" variant="danger" onClick={() => { remove.reset(); setConfirming(true); }} aria-label={`Delete ${role.name}…`}>
        Delete…
      </Button>
      <ConfirmDialog
        open={confirming}
        title={`Delete the role ${role.name}?`}
        confirmLabel={remove.isPending ? 'Deleting…' : 'Delete role'}
        error={remove.isError ? remove.error.message : null}
        onConfirm={() => remove.mutate(role.roleid, { onSuccess: () => { setConfirming(false); showToast({ tone: 'success', title: `${role.name} deleted` }); } })}
        onCancel={() => setConfirming(false)}
      >
        {describeRoleDeletion(role.memberCount)}
      </ConfirmDialog>
    </>
  );
}

/** One role on the Roles page: its name, how many are in it, its doors in words; a manager edits, deletes and changes members. */
export function RoleCard({ role, isManager }: { role: Role; isManager: boolean }) {
  const edit = useDisclosure();
  const members = useDisclosure();
  return (
    <li className="flex flex-col gap-1.5 border-t border-slate-200 px-4 py-3 first:border-t-0 dark:border-slate-800" data-roleid={role.roleid}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4">
        <h2 className="font-semibold break-words">{role.name}</h2>
        <Link to={`/people?role=${role.roleid}`} className={`text-sm ${textLink}`}>
          {describeMemberCount(role.memberCount)}
        </Link>
      </div>
      {role.grants.length === 0 ? (
        <p className={`text-sm ${muted}`}>Gives no access yet.</p>
      ) : (
        <ul aria-label={`Doors of ${role.name}`} className="text-sm">
          {role.grants.map((grant, index) => (
            <li key={index}>{describeRoleGrant(grant)}</li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap gap-2">
        <Button size="sm" {...members.buttonProps} aria-label={`Members of ${role.name}`}>
          Members
        </Button>
        {isManager && (
          <>
            <Button size="sm" {...edit.buttonProps} aria-label={`Edit ${role.name}`}>
              Edit
            </Button>
            <DeleteRole role={role} />
          </>
        )}
      </div>
      <div id={edit.regionId}>{edit.open && <RoleEdit role={role} onDone={edit.close} />}</div>
      <div id={members.regionId}>{members.open && <RoleMembers role={role} canChange={isManager} />}</div>
    </li>
  );
}
