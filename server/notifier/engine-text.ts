import { DENIAL_REASON_LABELS, EVENT_METHOD_LABELS } from '../../contract/event-labels';
import type { DenialReason, EventMethod } from '../../contract/constants';
import { formatInZone } from '../../contract/platform-date';
import type { FeedEvent } from './engine-types';

/** "21:14" on the platform's wall clock. */
export function clock(ms: number, timeZone: string): string {
  return formatInZone(ms, timeZone).slice(11, 16);
}

/** "12 min", "2 h 5 min" (at least 1 min). */
export function span(ms: number): string {
  const m = Math.max(1, Math.round(ms / 60_000));
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

function methodLabel(method: string | null): string | null {
  return method && method in EVENT_METHOD_LABELS ? EVENT_METHOD_LABELS[method as EventMethod] : null;
}

/** "by Ana Lopez · Card", "by Keypad", "automatically". */
export function who(event: Pick<FeedEvent, 'username' | 'method'>): string {
  const how = methodLabel(event.method);
  if (event.username) return `by ${event.username}${how ? ` · ${how}` : ''}`;
  return event.method === 'system' || !how ? 'automatically' : `by ${how}`;
}

/** "Jamal Carter, Card: Access expired". */
export function describeDenial(event: Pick<FeedEvent, 'username' | 'method' | 'reason'>): string {
  const how = methodLabel(event.method);
  const reason = event.reason && event.reason in DENIAL_REASON_LABELS ? DENIAL_REASON_LABELS[event.reason as DenialReason] : 'Reason not given';
  return `${event.username ?? 'Someone'}${how ? `, ${how}` : ''}: ${reason}`;
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
