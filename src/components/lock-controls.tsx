import { useState } from 'react';
import { Button } from './button';
import { ConfirmDialog } from './confirm-dialog';
import { LockIcon, UnlockIcon } from './icons';

export type LockCommandName = 'lock' | 'unlock';

export interface LockControlsProps {
  lockName: string;
  /** Current lock state: true = unlocked. */
  open: boolean | null;
  online: boolean | null;
  /** A command for this lock is on its way. */
  pending: LockCommandName | null;
  onCommand: (command: LockCommandName) => void;
  /** `row`: one button for the opposite of the current state; `full`: both. */
  variant: 'row' | 'full';
}

const PENDING_LABEL = { lock: 'Locking…', unlock: 'Unlocking…' } as const;

/**
 * Remote lock and unlock. "Lock" acts at once; "Unlock" asks first, naming the lock: unlocking a
 * door by accident is the mistake that matters. An offline lock cannot be commanded, and says why.
 */
export function LockControls({ lockName, open, online, pending, onCommand, variant }: LockControlsProps) {
  const [confirming, setConfirming] = useState(false);
  const offline = online !== true;
  const busy = pending !== null;

  const lockButton = (
    <Button key="lock" size="sm" onClick={() => onCommand('lock')} disabled={offline || busy || (variant === 'full' && open === false)}>
      <LockIcon />
      Lock<span className="sr-only"> {lockName}</span>
    </Button>
  );
  const unlockButton = (
    <Button
      key="unlock"
      size="sm"
      variant={variant === 'full' ? 'primary' : 'secondary'}
      onClick={() => setConfirming(true)}
      disabled={offline || busy || (variant === 'full' && open === true)}
    >
      <UnlockIcon />
      Unlock<span className="sr-only"> {lockName}</span>
    </Button>
  );

  let buttons;
  if (pending) {
    buttons = (
      <Button size="sm" disabled aria-live="polite">
        {PENDING_LABEL[pending]}
      </Button>
    );
  } else if (variant === 'full') {
    buttons = [lockButton, unlockButton];
  } else {
    // Unknown state: offer the safe action.
    buttons = open === false ? unlockButton : lockButton;
  }

  return (
    <div className="flex flex-col items-start gap-1">
      <div className="flex flex-wrap gap-2">{buttons}</div>
      {offline && !pending && (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          {variant === 'row'
            ? online === null
              ? 'Connection unknown'
              : 'Offline: no commands'
            : online === null
              ? 'Connection unknown: commands are disabled'
              : 'Offline: commands cannot reach this lock'}
        </p>
      )}
      {/* Mounted only while asking: a table of locks does not carry a dialog per row. */}
      {confirming && (
        <ConfirmDialog
          open
          title={`Unlock ${lockName}?`}
          confirmLabel="Unlock"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            onCommand('unlock');
          }}
        >
          The door opens for anyone until it is locked again.
        </ConfirmDialog>
      )}
    </div>
  );
}
