import { type Kysely, sql } from 'kysely';

/**
 * Ubehandlet, Forfall and the restanserapport find the N-notater a user follows up through
 * their internal-recipient (IM) rows, as they find the others through
 * journalpost(saksbehandler_id): an index keeps that lookup off a full scan. Frozen; never
 * import app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index korrespondansepart_intern_mottaker_ix on korrespondansepart (bruker_id) where korrespondanseparttype = 'IM'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('korrespondansepart_intern_mottaker_ix').execute();
}
