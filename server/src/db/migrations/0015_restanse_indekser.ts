import { type Kysely, sql } from 'kysely';

/**
 * The desk and the restanserapport read from indexes shaped for them instead of scanning the
 * journal. Frozen; never import app code.
 *
 * - `journalpost.avskrevet`: the journalpost has an effective avskrivning (not ventende, not
 *   ***). A trigger on avskrivning keeps it in the same statement as the change, whichever
 *   routine makes it, so "not yet written off" is a column an index can hold rather than an
 *   anti-join over every journalpost a user ever had.
 * - The open restanser per saksbehandler (restanse.sql.ts, non-N branch) and the sent
 *   N-notater still open (reached through their internal recipients): partial indexes holding
 *   only the open ones, so Ubehandlet, Forfall, their counts and the restanserapport touch
 *   only restanser. An N-notat's internal recipients are read from the index alone.
 * - A unit's Dokumenter i arbeid, a user's open saker (Mine saker) and saker with an OBS-dato.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('journalpost').addColumn('avskrevet', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
  await sql`update journalpost j set avskrevet = true
    where exists (select 1 from avskrivning a where a.journalpost_id = j.system_id and not a.ventende and a.avskrivningsmaate <> '***')`.execute(db);
  await sql`
    create or replace function journalpost_avskrevet_oppdater() returns trigger language plpgsql as $fn$
    declare
      ider uuid[];
    begin
      if tg_op = 'INSERT' then ider := array[new.journalpost_id];
      elsif tg_op = 'DELETE' then ider := array[old.journalpost_id];
      else ider := array[old.journalpost_id, new.journalpost_id];
      end if;
      update journalpost j
        set avskrevet = exists (select 1 from avskrivning a where a.journalpost_id = j.system_id and not a.ventende and a.avskrivningsmaate <> '***')
        where j.system_id = any(ider)
          and j.avskrevet is distinct from exists (select 1 from avskrivning a where a.journalpost_id = j.system_id and not a.ventende and a.avskrivningsmaate <> '***');
      return null;
    end
    $fn$`.execute(db);
  await sql`create trigger avskrivning_avskrevet_trg after insert or update or delete on avskrivning for each row execute function journalpost_avskrevet_oppdater()`.execute(db);

  await sql`create index journalpost_restanse_ix on journalpost (saksbehandler_id, forfallsdato)
    where feilregistrert_dato is null and not avskrevet
      and (journalposttype = 'I' or (journalposttype = 'U' and forfallsdato is not null and journalstatus in ('E','J','A')))`.execute(db);
  await sql`create index journalpost_restanse_notat_ix on journalpost (system_id)
    where feilregistrert_dato is null and not avskrevet and journalposttype = 'N' and journalstatus in ('E','J','A')`.execute(db);
  await sql`create index korrespondansepart_intern_mottaker_jp_ix on korrespondansepart (bruker_id, journalpost_id) where korrespondanseparttype = 'IM'`.execute(db);
  await sql`create index journalpost_enhet_i_arbeid_ix on journalpost (administrativ_enhet_id) where journalstatus = 'R'`.execute(db);
  await sql`create index sak_mine_ix on sak (saksansvarlig_id, saksdato) where saksstatus in ('R','B')`.execute(db);
  await sql`create index sak_obs_ix on sak (saksansvarlig_id, obs_dato) where obs_dato is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const ix of ['sak_obs_ix', 'sak_mine_ix', 'journalpost_enhet_i_arbeid_ix', 'korrespondansepart_intern_mottaker_jp_ix', 'journalpost_restanse_notat_ix', 'journalpost_restanse_ix']) await db.schema.dropIndex(ix).execute();
  await sql`drop trigger avskrivning_avskrevet_trg on avskrivning`.execute(db);
  await sql`drop function journalpost_avskrevet_oppdater()`.execute(db);
  await db.schema.alterTable('journalpost').dropColumn('avskrevet').execute();
}
