import { type Kysely, sql } from 'kysely';

/**
 * Indexes shaped for the reads that a million journalposter made slow. Frozen; never import
 * app code.
 *
 * - The restanserapport reads a unit's open restanser (restanse.sql.ts, both branches): the
 *   two partial indexes of 0015 now carry every column the report and the baskets' skjerming
 *   read (INCLUDE), so a unit's few thousand restanser, spread over ten years of journal, come
 *   from the small index alone (an index-only scan) instead of one random heap page each. Same
 *   names, same predicates, same leading columns: the baskets read them as before. Each row's
 *   sak is read for its number and grading from a covering index on its key likewise.
 * - Search ranks only the newest hits of a common word: the open search vectors by
 *   journaldato, the graded ones likewise, and document text by the time its text was stored,
 *   so "the newest hits" is an index scan that stops, not a sort of every hit.
 */
const RESTANSE = `feilregistrert_dato is null and not avskrevet
      and (journalposttype = 'I' or (journalposttype = 'U' and forfallsdato is not null and journalstatus in ('E','J','A')))`;
const NOTAT = `feilregistrert_dato is null and not avskrevet and journalposttype = 'N' and journalstatus in ('E','J','A')`;
const DEKKER = `system_id, sak_id, journalposttype, journalstatus, dokumentnummer, administrativ_enhet_id, tilgangskode, skjermingsnivaa, tittel, tittel2`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index journalpost_restanse_ix`.execute(db);
  await sql.raw(`create index journalpost_restanse_ix on journalpost (saksbehandler_id, forfallsdato, journaldato) include (${DEKKER}) where ${RESTANSE}`).execute(db);
  await sql`drop index journalpost_restanse_notat_ix`.execute(db);
  await sql.raw(`create index journalpost_restanse_notat_ix on journalpost (system_id) include (${DEKKER.replace('system_id, ', '')}, saksbehandler_id, forfallsdato, journaldato) where ${NOTAT}`).execute(db);
  await sql`create index sak_nummer_skjerming_ix on sak (system_id) include (saksaar, sakssekvensnummer, tilgangskode, skjermingsnivaa, saksansvarlig_id)`.execute(db);

  await sql`create index sok_journalpost_aapen_dato_ix on sok_journalpost (journaldato desc) where aapen`.execute(db);
  await sql`create index sok_journalpost_graderte_dato_ix on sok_journalpost (journaldato desc) where not aapen`.execute(db);
  await sql`create index dokument_tekst_dato_ix on dokument_tekst (oppdatert_dato desc) where sok is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const ix of ['dokument_tekst_dato_ix', 'sok_journalpost_graderte_dato_ix', 'sok_journalpost_aapen_dato_ix', 'sak_nummer_skjerming_ix', 'journalpost_restanse_notat_ix', 'journalpost_restanse_ix']) await sql`drop index ${sql.raw(ix)}`.execute(db);
  await sql.raw(`create index journalpost_restanse_ix on journalpost (saksbehandler_id, forfallsdato) where ${RESTANSE}`).execute(db);
  await sql.raw(`create index journalpost_restanse_notat_ix on journalpost (system_id) where ${NOTAT}`).execute(db);
}
