import { type Kysely, sql } from 'kysely';

/**
 * Issue 5: mail in, letters out. Frozen once shipped; never imports application code.
 *
 * - mail_import: one row per imported message, keyed by a dedupe key (Message-ID, or the
 *   content hash when a message has none). The unique index is what refuses a second import,
 *   also when two imports of the same message race.
 * - utsending: one row per recipient of an expedition (Noark: the expedition of a
 *   korrespondansepart). For e-mail it is also the transactional outbox: the row is written in
 *   the expedition's transaction and a worker delivers it after commit (status, attempts,
 *   next attempt, a lease while sending). The Message-ID is fixed when the row is written.
 * - mal, mal_versjon, standardtekst: letter templates with merge fields, versioned.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const id = (col: any) => col.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = sql`now()`;

  await db.schema
    .createTable('mail_import')
    .addColumn('journalpost_id', 'uuid', (c) => c.primaryKey().references('journalpost.system_id'))
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('message_id', 'text')
    .addColumn('kilde', 'text', (c) => c.notNull().check(sql`kilde in ('eml','msg')`))
    .addColumn('original_sjekksum', 'text', (c) => c.notNull())
    .addColumn('foreslaatt_avsender', 'jsonb')
    .addColumn('merknader', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('opprettet_av_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
    .execute();

  await db.schema
    .createTable('utsending')
    .addColumn('system_id', 'uuid', id)
    .addColumn('journalpost_id', 'uuid', (c) => c.notNull().references('journalpost.system_id'))
    // No foreign key: the party's row may be rewritten while the journalpost is open; the
    // utsending keeps its own copy of name and address.
    .addColumn('korrespondansepart_id', 'uuid')
    .addColumn('kanal', 'text', (c) => c.notNull().check(sql`kanal in ('epost','papir','annen')`))
    .addColumn('kanal_beskrivelse', 'text')
    .addColumn('mottaker_navn', 'text', (c) => c.notNull())
    .addColumn('mottaker_epost', 'text')
    .addColumn('message_id', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('VENTER','SENDER','SENDT','FEILET','REGISTRERT')`))
    .addColumn('forsoek', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('neste_forsoek', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('laast_til', 'timestamptz')
    .addColumn('sist_feil', 'text')
    .addColumn('smtp_svar', 'text')
    .addColumn('sendt_dato', 'timestamptz')
    .addColumn('innhold', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('opprettet_av_id', 'uuid', (c) => c.references('bruker.system_id'))
    .addCheckConstraint('utsending_epost_ck', sql`kanal <> 'epost' or (mottaker_epost is not null and message_id is not null)`)
    .execute();
  await db.schema.createIndex('utsending_jp_ix').on('utsending').column('journalpost_id').execute();
  // Letter templates (maler, §10.4) per sakstype/dokumenttype; every edit is a new version, the newest is active.
  await db.schema
    .createTable('mal')
    .addColumn('system_id', 'uuid', id)
    .addColumn('navn', 'text', (c) => c.notNull())
    .addColumn('sakstype', 'text', (c) => c.check(sql`sakstype in ('BHG','BS','DS','ELEV','ES','GS','PERS','PS','RS','SFO','ST')`))
    .addColumn('journalposttype', 'text', (c) => c.notNull().defaultTo('U').check(sql`journalposttype in ('I','U','N','X','S')`))
    .addColumn('aktiv', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('opprettet_av_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
    .execute();
  await sql`create unique index mal_navn_uq on mal (lower(navn))`.execute(db);
  await db.schema
    .createTable('mal_versjon')
    .addColumn('mal_id', 'uuid', (c) => c.notNull().references('mal.system_id'))
    .addColumn('versjonsnummer', 'integer', (c) => c.notNull())
    .addColumn('innhold', 'text', (c) => c.notNull())
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('opprettet_av_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
    .addPrimaryKeyConstraint('mal_versjon_pk', ['mal_id', 'versjonsnummer'])
    .execute();
  await db.schema
    .createTable('standardtekst')
    .addColumn('system_id', 'uuid', id)
    .addColumn('navn', 'text', (c) => c.notNull().unique())
    .addColumn('tekst', 'text', (c) => c.notNull())
    .addColumn('sakstype', 'text', (c) => c.check(sql`sakstype in ('BHG','BS','DS','ELEV','ES','GS','PERS','PS','RS','SFO','ST')`))
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('opprettet_av_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
    .execute();

  await sql`create index utsending_due_ix on utsending (neste_forsoek) where status in ('VENTER','SENDER')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('standardtekst').execute();
  await db.schema.dropTable('mal_versjon').execute();
  await db.schema.dropTable('mal').execute();
  await db.schema.dropTable('utsending').execute();
  await db.schema.dropTable('mail_import').execute();
}
