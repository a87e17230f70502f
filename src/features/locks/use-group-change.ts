import { useState } from 'react';
import { type LockGroup, useChangeGroupMembers, useCreateLockGroup } from '@/api/lockgroups';
import type { LockGroupRef } from '@/api/locks';
import { plural } from '@/lib/format';
import { showToast } from '@/lib/toasts';
import { type Selection, groupsOfSelection, withGroupChange } from './selection';
import { messageOf } from './use-bulk-run';

export type GroupChoice = { groupid: number } | { newName: string };

/**
 * "Add to group" / "Remove from group" for the selection: the dialog's mode, the groups it offers
 * (every group to add to; to remove from, the selection's own groups when it knows them all), and
 * the change itself (a new group is created first), toasted and announced; an error keeps the dialog.
 */
export function useGroupChange({
  selection,
  groups,
  onUpdate,
  announce,
}: {
  selection: Selection;
  groups: readonly LockGroup[] | undefined;
  onUpdate: (change: (selection: Selection) => Selection) => void;
  announce: (message: string) => void;
}) {
  const createGroup = useCreateLockGroup();
  const changeMembers = useChangeGroupMembers();
  const [mode, setMode] = useState<'add' | 'remove' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const { groups: selectedGroups, complete } = groupsOfSelection(selection);
  const everyGroup: LockGroupRef[] = (groups ?? []).map((g) => ({ groupid: g.groupid, name: g.name }));
  const dialogGroups = mode === 'add' || !complete ? everyGroup : selectedGroups;

  const submit = async (choice: GroupChoice) => {
    const lockids = [...selection.keys()];
    setError(null);
    try {
      let target: { groupid: number; name: string };
      if ('newName' in choice) {
        const created = await createGroup.mutateAsync({ name: choice.newName });
        target = { groupid: created.groupid, name: created.name };
      } else {
        target = { groupid: choice.groupid, name: everyGroup.find((g) => g.groupid === choice.groupid)?.name ?? `Group ${choice.groupid}` };
      }
      const adding = mode === 'add';
      await changeMembers.mutateAsync({ groupid: target.groupid, ...(adding ? { add: lockids } : { remove: lockids }) });
      setMode(null);
      onUpdate((current) => withGroupChange(current, target, adding));
      const title = adding ? `Added ${plural(lockids.length, 'lock')} to ${target.name}` : `Removed ${plural(lockids.length, 'lock')} from ${target.name}`;
      showToast({ title, tone: 'success' });
      announce(title);
    } catch (caught) {
      setError(messageOf(caught, 'The group could not be changed.'));
    }
  };

  const open = (next: 'add' | 'remove') => {
    setError(null);
    setMode(next);
  };
  const busy = createGroup.isPending || changeMembers.isPending;
  return { mode, error, dialogGroups, busy, submit, open, close: () => setMode(null) };
}
