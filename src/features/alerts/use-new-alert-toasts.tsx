import { useEffect, useRef, useState } from 'react';
import type { InboxAlert } from '@/api/team-alerts';
import { showToast } from '@/lib/toasts';
import { LockNow } from './lock-now';
import { alertHref } from './severity';

/** Past this many new alerts in one poll, one toast says how many. */
export const MAX_SEPARATE_TOASTS = 3;

function toastOne(alert: InboxAlert) {
  showToast({
    tone: alert.severity === 'critical' ? 'critical' : 'info',
    title: alert.title,
    body: alert.detail || undefined,
    action: { label: alert.lockid ? 'Open the lock' : 'Open the alerts', href: alertHref(alert.lockid) },
    control: alert.kind === 'left-unlocked' && alert.lockid ? <LockNow lockid={alert.lockid} lockName={alert.lockName} /> : undefined,
    group: 'alert',
  });
}

/** What the polite status region says of a poll's new alerts. */
export function announcementOf(fresh: readonly InboxAlert[]): string {
  if (fresh.length === 1 && fresh[0]) return `New alert: ${fresh[0].title}`;
  return `${fresh.length} new alerts`;
}

/**
 * Toasts for open alerts this tab has not seen before: none for what the first load finds (the
 * bell counts those), one each for a few, one "N new alerts" for a storm. Returns the announcement.
 */
export function useNewAlertToasts(alerts: readonly InboxAlert[] | undefined): string {
  const seen = useRef<Set<number> | null>(null);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (!alerts) return;
    if (seen.current === null) {
      seen.current = new Set(alerts.map((a) => a.alertid));
      return;
    }
    const known = seen.current;
    const fresh = alerts.filter((a) => !known.has(a.alertid));
    for (const a of fresh) known.add(a.alertid);
    if (fresh.length === 0) return;
    if (fresh.length > MAX_SEPARATE_TOASTS) {
      showToast({
        tone: fresh.some((a) => a.severity === 'critical') ? 'critical' : 'info',
        title: `${fresh.length} new alerts`,
        action: { label: 'Open the alerts', href: '/alerts' },
        group: 'alert',
      });
    } else {
      fresh.forEach(toastOne);
    }
    setAnnouncement(announcementOf(fresh));
  }, [alerts]);
  return announcement;
}
