import { type Kysely, type Selectable, sql } from 'kysely';
import type { TeamAlertsQuery } from '../../../contract/team-alerts-schemas';
import type { RuleKind, TeamAlert } from '../../../contract/team-alerts';
import type { AlertTable, Database } from '../../store/schema';
import { alertFromRow } from '../../store/wire';

type AlertRow = Selectable<AlertTable>;

/** Kinds whose alert is about a moment, not a lasting condition: acknowledging one also closes it. */
export const MOMENT_KINDS: readonly RuleKind[] = ['access-denied', 'access-denied-burst', 'door-used', 'lockdown', 'secrets-burst'];

/** The open list is not paged; this only bounds an answer if something floods the store. */
const MAX_OPEN = 1000;

const SEVERITY_RANK = sql<number>`case severity when 'critical' then 0 when 'warning' then 1 else 2 end`;

export class AlertsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private filtered(query: Pick<TeamAlertsQuery, 'kind' | 'lockid' | 'groupid'>) {
    let select = this.db.selectFrom('alerts').selectAll();
    if (query.kind) select = select.where('kind', '=', query.kind);
    if (query.lockid) select = select.where('lockid', '=', query.lockid);
    if (query.groupid) select = select.where('groupid', '=', query.groupid);
    return select;
  }

  /** Every open alert: critical first, then warning, then info; newest first within each. */
  async open(query: TeamAlertsQuery): Promise<AlertRow[]> {
    return this.filtered(query)
      .where('closed_at', 'is', null)
      .orderBy(SEVERITY_RANK)
      .orderBy('opened_at', 'desc')
      .orderBy('alertid', 'desc')
      .limit(MAX_OPEN)
      .execute();
  }

  /** Every alert, newest first, a page before `beforeid`; with the count of all that match. */
  async page(query: TeamAlertsQuery): Promise<{ rows: AlertRow[]; total: number }> {
    let select = this.filtered(query);
    if (query.beforeid) select = select.where('alertid', '<', query.beforeid);
    const rows = await select.orderBy('alertid', 'desc').limit(query.limit).execute();
    const count = await this.filtered(query)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return { rows, total: Number(count?.n ?? 0) };
  }

  async find(alertid: number): Promise<AlertRow | undefined> {
    return this.db.selectFrom('alerts').selectAll().where('alertid', '=', alertid).executeTakeFirst();
  }

  /** The alerts as `userid` sees them: each with the user's own read mark. */
  async withReads(userid: number, rows: readonly AlertRow[]): Promise<TeamAlert[]> {
    if (rows.length === 0) return [];
    const mark = await this.db.selectFrom('alert_read_marks').select('read_upto').where('userid', '=', userid).executeTakeFirst();
    const upto = mark?.read_upto ?? 0;
    const unmarked = rows.filter((r) => r.alertid > upto).map((r) => r.alertid);
    const read = new Set<number>();
    for (let at = 0; at < unmarked.length; at += 500) {
      const chunk = unmarked.slice(at, at + 500);
      const found = await this.db.selectFrom('alert_reads').select('alertid').where('userid', '=', userid).where('alertid', 'in', chunk).execute();
      for (const r of found) read.add(r.alertid);
    }
    return rows.map((row) => alertFromRow(row, row.alertid <= upto || read.has(row.alertid)));
  }

  /**
   * Acknowledges an open or closed alert once: who, when, the note; escalation stops; a moment's
   * alert closes. False when someone acknowledged it first (the update is conditional, so two
   * managers at once cannot both win).
   */
  async acknowledge(alertid: number, by: { userid: number; name: string }, note: string | null, now: number): Promise<boolean> {
    const row = await this.find(alertid);
    if (!row) return false;
    const closes = MOMENT_KINDS.includes(row.kind as RuleKind) && row.closed_at === null;
    const result = await this.db
      .updateTable('alerts')
      .set({
        acked_by_userid: by.userid,
        acked_by_name: by.name,
        acked_at: now,
        ack_note: note,
        escalate_at: null,
        updated_at: now,
        ...(closes ? { closed_at: now, closed_reason: null, open_key: null } : {}),
      })
      .where('alertid', '=', alertid)
      .where('acked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Marks these alerts read for the user (ids of alerts that do not exist are ignored). */
  async markRead(userid: number, alertids: readonly number[]): Promise<number> {
    if (alertids.length === 0) return 0;
    const existing = await this.db.selectFrom('alerts').select('alertid').where('alertid', 'in', [...alertids]).execute();
    if (existing.length === 0) return 0;
    await this.db
      .insertInto('alert_reads')
      .values(existing.map((r) => ({ userid, alertid: r.alertid })))
      .onConflict((oc) => oc.columns(['userid', 'alertid']).doNothing())
      .execute();
    return existing.length;
  }

  /** Marks every alert there is now read for the user. */
  async markAllRead(userid: number): Promise<void> {
    const newest = await this.db.selectFrom('alerts').select((eb) => eb.fn.max('alertid').as('top')).executeTakeFirst();
    const top = Number(newest?.top ?? 0);
    if (top === 0) return;
    await this.db
      .insertInto('alert_read_marks')
      .values({ userid, read_upto: top })
      .onConflict((oc) =>
        oc.column('userid').doUpdateSet({
          read_upto: sql<number>`case when excluded.read_upto > alert_read_marks.read_upto then excluded.read_upto else alert_read_marks.read_upto end`,
        }),
      )
      .execute();
    // The single marks this one covers are no longer needed.
    await this.db.deleteFrom('alert_reads').where('userid', '=', userid).where('alertid', '<=', top).execute();
  }
}
