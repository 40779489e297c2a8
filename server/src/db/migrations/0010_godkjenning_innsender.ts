import { type Kysely, sql } from 'kysely';

/**
 * §10.6: the saksbehandler follows an approval in *Sendt til godkjenning* until it is answered,
 * also after a leader has forwarded it (Videresendt). Every Til godkjenning in a chain carries
 * whose desk sent the journalpost for approval in the first place (the desk, so a deputy's
 * send lands on the leader's desk as every other act does). Existing chains are back-filled
 * along forrige_oppgave_id. Frozen; never import app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('oppgave').addColumn('innsender_id', 'uuid', (c) => c.references('bruker.system_id')).execute();
  await sql`
    with recursive kjede as (
      select o.system_id, coalesce(o.paa_vegne_av_id, o.avsender_id) as innsender_id
      from oppgave o
      left join oppgave f on f.system_id = o.forrige_oppgave_id
      where o.oppgavetype = 'GODKJENNING' and (f.system_id is null or f.oppgavetype <> 'GODKJENNING')
      union all
      select o.system_id, k.innsender_id
      from oppgave o join kjede k on o.forrige_oppgave_id = k.system_id
      where o.oppgavetype = 'GODKJENNING'
    )
    update oppgave set innsender_id = kjede.innsender_id from kjede where oppgave.system_id = kjede.system_id`.execute(db);
  await sql`create index oppgave_innsender_ix on oppgave (innsender_id) where status = 'aktiv' and oppgavetype = 'GODKJENNING'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('oppgave_innsender_ix').execute();
  await db.schema.alterTable('oppgave').dropColumn('innsender_id').execute();
}
