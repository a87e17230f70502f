import { useState } from 'react';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { GrantAccessForm } from './grant-access-form';
import type { GrantAccessTarget } from './grant-target';

export type { GrantAccessTarget } from './grant-target';

/** "Grant access" and the dialog it opens. */
export function GrantAccessButton({ target, label = 'Grant access' }: { target: GrantAccessTarget; label?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)}>
        {label}
      </Button>
      <GrantAccessDialog open={open} target={target} onClose={() => setOpen(false)} />
    </>
  );
}

/** "Grant access": a native modal dialog (../../components/dialog) holding the form (./grant-access-form), afresh each time it opens. */
export function GrantAccessDialog({ open, target, onClose }: { open: boolean; target: GrantAccessTarget; onClose: () => void }) {
  return (
    <Dialog open={open} onCancel={onClose}>
      <GrantAccessForm target={target} onClose={onClose} />
    </Dialog>
  );
}
