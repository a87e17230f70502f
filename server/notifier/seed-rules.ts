import type { Kysely } from 'kysely';
import type { RuleKind } from '../../contract/team-alerts';
import type { Database } from '../store/schema';

export const SEEDED_KEY = 'rules_seeded';

function minutes(seconds: number): string {
  if (seconds % 60 !== 0) return `${seconds} seconds`;
  const m = seconds / 60;
  return `${m} minute${m === 1 ? '' : 's'}`;
}

/**
 * The default rules of a new install, once per store (a mark in notifier_state, taken in the same
 * transaction, so two copies starting together seed once): door left unlocked 10 min, offline
 * `offlineAlertAfterS`, battery critical, possible break-in, many secrets revealed; all locks, nobody to
 * tell yet.
 */
export async function seedDefaultRules(db: Kysely<Database>, offlineAlertAfterS: number): Promise<void> {
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    const marked = await trx
      .insertInto('notifier_state')
      .values({ key: SEEDED_KEY, value: JSON.stringify({ at: now }), updated_at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!marked) return;
    const rules: { name: string; kind: RuleKind; threshold_s: number }[] = [
      { name: 'Door left unlocked for 10 minutes', kind: 'left-unlocked', threshold_s: 600 },
      { name: `Lock offline for ${minutes(offlineAlertAfterS)}`, kind: 'offline', threshold_s: offlineAlertAfterS },
      { name: 'Battery critical', kind: 'battery-critical', threshold_s: 0 },
      { name: 'Possible break-in', kind: 'access-denied-burst', threshold_s: 300 },
      // Raised by the gateway when someone reaches the reveal limit (gateway/reveal-limit.ts).
      { name: 'Many secrets revealed', kind: 'secrets-burst', threshold_s: 60 },
    ];
    await trx
      .insertInto('alert_rules')
      .values(
        rules.map((r) => ({
          ...r,
          enabled: 1,
          scope: JSON.stringify({ all: true }),
          schedule: null,
          when_mode: 'always',
          contactids: '[]',
          escalate_after_s: null,
          escalate_contactids: '[]',
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  });
}
