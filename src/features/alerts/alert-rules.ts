import { CRITICAL_BATTERY_LEVEL } from '@contract/constants';
import { platformDateToMs } from '@contract/platform-date';
import type { LockEvent } from '@/api/events';
import { DENIAL_REASON_LABELS, EVENT_METHOD_LABELS } from '@contract/event-labels';

/**
 * The alert rules, pure and clock-free (the caller passes `now`): which events become alerts,
 * when an offline lock's alert falls due, when a door counts as left unlocked, which "back online"
 * follows which "offline", which alerts pop up, which the list may drop, and how a burst becomes
 * one toast.
 */
export type AlertKind =
  | 'left-unlocked'
  | 'unlocked'
  | 'locked'
  | 'offline'
  | 'online'
  | 'battery-low'
  | 'battery-critical'
  | 'access-denied'
  | 'access-denied-burst'
  | 'away-summary';

/** What becomes of an alert of one kind: it pops up (and is listed), is only listed, or is not made at all. */
export type AlertMode = 'popup' | 'list' | 'off';

/** The kinds a user chooses a mode for, in the order the settings show them. */
export const CHOOSABLE_KINDS = [
  'access-denied-burst',
  'left-unlocked',
  'offline',
  'online',
  'battery-critical',
  'battery-low',
  'access-denied',
  'unlocked',
  'locked',
] as const satisfies readonly AlertKind[];
export type ChoosableKind = (typeof CHOOSABLE_KINDS)[number];

/** Exceptional events: they can be listed only, never turned off. */
export const ALWAYS_LISTED: ReadonlySet<AlertKind> = new Set<AlertKind>(['left-unlocked', 'offline', 'battery-critical', 'access-denied-burst']);

/** "Repeated access denied": this many refusals at one lock… */
export const BURST_DENIALS = 3;
/** …within this span of event time (first to last, inclusive) is a possible break-in attempt. */
export const BURST_WINDOW_MS = 5 * 60_000;

/** "Door left unlocked" after this many minutes (null = never). */
export const LEFT_UNLOCKED_CHOICES = [5, 10, 30, 60] as const;

export interface AlertPreferences {
  modes: Record<ChoosableKind, AlertMode>;
  /** Minutes a door may stay unlocked before it is an alert; null turns the rule off. */
  leftUnlockedAfterMin: number | null;
  /** Browser notifications while Lockboard's tab is in the background (opt-in). */
  notify: boolean;
}

/**
 * Only the exceptional pops up by default: a possible break-in, a door left unlocked, an offline
 * lock, a battery running out. A single refused attempt (an expired card, a code outside its hours)
 * is listed, not popped up: it happens every day. Routine door use (a card, keypad, app or fingerprint at the door, another manager's remote
 * command) is opt-in: Activity lists every event anyway.
 */
export const DEFAULT_PREFERENCES: AlertPreferences = {
  modes: {
    'access-denied-burst': 'popup',
    'left-unlocked': 'popup',
    offline: 'popup',
    online: 'list',
    'battery-critical': 'popup',
    'battery-low': 'popup',
    'access-denied': 'list',
    unlocked: 'off',
    locked: 'off',
  },
  leftUnlockedAfterMin: 10,
  notify: false,
};

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
  /** Stays at the top of the lists until the user dismisses it (a possible break-in). */
  pinned?: boolean;
  /** A door left unlocked that the user locked from the alert ("Lock now"): when, epoch ms. */
  lockedAt?: number;
}

export interface PendingOffline {
  eventid: number;
  lockName: string;
  since: number;
}

/** A door the feed last saw unlocked. */
export interface OpenDoor {
  /** The unlock that opened it (the alert's id comes from it). */
  eventid: number;
  lockName: string;
  since: number;
  /** Who opened it and how ("by Amara Okafor · Card"). */
  by: string;
  /** Its "left unlocked" alert has been made: never twice for one unlock. */
  told: boolean;
}

/** The refused attempts lately seen at one lock, and the burst they made, if any. */
export interface DenialTrack {
  /** Event times (epoch ms), oldest first, of the refusals not yet part of a burst. */
  recent: number[];
  /** The burst told for this lock: later refusals within the window of its last are folded into it. */
  burst?: { id: string; first: number; last: number; count: number };
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
  /** Unlocked doors not locked again since (kept from before this field existed: may be missing). */
  openDoors?: Record<string, OpenDoor>;
  /** Refused attempts per lock, for "Repeated access denied" (may be missing, like `openDoors`). */
  denials?: Record<string, DenialTrack>;
}

export interface RuleSettings {
  offlineAfterMs: number;
  timezone: string;
  /** The signed-in user: their own remote commands are not alerts (the command said so already). */
  userid: number | null;
  /** Which kinds are made at all ('off' ones are not); every kind is made when absent. */
  modes?: Partial<Record<AlertKind, AlertMode>>;
  /** How long a door may stay unlocked before it is an alert; null or absent = never. */
  leftUnlockedAfterMs?: number | null;
}

/** The rule settings that come from a user's preferences. */
export function ruleSettingsFrom(preferences: AlertPreferences): Pick<RuleSettings, 'modes' | 'leftUnlockedAfterMs'> {
  return {
    modes: preferences.modes,
    leftUnlockedAfterMs: preferences.leftUnlockedAfterMin === null ? null : preferences.leftUnlockedAfterMin * 60_000,
  };
}

/**
 * What the platform says of a lock's state, read after a door fell due: `false` (locked) means the
 * feed missed its lock event, and the door is not reported; `'timed'` (unlocked on purpose for a
 * while: the platform will relock it) is not a forgotten door either, and is looked at again on the
 * next poll until its relock arrives; `true` or `null` (unknown) changes nothing.
 */
export type PlatformOpen = Record<string, boolean | 'timed' | null>;

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

/** "Jamal Carter, Card: Access expired" (an attempt without a name is "Someone"). */
export function describeDenial(event: Pick<LockEvent, 'username' | 'method' | 'reason'>): string {
  const person = event.username ?? 'Someone';
  const how = event.method ? `, ${EVENT_METHOD_LABELS[event.method]}` : '';
  return `${person}${how}: ${event.reason ? DENIAL_REASON_LABELS[event.reason] : 'Reason not given'}`;
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

function made(settings: RuleSettings, kind: AlertKind): boolean {
  return settings.modes?.[kind] !== 'off' || ALWAYS_LISTED.has(kind);
}

const DENIALS_KEPT_MS = 2 * BURST_WINDOW_MS;

function burstText(name: string, count: number, first: number, last: number): Pick<Alert, 'title' | 'detail'> {
  const span = Math.max(5, Math.ceil((last - first) / 60_000));
  return { title: `Possible break-in attempt at ${name}`, detail: `${count} refused attempts in ${span} minutes.` };
}

/**
 * One refusal at `at` for a lock's track: folded into the lock's burst when it falls within the
 * window of it (an update of its alert, never a second one), else counted; `fired` when it makes
 * `BURST_DENIALS` within `BURST_WINDOW_MS` of one another (in event time, whatever order they came in).
 */
function trackDenial(track: DenialTrack, at: number, id: string): { track: DenialTrack; fired?: true; folded?: true } {
  const { burst } = track;
  if (burst && at >= burst.first - BURST_WINDOW_MS && at <= burst.last + BURST_WINDOW_MS) {
    return { track: { ...track, burst: { ...burst, first: Math.min(burst.first, at), last: Math.max(burst.last, at), count: burst.count + 1 } }, folded: true };
  }
  const newest = Math.max(at, ...track.recent);
  const recent = [...track.recent, at].filter((t) => t >= newest - DENIALS_KEPT_MS).sort((a, b) => a - b);
  for (let i = 0; i < recent.length; i++) {
    const start = recent[i] ?? 0;
    const inWindow = recent.filter((t) => t >= start && t - start <= BURST_WINDOW_MS);
    if (inWindow.length >= BURST_DENIALS && inWindow.includes(at)) {
      const last = Math.max(...inWindow);
      return { track: { recent: recent.filter((t) => !inWindow.includes(t)), burst: { id, first: start, last, count: inWindow.length } }, fired: true };
    }
  }
  return { track: { ...track, recent } };
}

/** The doors whose "left unlocked" alert is due at `now`. */
function doorsDue(state: WatcherState, now: number, settings: RuleSettings): string[] {
  const after = settings.leftUnlockedAfterMs;
  if (after === null || after === undefined) return [];
  return Object.entries(state.openDoors ?? {})
    .filter(([, door]) => !door.told && now - door.since >= after)
    .map(([lockid]) => lockid);
}

/**
 * Applies new events (oldest first) and the passing of time; returns the new state and the alerts
 * that arose. `platform` holds the platform's word on doors that are due (see `doorsDue`).
 */
export function step(
  state: WatcherState,
  events: readonly LockEvent[],
  now: number,
  settings: RuleSettings,
  platform: PlatformOpen = {},
): { state: WatcherState; alerts: Alert[]; updates: Alert[] } {
  let openDoors: Record<string, OpenDoor> = { ...state.openDoors };
  let denials: Record<string, DenialTrack> = { ...state.denials };
  const updates = new Map<string, Alert>();
  const next: WatcherState = {
    cursor: state.cursor,
    cursorAt: now,
    pendingOffline: { ...state.pendingOffline },
    shownOffline: { ...state.shownOffline },
  };
  const alerts: Alert[] = [];
  const push = (alert: Alert) => {
    if (made(settings, alert.kind)) alerts.push(alert);
  };
  for (const event of events) {
    if (event.eventid <= next.cursor) continue; // seen already: nothing is ever told twice
    next.cursor = event.eventid;
    if (event.lockid === null) continue; // a group's access change: no door to watch
    const name = event.lockName ?? event.lockid;
    const at = platformDateToMs(event.date, settings.timezone) ?? now;
    const base = { lockid: event.lockid, lockName: name, at, read: false };
    switch (event.type) {
      case 'unlocked':
      case 'locked':
        // Any lock closes the door, a platform relock (`system`) included; an unlock opens it (a
        // second unlock of an open door changes nothing: it has been open since the first).
        if (event.type === 'locked') openDoors = without(openDoors, event.lockid);
        else if (!openDoors[event.lockid]) openDoors[event.lockid] = { eventid: event.eventid, lockName: name, since: at, by: who(event), told: false };
        // Not news: the user's own remote command (its result was shown), a door relocking itself.
        if (event.method === 'remote' && event.userid !== null && event.userid === settings.userid) break;
        if (event.type === 'locked' && event.method === 'system' && event.userid === null) break;
        push({ ...base, id: `${event.type}:${event.eventid}`, kind: event.type, title: `${name} ${event.type}`, detail: who(event) });
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
          push({ ...base, id: `online:${event.eventid}`, kind: 'online', title: `${name} is back online`, detail: `It was offline for ${minutes(at - since)}.` });
        }
        break;
      case 'battery_low': {
        const critical = event.battery !== null && event.battery <= CRITICAL_BATTERY_LEVEL;
        push({
          ...base,
          id: `battery:${event.eventid}`,
          kind: critical ? 'battery-critical' : 'battery-low',
          title: `${name} battery ${critical ? 'critical' : 'low'}`,
          detail: event.battery === null ? 'Replace the batteries soon.' : `${event.battery} % — replace the batteries ${critical ? 'now' : 'soon'}.`,
        });
        break;
      }
      case 'access_denied': {
        push({ ...base, id: `access-denied:${event.eventid}`, kind: 'access-denied', title: `Access denied at ${name}`, detail: describeDenial(event) });
        const result = trackDenial(denials[event.lockid] ?? { recent: [] }, at, `access-burst:${event.eventid}`);
        denials = { ...denials, [event.lockid]: result.track };
        const burst = result.track.burst;
        if (!burst || !(result.fired || result.folded)) break;
        const alert: Alert = { ...base, id: burst.id, kind: 'access-denied-burst', at: burst.last, pinned: true, ...burstText(name, burst.count, burst.first, burst.last) };
        if (result.fired) push(alert);
        else if (!alerts.some((a) => a.id === burst.id)) updates.set(burst.id, alert);
        else alerts.splice(alerts.findIndex((a) => a.id === burst.id), 1, alert); // fired in this very poll: told once, as it stands now
        break;
      }
      default:
        break;
    }
  }
  // A lock quiet for a day is forgotten (a day, not minutes: the platform's clock may not be the browser's).
  denials = Object.fromEntries(Object.entries(denials).filter(([, track]) => now - Math.max(track.burst?.last ?? 0, ...track.recent) <= AWAY_MAX_MS));
  for (const [lockid, pending] of Object.entries(next.pendingOffline)) {
    if (now - pending.since < settings.offlineAfterMs) continue;
    next.pendingOffline = without(next.pendingOffline, lockid);
    next.shownOffline[lockid] = { since: pending.since };
    push({
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
  // Checked on every poll, events or none: a door that stays unlocked with nothing more said falls due on time.
  for (const lockid of doorsDue({ ...next, openDoors }, now, settings)) {
    const door = openDoors[lockid];
    if (!door) continue;
    if (platform[lockid] === false) {
      openDoors = without(openDoors, lockid); // the platform has it locked: its lock event never reached the feed
      continue;
    }
    if (platform[lockid] === 'timed') continue;
    openDoors[lockid] = { ...door, told: true };
    push({
      id: `left-unlocked:${door.eventid}`,
      kind: 'left-unlocked',
      lockid,
      lockName: door.lockName,
      title: `${door.lockName} left unlocked`,
      detail: `Unlocked for ${minutes(now - door.since)}, since ${clock.format(door.since)}, ${door.by}.`,
      at: door.since + (settings.leftUnlockedAfterMs ?? 0),
      read: false,
    });
  }
  return { state: { ...next, openDoors, denials }, alerts, updates: [...updates.values()] };
}

/** One toast per alert, but a burst of one kind (more than `COALESCE_ABOVE`) becomes a single toast. */
export const COALESCE_ABOVE = 3;

const BURST_TITLE: Record<AlertKind, (n: number) => string> = {
  'left-unlocked': (n) => `${n} doors left unlocked`,
  unlocked: (n) => `${n} doors unlocked`,
  locked: (n) => `${n} doors locked`,
  offline: (n) => `${n} locks went offline`,
  online: (n) => `${n} locks back online`,
  'battery-low': (n) => `${n} batteries low`,
  'battery-critical': (n) => `${n} batteries critical`,
  'access-denied': (n) => `${n} refused attempts at doors`,
  'access-denied-burst': (n) => `${n} possible break-in attempts`,
  'away-summary': (n) => `${n} summaries`,
};

export interface ToastPlan {
  kind: AlertKind;
  title: string;
  detail: string;
  /** Where the toast leads: the lock, or the alert list for a burst or a summary. */
  href: string;
  count: number;
  /** The alert of a toast for one alert (its "Lock now" finds it by this id). */
  alertId?: string;
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
          alertId: alert.id,
        });
      }
    }
  }
  return plans;
}

/** The alerts that pop up under these preferences (a summary of time away always does). */
export function toastWorthy(alerts: readonly Alert[], preferences: Pick<AlertPreferences, 'modes'>): Alert[] {
  return alerts.filter((a) => a.kind === 'away-summary' || preferences.modes[a.kind] === 'popup');
}

/** Offline locks, critical batteries, doors left unlocked and possible break-ins stay on screen until dismissed. */
export function isCritical(kind: AlertKind): boolean {
  return kind === 'offline' || kind === 'battery-critical' || kind === 'left-unlocked' || kind === 'access-denied-burst';
}

/** Routine door use: the first to go when the list is full. */
const ROUTINE: ReadonlySet<AlertKind> = new Set<AlertKind>(['unlocked', 'locked']);

/** How many alerts the list keeps; unread critical ones may go past it (up to `MAX_KEPT`). */
export const MAX_ALERTS = 300;
/** A ceiling for storage's sake, reached only by thousands of unread critical alerts. */
export const MAX_KEPT = 5000;

/** 0 goes first: read ones, then unread routine use, then other unread ones; unread critical ones never (below `MAX_KEPT`). */
function dropRank(alert: Alert): number {
  if (alert.pinned) return 3;
  if (alert.read) return 0;
  if (ROUTINE.has(alert.kind)) return 1;
  if (isCritical(alert.kind)) return 3;
  return 2;
}

/**
 * The alerts the list keeps (newest first, as given): at most `max`, making room by dropping the
 * oldest of the lowest rank first, so that an unread "offline", "battery critical" or "left
 * unlocked" is never pushed out by routine ones.
 */
export function capAlerts(alerts: readonly Alert[], max = MAX_ALERTS): Alert[] {
  if (alerts.length <= max) return [...alerts];
  let excess = alerts.length - max;
  const drop = new Set<Alert>();
  for (let rank = 0; rank <= 2 && excess > 0; rank++) {
    for (let i = alerts.length - 1; i >= 0 && excess > 0; i--) {
      const alert = alerts[i];
      if (alert && dropRank(alert) === rank) {
        drop.add(alert);
        excess--;
      }
    }
  }
  const kept = alerts.filter((a) => !drop.has(a));
  return kept.slice(0, MAX_KEPT);
}
