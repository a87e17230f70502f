import { Badge, type Tone } from './badge';
import { Icon, type IconName } from './icons';

/**
 * Each lock status → its label, colour and icon, in one table: used by the badges, the filter
 * chips and the legend, so they can never disagree.
 */
interface StatusLook {
  label: string;
  tone: Tone;
  /** Its sprite icon; inside a badge it takes the badge's size (index.css `.badge > svg`). */
  icon: IconName;
}

export const LOCK_STATUS = {
  online: { label: 'Online', tone: 'green', icon: 'online' },
  offline: { label: 'Offline', tone: 'gray', icon: 'offline' },
  locked: { label: 'Locked', tone: 'slate', icon: 'lock' },
  unlocked: { label: 'Unlocked', tone: 'amber', icon: 'unlock' },
  lowbattery: { label: 'Low battery', tone: 'red', icon: 'battery-low' },
  unknown: { label: 'Unknown', tone: 'gray', icon: 'question' },
  lockdown: { label: 'Lockdown', tone: 'red', icon: 'lock' },
} as const satisfies Record<string, StatusLook>;

export type LockStatusKey = keyof typeof LOCK_STATUS;

/**
 * A lock's connection and lock state as status keys. An offline (or unknown) lock's lock state is
 * only its last known one.
 */
export function lockStatuses(lock: { online: boolean | null; open: boolean | null }) {
  const connection = lock.online === null ? 'unknown' : lock.online ? 'online' : 'offline';
  const state = lock.open === null ? 'unknown' : lock.open ? 'unlocked' : 'locked';
  return { connection, state, lastKnown: connection !== 'online' && state !== 'unknown' } as const;
}

export function StatusBadge({ status, lastKnown, className }: { status: LockStatusKey; lastKnown?: boolean; className?: string }) {
  const look = LOCK_STATUS[status];
  return (
    <Badge tone={look.tone} icon={<Icon name={look.icon} size={null} />} className={className}>
      {lastKnown ? `${look.label} (last known)` : look.label}
    </Badge>
  );
}
