import { useState } from 'react';
import type { InboxAlert } from '@/api/team-alerts';

/**
 * While live updates are paused (WCAG 2.2.2) the list keeps its rows and their order: no alert comes
 * or goes. Each row still shows its latest state (an acknowledgement, a read mark) when it has one.
 */
export function useHeldWhilePaused(alerts: readonly InboxAlert[] | undefined, paused: boolean): readonly InboxAlert[] | undefined {
  const [held, setHeld] = useState<readonly InboxAlert[] | null>(null);
  const holding = paused && alerts !== undefined;
  // State adjusted while rendering (React's pattern for state derived from props): no extra pass on screen.
  if (holding && held === null) setHeld(alerts);
  if (!holding && held !== null) setHeld(null);
  if (!holding || held === null) return alerts;
  const latest = new Map(alerts.map((a) => [a.alertid, a]));
  return held.map((a) => latest.get(a.alertid) ?? a);
}
