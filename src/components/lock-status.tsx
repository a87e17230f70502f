import type { ReactNode } from 'react';
import { Badge, type Tone } from './badge';
import { BatteryLowIcon, LockIcon, OfflineIcon, OnlineIcon, QuestionIcon, UnlockIcon } from './icons';

/**
 * Each lock status → its label, colour and icon, in one table: used by the badges, the filter
 * chips and the legend, so they can never disagree.
 */
interface StatusLook {
  label: string;
  tone: Tone;
  icon: ReactNode;
}

export const LOCK_STATUS = {
  online: { label: 'Online', tone: 'green', icon: <OnlineIcon size={14} /> },
  offline: { label: 'Offline', tone: 'gray', icon: <OfflineIcon size={14} /> },
  locked: { label: 'Locked', tone: 'slate', icon: <LockIcon size={14} /> },
  unlocked: { label: 'Unlocked', tone: 'amber', icon: <UnlockIcon size={14} /> },
  lowbattery: { label: 'Low battery', tone: 'red', icon: <BatteryLowIcon size={14} /> },
  unknown: { label: 'Unknown', tone: 'gray', icon: <QuestionIcon size={14} /> },
} as const satisfies Record<string, StatusLook>;

export type LockStatusKey = keyof typeof LOCK_STATUS;

export function StatusBadge({ status, label, className }: { status: LockStatusKey; label?: string; className?: string }) {
  const look = LOCK_STATUS[status];
  return (
    <Badge tone={look.tone} icon={look.icon} className={className}>
      {label ?? look.label}
    </Badge>
  );
}
