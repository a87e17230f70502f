import type { Kysely, Selectable, Transaction } from 'kysely';
import type { RuleBody } from '../../../contract/team-alerts-schemas';
import type { AlertRule } from '../../../contract/team-alerts';
import type { AlertRuleTable, Database } from '../../store/schema';
import { ruleFromRow } from '../../store/wire';

function columns(rule: RuleBody) {
  return {
    name: rule.name,
    kind: rule.kind,
    enabled: rule.enabled ? 1 : 0,
    scope: JSON.stringify(rule.scope),
    threshold_s: rule.threshold_s,
    schedule: rule.schedule === null ? null : JSON.stringify(rule.schedule),
    when_mode: rule.when,
    contactids: JSON.stringify(rule.contactids),
    escalate_after_s: rule.escalate_after_s,
    escalate_contactids: JSON.stringify(rule.escalate_contactids),
  };
}

export class RulesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<AlertRule[]> {
    const rows = await this.db.selectFrom('alert_rules').selectAll().orderBy('ruleid').execute();
    return rows.map(ruleFromRow);
  }

  async find(ruleid: number): Promise<AlertRule | undefined> {
    const row = await this.db.selectFrom('alert_rules').selectAll().where('ruleid', '=', ruleid).executeTakeFirst();
    return row && ruleFromRow(row);
  }

  async create(rule: RuleBody, now: number): Promise<AlertRule> {
    const row = await this.db
      .insertInto('alert_rules')
      .values({ ...columns(rule), created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return ruleFromRow(row);
  }

  async update(ruleid: number, rule: RuleBody, now: number): Promise<AlertRule | undefined> {
    const row = await this.db
      .updateTable('alert_rules')
      .set({ ...columns(rule), updated_at: now })
      .where('ruleid', '=', ruleid)
      .returningAll()
      .executeTakeFirst();
    return row && ruleFromRow(row);
  }

  async delete(ruleid: number): Promise<AlertRule | undefined> {
    const row = await this.db.deleteFrom('alert_rules').where('ruleid', '=', ruleid).returningAll().executeTakeFirst();
    return row && ruleFromRow(row);
  }
}

/**
 * Takes a deleted contact out of every rule's recipients; a rule left with nobody to escalate to
 * stops escalating. Runs inside the contact's deletion.
 */
export async function removeContactFromRules(trx: Transaction<Database>, contactid: number, now: number): Promise<number[]> {
  const rows: Selectable<AlertRuleTable>[] = await trx.selectFrom('alert_rules').selectAll().execute();
  const changed: number[] = [];
  for (const row of rows) {
    const rule = ruleFromRow(row);
    if (!rule.contactids.includes(contactid) && !rule.escalate_contactids.includes(contactid)) continue;
    const escalate = rule.escalate_contactids.filter((id) => id !== contactid);
    await trx
      .updateTable('alert_rules')
      .set({
        contactids: JSON.stringify(rule.contactids.filter((id) => id !== contactid)),
        escalate_contactids: JSON.stringify(escalate),
        escalate_after_s: escalate.length === 0 ? null : rule.escalate_after_s,
        updated_at: now,
      })
      .where('ruleid', '=', row.ruleid)
      .execute();
    changed.push(row.ruleid);
  }
  return changed;
}
