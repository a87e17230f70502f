import { Suspense, useId, useState } from 'react';
import { connectionProblem, useConnection } from '@/lib/connection';
import { lazyChunk } from '@/lib/lazy-chunk';
import { useHydrated } from '@/lib/use-hydrated';
import { Button } from './button';
import { LockIcon, UnlockIcon } from './icons';

/**
 * The unlock question comes with the first unlock (loading starts when a pointer or the focus
 * reaches an Unlock button): the first screen of rows needs none of it.
 */
const UnlockDialog = lazyChunk(() => import('./unlock-dialog'), { unavailable: 'inline' });

export type LockCommandName = 'lock' | 'unlock';

export interface LockControlsProps {
  lockName: string;
  /**
   * The id of an element on the page whose text is `lockName` (a table row's name cell): each button
   * is then named by its own text and that element (aria-labelledby: "Unlock Front door"), instead
   * of carrying the name again. Without it the name is in the button, for screen readers only.
   */
  nameId?: string;
  /** Current lock state: true = unlocked. */
  open: boolean | null;
  online: boolean | null;
  /** A command for this lock is on its way. */
  pending: LockCommandName | null;
  /** `durationS`: an unlock that relocks by itself after that many seconds. */
  onCommand: (command: LockCommandName, durationS?: number) => void;
  /** `row`: one button for the opposite of the current state; `full`: both. */
  variant: 'row' | 'full';
  /** The platform can relock by itself: the unlock dialog offers a relock delay. */
  timedUnlock?: boolean;
}

const PENDING_LABEL = { lock: 'Locking…', unlock: 'Unlocking…' } as const;

/** Why the commands are unavailable: the connection (lib/connection.ts), or the lock offline or unknown (a row says it short). */
function whyNoCommands(variant: LockControlsProps['variant'], online: boolean | null, connection: string | null): string {
  const row = variant === 'row';
  if (connection) return connection;
  if (online === null) return row ? 'Connection unknown' : 'Connection unknown: commands are disabled';
  return row ? 'Offline: no commands' : 'Offline: commands cannot reach this lock';
}

/**
 * Remote lock and unlock. "Lock" acts at once; "Unlock" asks first, naming the lock (and offering
 * to relock by itself when the platform can): unlocking a door by accident is the mistake that
 * matters. An offline lock cannot be commanded, and says why.
 *
 * Focus stays put (WAI-ARIA): each button is one element for its whole life. While a command runs
 * or the lock is offline it is `aria-disabled` (still focusable), not `disabled` (which would drop
 * the focus to <body>); a row's single button changes its label from "Unlock" to "Unlocking…" to
 * "Lock" in place; the dialog gives the focus back to the button that opened it.
 */
export function LockControls({ lockName, nameId, open, online, pending, onCommand, variant, timedUnlock = false }: LockControlsProps) {
  const [confirming, setConfirming] = useState(false);
  const reactId = useId();
  // A server-rendered page's buttons do nothing until it has hydrated: until then they say so (disabled)
  // rather than take a click that is lost.
  const live = useHydrated();
  // Short when derived from the row's name id: a table carries one per offline row.
  const noteId = nameId ? `${nameId}n` : reactId;
  // The server out of reach, or the data failing ("Connection lost"): no command can reach a door either.
  const connection = connectionProblem(useConnection(), variant === 'row');
  const offline = online !== true || connection !== null;
  const busy = pending !== null;
  const unavailable = offline || busy;

  const button = (command: LockCommandName, props: { disabled: boolean; primary?: boolean; keyed?: boolean }) => {
    const label = pending === command ? PENDING_LABEL[command] : command === 'lock' ? 'Lock' : 'Unlock';
    const blocked = props.disabled || unavailable;
    // In a table row, 16 px by the table's CSS rather than by attributes (25 rows repeat it).
    const iconSize = nameId ? ({ size: null } as const) : {};
    const id = nameId && `${nameId}${command === 'lock' ? 'l' : 'u'}`;
    return (
      <Button
        key={props.keyed ? command : undefined}
        id={id}
        aria-labelledby={id && `${id} ${nameId}`}
        size="sm"
        variant={props.primary ? 'primary' : 'secondary'}
        disabled={!live || undefined}
        aria-disabled={blocked || undefined}
        aria-describedby={offline && !busy ? noteId : undefined}
        onClick={() => {
          if (blocked) return;
          if (command === 'lock') onCommand('lock');
          else setConfirming(true);
        }}
        onPointerEnter={command === 'unlock' ? () => void UnlockDialog.preload() : undefined}
        onFocus={command === 'unlock' ? () => void UnlockDialog.preload() : undefined}
      >
        {pending !== command && (command === 'lock' ? <LockIcon {...iconSize} /> : <UnlockIcon {...iconSize} />)}
        {label}
        {!nameId && <span className="sr-only">{` ${lockName}`}</span>}
      </Button>
    );
  };

  let buttons;
  if (variant === 'full') {
    // While one command runs, only its button stays (saying so); the other comes back after.
    buttons = [
      pending !== 'unlock' && button('lock', { disabled: open === false, keyed: true }),
      pending !== 'lock' && button('unlock', { disabled: open === true, primary: true, keyed: true }),
    ];
  } else {
    // One element whatever the state, so that the focus survives the label changing. Unknown state:
    // offer the safe action.
    const command: LockCommandName = pending ?? (open === false ? 'unlock' : 'lock');
    buttons = button(command, { disabled: false });
  }

  const note = offline && !busy && (
    <p id={noteId} className="lock-controls-note">
      {whyNoCommands(variant, online, connection)}
    </p>
  );
  // Mounted only while asking: a table of locks does not carry a dialog per row.
  const dialog = confirming && (
    <Suspense fallback={null}>
      <UnlockDialog
        lockName={lockName}
        timedUnlock={timedUnlock}
        onCancel={() => setConfirming(false)}
        onConfirm={(durationS) => {
          setConfirming(false);
          onCommand('unlock', durationS);
        }}
      />
    </Suspense>
  );
  if (variant === 'row') {
    // A row's one button and its note sit in the table cell itself: 25 rows need no box around them
    // (the note keeps its distance with a margin, index.css).
    return (
      <>
        {buttons}
        {note}
        {dialog}
      </>
    );
  }
  return (
    <div className="flex flex-col items-start gap-1">
      <div className="flex flex-wrap gap-2">{buttons}</div>
      {note}
      {dialog}
    </div>
  );
}
