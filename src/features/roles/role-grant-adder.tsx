import { useId, useState } from 'react';
import type { RoleGrant } from '@/api/roles';
import { Button } from '@/components/button';
import { type GrantFieldErrors, type GrantFormState, INITIAL_GRANT_FORM, buildGrantWindow } from '@/features/access/grant-form';
import { GrantMethodField, GrantScheduleFields } from '@/features/access/grant-rule-fields';
import type { ChosenDoor } from '@/features/access/grant-target';
import { LockOrGroupPicker } from '@/features/access/lock-or-group-picker';

/** A template from what was chosen: the door, the method, the days and hours (roles have no dates). */
function templateOf(door: ChosenDoor, form: GrantFormState): { grant: RoleGrant } | { errors: GrantFieldErrors } {
  const built = buildGrantWindow({ ...form, validity: 'always' });
  if ('errors' in built) return built;
  const { weekdays, startTime, endTime } = built.window;
  const where = door.kind === 'lock' ? { lockid: door.lockid, lockName: door.name, groupid: null, groupName: null } : { lockid: null, lockName: null, groupid: door.groupid, groupName: door.name };
  return { grant: { ...where, method: form.method, weekdays, startTime, endTime } };
}

/**
 * "Add a door" in the role form: the same lock-or-group picker, method and days-and-hours fields as
 * the grant access form, and a button that adds the template to the role's list (not yet saved).
 */
export function RoleGrantAdder({ onAdd }: { onAdd: (grant: RoleGrant) => void }) {
  const id = useId();
  const [door, setDoor] = useState<ChosenDoor | null>(null);
  const [form, setForm] = useState<GrantFormState>(INITIAL_GRANT_FORM);
  const [errors, setErrors] = useState<GrantFieldErrors>({});
  const update = (patch: Partial<GrantFormState>) => {
    setForm((current) => ({ ...current, ...patch }));
    setErrors({});
  };
  const add = () => {
    if (!door) {
      setErrors({ target: 'Choose a lock or a group.' });
      document.getElementById(`${id}-target`)?.focus();
      return;
    }
    const made = templateOf(door, form);
    if ('errors' in made) return setErrors(made.errors);
    onAdd(made.grant);
    setDoor(null);
    setForm(INITIAL_GRANT_FORM);
  };
  return (
    <fieldset className="flex flex-col gap-3 rounded-md p-3 ring-1 ring-slate-200 dark:ring-slate-700">
      <legend className="px-1 text-sm font-medium">Add a door</legend>
      <LockOrGroupPicker id={`${id}-target`} chosen={door} onChoose={(chosen) => { setDoor(chosen); setErrors({}); }} error={errors.target} />
      <GrantMethodField id={id} form={form} update={update} errors={errors} />
      <GrantScheduleFields id={id} form={form} update={update} errors={errors} />
      <Button size="sm" className="self-start" onClick={add}>
        Add this door to the role
      </Button>
    </fieldset>
  );
}
