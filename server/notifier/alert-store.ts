import type { Kysely, Transaction } from 'kysely';
import { RULE_KIND_INFO } from '../../contract/team-alerts';
import type { AlertRule, WebhookEventType } from '../../contract/team-alerts';
import type { Database } from '../store/schema';
import { ruleFromRow } from '../store/wire';
import type { AlertAction, OpenAlert } from './engine-types';

/** A message the messenger is to send once the pass is committed. */
export interface Enqueue {
  alertid: number;
  type: WebhookEventType;
  contactids: readonly number[];
}

type Db = Kysely<Database> | Transaction<Database>;

/** Every rule (enabled or not: an alert of a disabled rule still resolves to its contacts). */
export async function loadRules(db: Db): Promise<AlertRule[]> {
  return (await db.selectFrom('alert_rules').selectAll().orderBy('ruleid').execute()).map(ruleFromRow);
}

export async function loadOpenAlerts(db: Db): Promise<OpenAlert[]> {
  const rows = await db.selectFrom('alerts').select(['open_key', 'ruleid', 'kind', 'lockid']).where('open_key', 'is not', null).execute();
  return rows.map((r) => ({ key: r.open_key ?? '', ruleid: r.ruleid, kind: r.kind, lockid: r.lockid }));
}

export async function loadState<T>(db: Db, key: string): Promise<T | null> {
  const row = await db.selectFrom('notifier_state').select('value').where('key', '=', key).executeTakeFirst();
  if (!row) return null;
  try {
    return JSON.parse(row.value) as T;
  } catch {
    return null;
  }
}

export async function saveState(db: Db, key: string, value: unknown, now: number): Promise<void> {
  const text = JSON.stringify(value);
  await db
    .insertInto('notifier_state')
    .values({ key, value: text, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: text, updated_at: now }))
    .execute();
}

async function openOne(trx: Db, action: Extract<AlertAction, { op: 'open' }>, now: number): Promise<Enqueue> {
  const { rule } = action;
  const row = await trx
    .insertInto('alerts')
    .values({
      ruleid: rule.ruleid,
      kind: action.kind,
      severity: RULE_KIND_INFO[action.kind].severity,
      title: action.title,
      detail: action.detail,
      lockid: action.lockid,
      lockname: action.lockname,
      groupid: action.groupid ?? null,
      lockids: JSON.stringify(action.lockid ? [action.lockid] : []),
      open_key: action.key,
      opened_at: now,
      updated_at: now,
      escalated: 0,
      escalate_at: rule.escalate_after_s === null ? null : now + rule.escalate_after_s * 1000,
    })
    .returning('alertid')
    .executeTakeFirstOrThrow();
  return { alertid: row.alertid, type: 'alert.opened', contactids: rule.contactids };
}

/**
 * Writes the engine's actions (inside the pass's transaction) and says what to send: opened and
 * updated alerts to the rule's contacts, resolved ones to them and, once escalated, to the
 * escalation contacts too.
 */
export async function applyActions(trx: Db, actions: readonly AlertAction[], rules: ReadonlyMap<number, AlertRule>, now: number): Promise<Enqueue[]> {
  const out: Enqueue[] = [];
  for (const action of actions) {
    if (action.op === 'open') {
      out.push(await openOne(trx, action, now));
      continue;
    }
    const resolve = action.op === 'resolve';
    const row = await trx
      .updateTable('alerts')
      .set(
        resolve
          ? { detail: action.detail, updated_at: now, closed_at: now, closed_reason: 'resolved', open_key: null, escalate_at: null }
          : { title: action.title, detail: action.detail, updated_at: now },
      )
      .where('open_key', '=', action.key)
      .returning(['alertid', 'ruleid', 'escalated'])
      .executeTakeFirst();
    if (!row) continue;
    const rule = row.ruleid === null ? undefined : rules.get(row.ruleid);
    const contactids = [...(rule?.contactids ?? [])];
    if (resolve && row.escalated) contactids.push(...(rule?.escalate_contactids ?? []).filter((c) => !contactids.includes(c)));
    out.push({ alertid: row.alertid, type: resolve ? 'alert.resolved' : 'alert.updated', contactids });
  }
  return out;
}

/**
 * Alerts whose escalation fell due, not acknowledged nor closed: escalated (once) and told to the
 * rule's escalation contacts.
 */
export async function escalateDue(trx: Db, rules: ReadonlyMap<number, AlertRule>, now: number): Promise<Enqueue[]> {
  const due = await trx
    .updateTable('alerts')
    .set({ escalated: 1, escalate_at: null, updated_at: now })
    .where('escalate_at', '<=', now)
    .where('acked_at', 'is', null)
    .where('closed_at', 'is', null)
    .returning(['alertid', 'ruleid'])
    .execute();
  return due.map((row) => ({
    alertid: row.alertid,
    type: 'alert.escalated' as const,
    contactids: (row.ruleid === null ? undefined : rules.get(row.ruleid))?.escalate_contactids ?? [],
  }));
}
