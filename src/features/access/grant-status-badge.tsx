import type { GrantStatus } from '@contract/constants';
import { Badge, type Tone } from '@/components/badge';
import { useSharedClock } from '@/lib/use-now';
import type { GrantRule } from './grant-rule';
import { grantStatusWords } from './grant-time';
import { usePlatformZone } from './use-platform-clock';

const TONE: Record<GrantStatus, Tone> = {
  active: 'green',
  scheduled: 'blue',
  expired: 'amber',
  revoked: 'gray',
};

/**
 * A grant's status in words (Active, Scheduled, Expired, Revoked; "Active · outside hours now"
 * while an active grant's days and hours do not cover the platform's now, kept up to date by the
 * page's clock); the colour only repeats it.
 */
export function GrantStatusBadge({ status, rule }: { status: GrantStatus; rule: Pick<GrantRule, 'weekdays' | 'startTime' | 'endTime'> }) {
  const now = useSharedClock();
  const zone = usePlatformZone();
  // Still active (its tone), the words say the rest.
  return <Badge tone={TONE[status]}>{grantStatusWords(status, rule, now, zone)}</Badge>;
}
