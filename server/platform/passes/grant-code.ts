import type Database from 'better-sqlite3';
import type { Grant } from '../../../contract/access';
import { toPlatformDate } from '../../../contract/envelope';
import type { GrantsRepository } from '../access/grants-repository';
import { HttpError } from '../http/errors';

/**
 * A new keypad code for one grant (`POST /api/grants/:grantid/passcode`): the old code stops
 * working, `code_sent_date` is now (UTC). 404 for an unknown grant; 409 for a grant that is not a
 * keypad grant, or is revoked or expired.
 */
export function createGrantCodeRotation(db: Database.Database, deps: { grants: GrantsRepository; now: () => Date }) {
  const { grants, now } = deps;
  const setCode = db.prepare<[string, string, number]>('UPDATE grants SET passcode = ?, code_sent_date = ? WHERE grantid = ?');
  return (grantid: number): { grant: Grant; passcode: string } =>
    db.transaction(() => {
      const grant = grants.find(grantid);
      if (grant.method !== 'keypad') throw new HttpError(409, `grantid: grant ${grantid} is a ${grant.method} grant; only a keypad grant has a code`);
      if (grant.status === 'revoked' || grant.status === 'expired') {
        throw new HttpError(409, `grantid: grant ${grantid} is ${grant.status}; it needs no new code`);
      }
      // The current code is still live while a new one is drawn, so the two always differ.
      const passcode = grants.freePasscode([grant.lockid !== null ? { lockid: grant.lockid } : { groupid: grant.groupid as number }]);
      setCode.run(passcode, toPlatformDate(now()), grantid);
      return { grant: grants.find(grantid), passcode };
    })();
}
