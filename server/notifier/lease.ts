import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';

/**
 * Takes or renews the lease `name` for `holder` until `now + ms`, in one statement: it is ours when
 * nobody holds it, when it has run out, or when it is already ours (SQLite and PostgreSQL both
 * serialise the upsert, so two copies never both win). Returns whether `holder` now holds it.
 */
export async function acquireLease(db: Kysely<Database>, name: string, holder: string, ms: number, now: number): Promise<boolean> {
  const row = await db
    .insertInto('leases')
    .values({ name, holder, expires_at: now + ms })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, expires_at: now + ms })
        .where((eb) => eb.or([eb('leases.expires_at', '<', now), eb('leases.holder', '=', holder)])),
    )
    .returning('holder')
    .executeTakeFirst();
  return row?.holder === holder;
}

/** Gives the lease up (only when `holder` holds it), so another copy takes over at its next poll. */
export async function releaseLease(db: Kysely<Database>, name: string, holder: string): Promise<void> {
  await db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
}

/** Who holds the lease now, if anyone. */
export async function leaseHolder(db: Kysely<Database>, name: string, now: number): Promise<string | null> {
  const row = await db.selectFrom('leases').select(['holder', 'expires_at']).where('name', '=', name).executeTakeFirst();
  return row && row.expires_at >= now ? row.holder : null;
}
