import { CRITICAL_BATTERY_LEVEL } from '@contract/constants';
import { platformDateToMs } from '@contract/platform-date';
import type { LockEvent } from '@/api/events';
import { EVENT_METHOD_LABELS } from '@contract/event-labels';

/**
 * The alert rules, pure and clock-free (the caller passes `now`): which events become alerts,
 * when an offline lock's alert falls due, which "back online" follows which "offline", and how
 * a burst becomes one toast.
 */
export type AlertKind = 'unlocked' | 'locked' | 'offline' | 'online' | 'battery-low' | 'battery-critical' | 'away-summary';

export interface Alert {
  /** Derived from the event, so that the same event can never make two alerts. */
  id: string;
  kind: AlertKind;
  lockid: string | null;
  lockName: string | null;
  title: string;
  detail: string;
  /** When it happened (or fell due), epoch ms. */
  at: number;
  read: boolean;
}

export interface PendingOffline {
  eventid: number;
  lockName: string;
  since: number;
}

/** What the watcher remembers between polls (and reloads). */
export interface WatcherState {
  /** The last event id seen. */
  cursor: number;
  /** When the cursor last moved (or was confirmed current). */
  cursorAt: number;
  /** Offline locks whose alert has not fallen due yet. */
  pendingOffline: Record<string, PendingOffline>;
  /** Locks whose offline alert was shown: their "back online" is worth telling. */
  shownOffline: Record<string, { since: number }>;
}

export interface RuleSettings {
  offlineAfterMs: number;
  timezone: string;
  /** The signed-in user: their own remote commands are not alerts (the command said so already). */
  userid: number | null;
}

/** More than this many events, or a cursor older than this, and the backlog becomes one summary. */
export const AWAY_MAX_EVENTS = 500;
export const AWAY_MAX_MS = 24 * 3600_000;


const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function minutes(ms: number): string {
  const m = Math.max(1, Math.round(ms / 60_000));
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

function who(event: LockEvent): string {
  if (event.username) return `by ${event.username}${event.method ? ` · ${EVENT_METHOD_LABELS[event.method]}` : ''}`;
  return event.method === 'system' || !event.method ? 'automatically' : `by ${EVENT_METHOD_LABELS[event.method]}`;
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

export function isAway(state: WatcherState, backlog: number, now: number): boolean {
  return backlog > AWAY_MAX_EVENTS || now - state.cursorAt > AWAY_MAX_MS;
}

export function awaySummary(count: number, now: number): Alert {
  return {
    id: `away:${now}`,
    kind: 'away-summary',
    lockid: null,
    lockName: null,
    title: `${count.toLocaleString()} event${count === 1 ? '' : 's'} while you were away`,
    detail: 'See them in Activity.',
    at: now,
    read: false,
  };
}

/** Applies new events (oldest first) and the passing of time; returns the new state and the alerts that arose. */
export function step(state: WatcherState, events: readonly LockEvent[], now: number, settings: RuleSettings): { state: WatcherState; alerts: Alert[] } {
  const next: WatcherState = {
    cursor: state.cursor,
    cursorAt: now,
    pendingOffline: { ...state.pendingOffline },
    shownOffline: { ...state.shownOffline },
  };
  const alerts: Alert[] = [];
  for (const event of events) {
    if (event.eventid <= next.cursor) continue; // seen already: nothing is ever told twice
    next.cursor = event.eventid;
    const name = event.lockName ?? event.lockid;
    const at = platformDateToMs(event.date, settings.timezone) ?? now;
    const base = { lockid: event.lockid, lockName: name, at, read: false };
    switch (event.type) {
      case 'unlocked':
      case 'locked':
        // Not news: the user's own remote command (its result was shown), a door relocking itself.
        if (event.method === 'remote' && event.userid !== null && event.userid === settings.userid) break;
        if (event.type === 'locked' && event.method === 'system' && event.userid === null) break;
        alerts.push({ ...base, id: `${event.type}:${event.eventid}`, kind: event.type, title: `${name} ${event.type}`, detail: who(event) });
        break;
      case 'offline':
        if (!next.pendingOffline[event.lockid] && !next.shownOffline[event.lockid]) {
          next.pendingOffline[event.lockid] = { eventid: event.eventid, lockName: name, since: at };
        }
        break;
      case 'online':
        if (next.pendingOffline[event.lockid]) {
          next.pendingOffline = without(next.pendingOffline, event.lockid); // a flap: back before anyone was paged
        } else if (next.shownOffline[event.lockid]) {
          const since = next.shownOffline[event.lockid]?.since ?? at;
          next.shownOffline = without(next.shownOffline, event.lockid);
          alerts.push({ ...base, id: `online:${event.eventid}`, kind: 'online', title: `${name} is back online`, detail: `It was offline for ${minutes(at - since)}.` });
        }
        break;
      case 'battery_low': {
        const critical = event.battery !== null && event.battery <= CRITICAL_BATTERY_LEVEL;
        alerts.push({
          ...base,
          id: `battery:${event.eventid}`,
          kind: critical ? 'battery-critical' : 'battery-low',
          title: `${name} battery ${critical ? 'critical' : 'low'}`,
          detail: event.battery === null ? 'Replace the batteries soon.' : `${event.battery} % — replace the batteries ${critical ? 'now' : 'soon'}.`,
        });
        break;
      }
      default:
        break;
    }
  }
  for (const [lockid, pending] of Object.entries(next.pendingOffline)) {
    if (now - pending.since < settings.offlineAfterMs) continue;
    next.pendingOffline = without(next.pendingOffline, lockid);
    next.shownOffline[lockid] = { since: pending.since };
    alerts.push({
      id: `offline:${pending.eventid}`,
      kind: 'offline',
      lockid,
      lockName: pending.lockName,
      title: `${pending.lockName} went offline`,
      detail: `Offline since ${clock.format(pending.since)} (${minutes(now - pending.since)}).`,
      at: pending.since + settings.offlineAfterMs,
      read: false,
    });
  }
  return { state: next, alerts };
}

/** One toast per alert, but a burst of one kind (more than `COALESCE_ABOVE`) becomes a single toast. */
export const COALESCE_ABOVE = 3;

const BURST_TITLE: Record<AlertKind, (n: number) => string> = {
  unlocked: (n) => `${n} doors unlocked`,
  locked: (n) => `${n} doors locked`,
  offline: (n) => `${n} locks went offline`,
  online: (n) => `${n} locks back online`,
  'battery-low': (n) => `${n} batteries low`,
  'battery-critical': (n) => `${n} batteries critical`,
  'away-summary': (n) => `${n} summaries`,
};

export interface ToastPlan {
  kind: AlertKind;
  title: string;
  detail: string;
  /** Where the toast leads: the lock, or the alert list for a burst or a summary. */
  href: string;
  count: number;
}

export function planToasts(alerts: readonly Alert[]): ToastPlan[] {
  const byKind = new Map<AlertKind, Alert[]>();
  for (const alert of alerts) byKind.set(alert.kind, [...(byKind.get(alert.kind) ?? []), alert]);
  const plans: ToastPlan[] = [];
  for (const [kind, group] of byKind) {
    if (group.length > COALESCE_ABOVE) {
      plans.push({ kind, title: BURST_TITLE[kind](group.length), detail: 'Open the alerts to see them all.', href: '/alerts', count: group.length });
    } else {
      for (const alert of group) {
        plans.push({
          kind,
          title: alert.title,
          detail: alert.detail,
          href: alert.kind === 'away-summary' ? '/activity' : alert.lockid ? `/locks/${encodeURIComponent(alert.lockid)}` : '/alerts',
          count: 1,
        });
      }
    }
  }
  return plans;
}

/** Offline locks and critical batteries stay on screen until dismissed. */
export function isCritical(kind: AlertKind): boolean {
  return kind === 'offline' || kind === 'battery-critical';
}
