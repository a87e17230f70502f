import { useState } from 'react';
import { type Person, useRevokeAllAccess } from '@/api/access';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { WarningIcon } from '@/components/icons';
import { showToast } from '@/lib/toasts';
import { describeOffboarding } from './people-view';

/**
 * Offboarding: "Remove all access…" behind a typed confirmation (the person's name) that says how
 * many grants will end; afterwards the outcome is a toast and a line on the page (`onDone`).
 */
export function RemoveAllAccess({ person, onDone }: { person: Person; onDone: (report: string) => void }) {
  const revokeAll = useRevokeAllAccess();
  const [confirming, setConfirming] = useState(false);
  const count = person.grantCount;

  const onConfirm = () => {
    if (revokeAll.isPending) return;
    revokeAll.mutate(person.userid, {
      onSuccess: (ended) => {
        setConfirming(false);
        const report = describeOffboarding(ended, person.name);
        showToast({ tone: 'success', title: report, body: ended > 0 ? 'Their grants stay in the list as revoked.' : undefined });
        onDone(report);
      },
    });
  };

  return (
    <>
      <Button
        variant="danger"
        onClick={() => {
          revokeAll.reset();
          setConfirming(true);
        }}
      >
        Remove all access…
      </Button>
      <ConfirmDialog
        open={confirming}
        title={`Remove all of ${person.name}’s access?`}
        confirmLabel={revokeAll.isPending ? 'Removing…' : 'Remove all access'}
        typeToConfirm={person.name}
        onConfirm={onConfirm}
        onCancel={() => setConfirming(false)}
        options={
          revokeAll.isError ? (
            <p role="alert" className="flex gap-2 text-sm font-medium text-red-700 dark:text-red-300">
              <WarningIcon className="mt-0.5 shrink-0" />
              {revokeAll.error.message}
            </p>
          ) : undefined
        }
      >
        {count > 0
          ? `${count === 1 ? 'Their 1 active or scheduled grant ends' : `All ${count.toLocaleString()} of their active and scheduled grants end`} now, on every lock and group: no door will open for them. The grants stay in their history as revoked.`
          : 'They hold no active or scheduled grant now; anything left will end.'}
      </ConfirmDialog>
    </>
  );
}
