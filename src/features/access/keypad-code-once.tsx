import { Button } from '@/components/button';
import { CopyButton } from '@/components/copy-button';
import { DialogActions, DialogTitle } from '@/components/dialog';
import { muted } from './grant-dialog-styles';

/** A new keypad grant's code, whom it is for and where. */
export interface KeypadCode {
  passcode: string;
  who: string;
  where: string;
}

/** In the grant access dialog, once the grant is made: its keypad code, shown this once, with a copy button. */
export function KeypadCodeOnce({ code, onDone }: { code: KeypadCode; onDone: () => void }) {
  return (
    <div className="flex flex-col gap-3 p-5">
      <DialogTitle>Keypad code for {code.who}</DialogTitle>
      <p className={`text-sm ${muted}`}>For {code.where}.</p>
      <div className="flex flex-wrap items-center gap-2">
        <code className="rounded bg-slate-100 px-3 py-1 font-mono text-2xl font-semibold dark:bg-slate-800" aria-label={`Keypad code for ${code.who}`}>
          {code.passcode}
        </code>
        <CopyButton value={code.passcode} label={`keypad code for ${code.who}`} />
      </div>
      <p className="text-sm">You won’t see it again here; a manager can reveal it later from the list.</p>
      <DialogActions>
        <Button variant="primary" autoFocus onClick={onDone}>
          Done
        </Button>
      </DialogActions>
    </div>
  );
}
