import { type Kysely, sql } from 'kysely';

/**
 * Kryssreferanser get an API: one reference per (from, to) pair, and indexes for
 * both directions ("refererer til" and "referert fra"). Ids are uuids from one generator, so
 * coalescing sak and journalpost ids into one key cannot collide. Duplicates older code may
 * have written are removed first (the oldest is kept). No beskrivelse column: Noark 5 has no
 * such element, and an export must stay lossless. Frozen; never import app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    delete from kryssreferanse k using kryssreferanse o
    where coalesce(k.fra_sak_id, k.fra_journalpost_id) = coalesce(o.fra_sak_id, o.fra_journalpost_id)
      and coalesce(k.til_sak_id, k.til_journalpost_id) = coalesce(o.til_sak_id, o.til_journalpost_id)
      and (k.opprettet_dato, k.system_id) > (o.opprettet_dato, o.system_id)`.execute(db);
  await sql`create unique index kryssreferanse_par_ux on kryssreferanse ((coalesce(fra_sak_id, fra_journalpost_id)), (coalesce(til_sak_id, til_journalpost_id)))`.execute(db);
  await sql`alter table kryssreferanse add constraint kryssreferanse_ikke_seg_selv_ck check (coalesce(fra_sak_id, fra_journalpost_id) <> coalesce(til_sak_id, til_journalpost_id))`.execute(db);
  for (const c of ['fra_sak_id', 'fra_journalpost_id', 'til_sak_id', 'til_journalpost_id']) {
    await db.schema.createIndex(`kryssreferanse_${c}_ix`).on('kryssreferanse').column(c).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['fra_sak_id', 'fra_journalpost_id', 'til_sak_id', 'til_journalpost_id']) await db.schema.dropIndex(`kryssreferanse_${c}_ix`).execute();
  await sql`alter table kryssreferanse drop constraint kryssreferanse_ikke_seg_selv_ck`.execute(db);
  await db.schema.dropIndex('kryssreferanse_par_ux').execute();
}
