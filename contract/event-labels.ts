import type { EventMethod, EventType } from './constants';

/** How each event type and method is said on screen (history, Activity, alerts). */

export const EVENT_TYPE_LABELS: Record<EventType, string> = {
  unlocked: 'Unlocked',
  locked: 'Locked',
  offline: 'Went offline',
  online: 'Came online',
  battery_low: 'Battery low',
};

export const EVENT_METHOD_LABELS: Record<EventMethod, string> = {
  remote: 'Remote',
  app: 'App',
  keypad: 'Keypad',
  fingerprint: 'Fingerprint',
  card: 'Card',
  system: 'System',
};
