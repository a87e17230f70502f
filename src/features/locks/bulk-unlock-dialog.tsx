import { useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { formatDuration } from '@/components/relock';
import { RelockChoice } from '@/components/relock-choice';
import { plural } from '@/lib/format';
import { unlockQuestion } from './selection';

/**
 * "Unlock 4 locks in Bulk C?" for the bulk bar, mounted while it asks. Where the platform relocks by
 * itself (`timedUnlock`) it offers the single unlock's "Lock again" choice, which reaches every lock
 * (`onConfirm` gets the seconds, undefined for "Not automatically").
 */
export function BulkUnlockDialog({
  count,
  groupName,
  timedUnlock,
  onConfirm,
  onCancel,
}: {
  count: number;
  groupName: string | null;
  timedUnlock: boolean;
  onConfirm: (durationS: number | undefined) => void;
  onCancel: () => void;
}) {
  const [durationS, setDurationS] = useState(0);
  const locks = plural(count, 'lock');
  const one = count === 1;
  return (
    <ConfirmDialog
      open
      title={unlockQuestion(count, groupName)}
      confirmLabel={durationS > 0 ? `Unlock ${locks} for ${formatDuration(durationS)}` : `Unlock ${locks}`}
      onConfirm={() => onConfirm(durationS > 0 ? durationS : undefined)}
      onCancel={onCancel}
      options={timedUnlock ? <RelockChoice value={durationS} onChange={setDurationS} /> : undefined}
    >
      {durationS > 0
        ? `${one ? 'The door opens' : 'These doors open'} to anyone, and ${one ? 'locks' : 'each locks'} again by itself after ${formatDuration(durationS)}. Offline locks are not reached.`
        : `${one ? 'The door will open' : 'These doors will open'} to anyone until ${one ? 'it is' : 'they are'} locked again. Offline locks are not reached.`}
    </ConfirmDialog>
  );
}
