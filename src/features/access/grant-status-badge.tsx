import type { GrantStatus } from '@contract/constants';
import { GRANT_STATUS_LABELS } from '@contract/event-labels';
import { Badge, type Tone } from '@/components/badge';

const TONE: Record<GrantStatus, Tone> = {
  active: 'green',
  scheduled: 'blue',
  expired: 'amber',
  revoked: 'gray',
};

/** A grant's status in words (Active, Scheduled, Expired, Revoked); the colour only repeats it. */
export function GrantStatusBadge({ status }: { status: GrantStatus }) {
  return <Badge tone={TONE[status]}>{GRANT_STATUS_LABELS[status]}</Badge>;
}
