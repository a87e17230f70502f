import type { Person } from '@/api/access';
import { useUpdatePerson } from '@/api/access';
import { Button } from '@/components/button';
import { FormPanel } from '@/components/list-frame';
import { useDisclosure } from '@/components/use-disclosure';
import { mutationFormProps } from '@/components/use-record-form';
import { showToast } from '@/lib/toasts';
import { PersonForm, tagsOf } from './person-form';
import { PersonLifecycleActions } from './person-lifecycle';
import { RemoveAllAccess } from './remove-all-access';

/** The edit form's first values; with roles also the department and the tags (comma-separated). */
function initialValues(person: Person, withRoles: boolean) {
  const base = { name: person.name, email: person.email ?? '', phone: person.phone ?? '' };
  return withRoles ? { ...base, department: person.lifecycle.department ?? '', tags: person.lifecycle.tags.join(', ') } : base;
}

/** A manager's buttons on a person's page: edit details, and remove all access, and (with roles) suspend, reactivate, archive. */
export function ManagerActions({ person, withRoles, onOffboarded }: { person: Person; withRoles: boolean; onOffboarded: (report: string) => void }) {
  const update = useUpdatePerson();
  const edit = useDisclosure();
  const archived = withRoles && person.lifecycle.status === 'archived';
  return (
    <>
      <div className="flex flex-wrap gap-2">
        {!archived && <Button {...edit.buttonProps}>Edit details</Button>}
        {!archived && <RemoveAllAccess person={person} onDone={onOffboarded} />}
        {withRoles && <PersonLifecycleActions person={person} />}
      </div>
      <div id={edit.regionId}>
        {edit.open && !archived && (
          <FormPanel label={`Edit ${person.name}`}>
            <PersonForm
              {...mutationFormProps(update, edit.close)}
              initial={initialValues(person, withRoles)}
              submitLabel="Save"
              pendingLabel="Saving…"
              onSubmit={({ name, email, phone, department, tags }) =>
                update.mutate(
                  { userid: person.userid, name, email, phone, ...(withRoles ? { department: department?.trim() || null, tags: tagsOf(tags ?? '') } : {}) },
                  {
                    onSuccess: (saved) => {
                      edit.close();
                      showToast({ tone: 'success', title: `${saved.name} saved` });
                    },
                  },
                )
              }
            />
          </FormPanel>
        )}
      </div>
    </>
  );
}
