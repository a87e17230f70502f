import { Link } from 'react-router';
import { DENIAL_REASON_LABELS } from '@contract/event-labels';
import { platformDateToMs } from '@contract/platform-date';
import type { DoorUse, PersonLifecycle } from '@/api/people-lifecycle';
import { Badge, type Tone } from '@/components/badge';
import { muted, textLink } from '@/components/page-styles';
import { RelativeTime } from '@/components/relative-time';
import { formatGrantDate } from '@/features/access/grant-rule';

/** "Active", "Suspended until 9 Dec 2026 14:30", "Suspended", "Archived", "Visitor": the words carry it, the colour repeats it. */
export function describeStatus(person: PersonLifecycle): { text: string; tone: Tone } {
  if (person.status === 'archived') return { text: 'Archived', tone: 'gray' };
  if (person.status === 'suspended') return { text: person.suspendedUntil ? `Suspended until ${formatGrantDate(person.suspendedUntil, 'start')}` : 'Suspended', tone: 'amber' };
  return person.visitor ? { text: 'Visitor', tone: 'blue' } : { text: 'Active', tone: 'green' };
}

export function PersonStatusBadge({ person }: { person: PersonLifecycle }) {
  const { text, tone } = describeStatus(person);
  return <Badge tone={tone}>{text}</Badge>;
}

/** "Loading dock · 5 minutes ago" (and, refused, "· Outside allowed hours"); a dash when never. */
export function DoorUseText({ use, reason }: { use: DoorUse | null; reason?: keyof typeof DENIAL_REASON_LABELS | null }) {
  if (!use) return <span className={muted}>—</span>;
  // Door uses are dated in UTC, like events.
  const ms = platformDateToMs(use.date, 'UTC');
  return (
    <span className="break-words">
      <Link to={`/locks/${encodeURIComponent(use.lockid)}`} className={textLink}>
        {use.lockName ?? use.lockid}
      </Link>
      {ms !== null && (
        <span className={muted}>
          {' · '}
          <RelativeTime ms={ms} />
        </span>
      )}
      {reason && <span className={muted}> · {DENIAL_REASON_LABELS[reason]}</span>}
    </span>
  );
}
