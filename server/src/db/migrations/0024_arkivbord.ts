import { type Kysely, sql } from 'kysely';

/**
 * The archive's desk reads three small sets out of a large archive, each through its own index:
 * - journalposter waiting for journalføring (S, F, E and not removed), newest first;
 * - saker still open (R, B), the candidates for closing, oldest change first;
 * - earlier correspondents by name prefix, for the dokumentsenter's sender field.
 * Frozen; never import app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index journalpost_til_journalfoering_ix on journalpost (journaldato desc, system_id) where journalstatus in ('S','F','E') and feilregistrert_dato is null`.execute(db);
  await sql`create index sak_aapen_ix on sak (oppdatert_dato, system_id) where saksstatus in ('R','B')`.execute(db);
  // Byte order ("C"): serves both `like 'prefix%'` and the ordering, so a common prefix stops after a page.
  await sql`create index korrespondansepart_navn_ix on korrespondansepart ((lower(navn) collate "C"))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const ix of ['journalpost_til_journalfoering_ix', 'sak_aapen_ix', 'korrespondansepart_navn_ix']) await sql`drop index if exists ${sql.raw(ix)}`.execute(db);
}
