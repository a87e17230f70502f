import { useState } from 'react';
import { ApiError } from '@/api/client';
import { useSendGrantCode } from '@/api/passes';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { muted } from '@/components/page-styles';
import { useSharedClock } from '@/lib/use-now';
import { usePlatformZone } from './use-platform-clock';
import { describeSent, describeWhen } from './sent-text';

/** Why a send failed, in words: without an e-mail address there is nowhere to send it (409). */
function sendFailure(error: Error): string {
  if (error instanceof ApiError && error.status === 409 && !/e-?mail/i.test(error.message)) return `${error.message} Add an e-mail address first.`;
  return error.message;
}

/**
 * "Send code" on a keypad grant: the person gets a new code by e-mail (the old one stops working);
 * the row then says where it went ("sent to a…@example.com at 10:42"). The code itself never
 * reaches the browser.
 */
export function SendCodeButton({ grantid, userid, who, lastSent = null }: { grantid: number; userid: number; who: string; lastSent?: string | null }) {
  const send = useSendGrantCode();
  const [asking, setAsking] = useState(false);
  const now = useSharedClock();
  const zone = usePlatformZone();
  const confirm = () => {
    if (send.isPending) return;
    send.mutate({ grantid, userid }, { onSettled: () => setAsking(false) });
  };
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button
        size="sm"
        onClick={() => {
          send.reset();
          setAsking(true);
        }}
      >
        Send code <span className="sr-only">to {who}</span>
      </Button>
      <span role="status" className={`text-sm ${muted}`}>
        {send.isSuccess ? `Code ${describeSent(send.data, now, zone)}` : lastSent && `Code last sent ${describeWhen(lastSent, now, zone) ?? ''}`}
      </span>
      {send.isError && (
        <span role="alert" className="text-sm font-medium text-red-700 dark:text-red-300">
          {sendFailure(send.error)}
        </span>
      )}
      <ConfirmDialog
        open={asking}
        title={`Send ${who} a new keypad code?`}
        confirmLabel={send.isPending ? 'Sending…' : 'Send a new code'}
        onConfirm={confirm}
        onCancel={() => setAsking(false)}
      >
        It issues a new code and sends it to {who} by e-mail; the old one stops working.
      </ConfirmDialog>
    </span>
  );
}
