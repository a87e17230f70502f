import { DENIAL_REASON_LABELS } from '@contract/event-labels';
import type { AccessCheck } from '@/api/access-check';
import { Badge } from '@/components/badge';
import { muted } from '@/components/page-styles';

/** The answer in words: "Yes" or "No" first (the colour only repeats it), then why. */
export function CheckAnswer({ check, who, door, when }: { check: AccessCheck; who: string; door: string; when: string }) {
  return (
    <div className="flex flex-col gap-1 text-sm">
      <p className="flex flex-wrap items-center gap-2 font-medium">
        <Badge tone={check.allowed ? 'green' : 'red'}>{check.allowed ? 'Yes' : 'No'}</Badge>
        {check.allowed ? `${who} can open ${door} ${when}.` : `${who} cannot open ${door} ${when}.`}
      </p>
      {!check.allowed && check.reason && <p>Reason: {DENIAL_REASON_LABELS[check.reason]}</p>}
      {check.explanation && <p className={muted}>{check.explanation}</p>}
    </div>
  );
}
