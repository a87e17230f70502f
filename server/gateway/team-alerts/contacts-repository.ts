import type { Kysely, Transaction } from 'kysely';
import type { Contact, ContactChannel } from '../../../contract/team-alerts';
import type { Database } from '../../store/schema';
import { contactFromRow } from '../../store/wire';
import { removeContactFromRules } from './rules-repository';

export class ContactsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<Contact[]> {
    const rows = await this.db.selectFrom('contacts').selectAll().orderBy('contactid').execute();
    return rows.map(contactFromRow);
  }

  async find(contactid: number): Promise<Contact | undefined> {
    const row = await this.db.selectFrom('contacts').selectAll().where('contactid', '=', contactid).executeTakeFirst();
    return row && contactFromRow(row);
  }

  /** The first of these ids that names no contact, or null when all exist. */
  async firstMissing(contactids: readonly number[]): Promise<number | null> {
    if (contactids.length === 0) return null;
    const found = await this.db.selectFrom('contacts').select('contactid').where('contactid', 'in', [...contactids]).execute();
    const known = new Set(found.map((r) => r.contactid));
    return contactids.find((id) => !known.has(id)) ?? null;
  }

  async create(input: { name: string; channel: ContactChannel; address: string; secret: string | null }, now: number): Promise<Contact> {
    const row = await this.db
      .insertInto('contacts')
      .values({ ...input, enabled: 1, failing: 0, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return contactFromRow(row);
  }

  async update(contactid: number, change: { name?: string; address?: string; enabled?: boolean }): Promise<Contact | undefined> {
    const set = {
      ...(change.name === undefined ? {} : { name: change.name }),
      ...(change.address === undefined ? {} : { address: change.address }),
      ...(change.enabled === undefined ? {} : { enabled: change.enabled ? 1 : 0 }),
    };
    if (Object.keys(set).length === 0) return this.find(contactid);
    const row = await this.db.updateTable('contacts').set(set).where('contactid', '=', contactid).returningAll().executeTakeFirst();
    return row && contactFromRow(row);
  }

  /** Deletes the contact and takes it out of every rule, together (and `also`, e.g. its audit record, in the same transaction). */
  async delete(
    contactid: number,
    now: number,
    also?: (trx: Transaction<Database>, deleted: { contact: Contact; rulesChanged: number[] }) => Promise<void>,
  ): Promise<{ contact: Contact; rulesChanged: number[] } | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.deleteFrom('contacts').where('contactid', '=', contactid).returningAll().executeTakeFirst();
      if (!row) return undefined;
      const rulesChanged = await removeContactFromRules(trx, contactid, now);
      const deleted = { contact: contactFromRow(row), rulesChanged };
      await also?.(trx, deleted);
      return deleted;
    });
  }
}
