import { type Kysely, sql } from 'kysely';

/**
 * The archive's list of feilregistrerte journalposter (§12.6), newest removal first: a small
 * partial index, since a removal is rare and every other read path leaves these rows out.
 * Frozen; never import app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index journalpost_feilregistrert_ix on journalpost (feilregistrert_dato desc, system_id) where feilregistrert_dato is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('journalpost_feilregistrert_ix').execute();
}
