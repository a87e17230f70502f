import { useState } from 'react';
import { type Pass, useEndPass, useResendPass } from '@/api/passes';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { showToast } from '@/lib/toasts';
import { useSharedClock } from '@/lib/use-now';
import { usePlatformZone } from '@/features/access/use-platform-clock';
import { describeSent } from './pass-text';

type Asking = 'resend' | 'end' | null;

/** A manager's Resend (a new code; the old one stops working) and End now, each after confirming. */
export function PassActions({ pass }: { pass: Pass }) {
  const [asking, setAsking] = useState<Asking>(null);
  const resend = useResendPass();
  const end = useEndPass();
  const now = useSharedClock();
  const zone = usePlatformZone();
  const running = asking === 'resend' ? resend : end;

  const onConfirm = () => {
    if (running.isPending) return;
    if (asking === 'resend') {
      resend.mutate(pass.passid, {
        onSuccess: ({ sent }) => {
          setAsking(null);
          showToast({ tone: 'success', title: `New code for ${pass.name}`, body: sent ? `Code ${describeSent(sent, now, zone)}.` : 'The code is on its way.' });
        },
      });
    } else {
      end.mutate(pass.passid, {
        onSuccess: () => {
          setAsking(null);
          showToast({ tone: 'success', title: `${pass.name}’s pass ended`, body: 'Its code no longer opens any door.' });
        },
      });
    }
  };
  const open = (what: Asking) => {
    resend.reset();
    end.reset();
    setAsking(what);
  };
  const error = running.isError ? running.error.message : null;

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button size="sm" onClick={() => open('resend')}>
        Resend <span className="sr-only">{pass.name}’s code</span>
      </Button>
      <Button size="sm" onClick={() => open('end')}>
        End now <span className="sr-only">{pass.name}’s pass</span>
      </Button>
      <ConfirmDialog
        open={asking !== null}
        title={asking === 'resend' ? `Send ${pass.name} a new code?` : `End ${pass.name}’s pass now?`}
        confirmLabel={asking === 'resend' ? (resend.isPending ? 'Sending…' : 'Send a new code') : end.isPending ? 'Ending…' : 'End the pass'}
        onConfirm={onConfirm}
        onCancel={() => setAsking(null)}
        error={error}
      >
        {asking === 'resend' ? 'It issues a new code and sends it by e-mail; the old one stops working.' : 'Its code stops opening doors at once.'}
      </ConfirmDialog>
    </div>
  );
}
