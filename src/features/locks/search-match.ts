import type { Lock } from '@/api/locks';

/** MAC addresses match with or without separators, as the platform's search does. */
const compact = (value: string) => value.toLowerCase().replace(/[\s:.-]/g, '');

/**
 * Why a lock is in the results when its name does not say: the first of its MAC address, SSID and
 * model that holds a search word the name lacks (the lock ID is under the name anyway). null when
 * the name explains the match, or nothing does (e.g. the lock ID).
 */
export function matchedField(lock: Pick<Lock, 'name' | 'mac' | 'ssid' | 'model'>, query: string): { label: string; value: string } | null {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const name = (lock.name ?? '').toLowerCase();
  const missing = words.filter((word) => !name.includes(word));
  if (missing.length === 0) return null;
  const fields = [
    { label: 'MAC', value: lock.mac, matches: (v: string, w: string) => compact(w) !== '' && compact(v).includes(compact(w)) },
    { label: 'SSID', value: lock.ssid, matches: (v: string, w: string) => v.toLowerCase().includes(w) },
    { label: 'Model', value: lock.model, matches: (v: string, w: string) => v.toLowerCase().includes(w) },
  ];
  for (const field of fields) {
    const value = field.value;
    if (value !== null && missing.some((word) => field.matches(value, word))) return { label: field.label, value };
  }
  return null;
}
