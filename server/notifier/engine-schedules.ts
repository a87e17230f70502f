import type { LockInfo } from './engine-types';
import { type Pass, lockKey } from './engine-pass';
import { clock } from './engine-text';

/**
 * A schedule that could not unlock its door (DESIGN.md, Team alerts: `schedule-failed`): the lock
 * list shows a door its schedule wants unlocked now still locked because the lock is offline (a lock
 * in lockdown is held on purpose). The platform unlocks it once it is back, inside the window; the
 * alert resolves when the list no longer shows the failure.
 */
function failedUnlock(lock: LockInfo, now: number): boolean {
  const schedule = lock.schedule;
  if (!schedule || schedule.state !== 'unlocked' || (schedule.until !== null && now >= schedule.until)) return false;
  return lock.online === false && lock.open !== true && lock.lockdown !== true;
}

export function scheduleFailures(pass: Pass): void {
  const snapshot = pass.locks;
  if (!snapshot?.fresh) return;
  const at = clock(pass.now, pass.timeZone);
  const alerted = new Set([...pass.open.values()].filter((a) => a.kind === 'schedule-failed').map((a) => a.lockid));
  for (const lock of Object.values(snapshot.locks)) {
    if (!failedUnlock(lock, pass.now)) {
      if (alerted.has(lock.lockid)) pass.resolveAt(lock.lockid, ['schedule-failed'], `${lock.lockname} is no longer kept from its schedule (the lock list at ${at}).`);
      continue;
    }
    const name = lock.schedule?.name ?? 'its schedule';
    for (const rule of pass.rulesFor('schedule-failed', lock.lockid, pass.now)) {
      const key = lockKey(rule, lock.lockid);
      if (pass.isOpen(key)) continue;
      const until = lock.schedule?.until ? ` (due unlocked until ${clock(lock.schedule.until, pass.timeZone)})` : '';
      const text = {
        title: `${name} could not unlock ${lock.lockname}`,
        detail: `${lock.lockname} is offline, so "${name}" could not unlock it${until}. It unlocks when the lock is back inside the window.`,
      };
      pass.openAlert(rule, key, lock.lockid, lock.lockname, text, pass.now);
    }
  }
}
