import { useState } from 'react';
import { type Role, type RoleInput, type RolePreview, previewRoleChange, useUpdateRole } from '@/api/roles';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { FormPanel } from '@/components/list-frame';
import { showToast } from '@/lib/toasts';
import { RoleForm } from './role-form';
import { describePreview } from './role-text';

/** What saving would change, line by line, or that it changes nobody's access. */
function PreviewLines({ preview }: { preview: RolePreview }) {
  const lines = describePreview(preview);
  if (lines.length === 0) return <p>Nobody’s access changes.</p>;
  return (
    <ul aria-label="What changes" className="flex flex-col gap-1">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

/**
 * Editing a role: saving first asks the platform what would change (`?preview=1`) and shows it
 * ("12 people gain Loading dock") before the change is made for every member.
 */
export function RoleEdit({ role, onDone }: { role: Role; onDone: () => void }) {
  const update = useUpdateRole();
  const [previewing, setPreviewing] = useState(false);
  const [pending, setPending] = useState<{ input: RoleInput; preview: RolePreview } | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  const ask = (input: RoleInput) => {
    setRefusal(null);
    setPreviewing(true);
    previewRoleChange(role.roleid, input).then(
      (preview) => setPending({ input, preview }),
      (error: unknown) => setRefusal(error instanceof Error ? error.message : 'The change could not be checked.'),
    ).finally(() => setPreviewing(false));
  };
  const confirm = () => {
    if (!pending || update.isPending) return;
    update.mutate(
      { roleid: role.roleid, ...pending.input },
      {
        onSuccess: (saved) => {
          setPending(null);
          onDone();
          showToast({ tone: 'success', title: `${saved.name} saved`, body: 'Every member’s access follows it.' });
        },
      },
    );
  };

  return (
    <FormPanel label={`Edit ${role.name}`}>
      <RoleForm
        initial={{ name: role.name, grants: role.grants }}
        submitLabel="Save"
        pendingLabel="Checking…"
        pending={previewing}
        error={refusal}
        onSubmit={ask}
        onCancel={onDone}
      />
      <ConfirmDialog
        open={pending !== null}
        title={`Save ${pending?.input.name ?? role.name}?`}
        confirmLabel={update.isPending ? 'Saving…' : 'Save the role'}
        error={update.isError ? update.error.message : null}
        onConfirm={confirm}
        onCancel={() => {
          update.reset();
          setPending(null);
        }}
      >
        {pending && <PreviewLines preview={pending.preview} />}
      </ConfirmDialog>
    </FormPanel>
  );
}
