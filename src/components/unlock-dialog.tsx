import { useState } from 'react';
import { ConfirmDialog } from './confirm-dialog';
import { formatDuration } from './relock';
import { RelockChoice } from './relock-choice';

/**
 * "Unlock Front door?" (lock-controls.tsx), in a chunk of its own: loaded on the way to the first
 * unlock, not with the first screen. With `timedUnlock`, it offers to lock again by itself; the
 * delay chosen (seconds) goes to `onConfirm`, undefined for "Not automatically".
 */
export default function UnlockDialog({
  lockName,
  timedUnlock,
  onCancel,
  onConfirm,
}: {
  lockName: string;
  timedUnlock: boolean;
  onCancel: () => void;
  onConfirm: (durationS: number | undefined) => void;
}) {
  const [durationS, setDurationS] = useState(0);
  return (
    <ConfirmDialog
      open
      title={`Unlock ${lockName}?`}
      confirmLabel={durationS > 0 ? `Unlock for ${formatDuration(durationS)}` : 'Unlock'}
      onCancel={onCancel}
      onConfirm={() => onConfirm(durationS > 0 ? durationS : undefined)}
      options={timedUnlock ? <RelockChoice value={durationS} onChange={setDurationS} /> : undefined}
    >
      {durationS > 0
        ? `${lockName} opens for anyone, and locks again by itself after ${formatDuration(durationS)}.`
        : `${lockName} opens for anyone until it is locked again.`}
    </ConfirmDialog>
  );
}
