import { type Kysely, sql } from 'kysely';

/**
 * Saksbehandling: stedfortreder, avskrivning, oppgaver, ekspedering, recently used
 * saker, feilregistrering. Frozen once shipped; never imports application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const id = (col: any) => col.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = sql`now()`;

  // §11.3/§12.9: a leader's deputies for a date range, with the tilgangskoder they get.
  await db.schema
    .createTable('stedfortreder')
    .addColumn('system_id', 'uuid', id)
    .addColumn('leder_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
    .addColumn('stedfortreder_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
    .addColumn('fra_dato', 'date', (c) => c.notNull())
    .addColumn('til_dato', 'date', (c) => c.notNull())
    .addColumn('tilgangskoder', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('opprettet_av_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
    .addCheckConstraint('stedfortreder_periode_ck', sql`fra_dato <= til_dato`)
    .addCheckConstraint('stedfortreder_selv_ck', sql`leder_id <> stedfortreder_id`)
    .execute();
  await db.schema.createIndex('stedfortreder_ix').on('stedfortreder').columns(['stedfortreder_id', 'leder_id']).execute();

  // §10.2: avskrivninger; a pending one (ventende) waits for its reply to be expedited.
  await db.schema
    .createTable('avskrivning')
    .addColumn('system_id', 'uuid', id)
    .addColumn('journalpost_id', 'uuid', (c) => c.notNull().references('journalpost.system_id'))
    .addColumn('avskrivningsmaate', 'text', (c) =>
      c.notNull().check(sql`avskrivningsmaate in ('***','BI','BU','BX','NX','TE','TLF','BSS','BB','BM','BS','EP','BV')`),
    )
    .addColumn('avskrivningsdato', 'timestamptz')
    .addColumn('ventende', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('merknad', 'text')
    .addColumn('svar_journalpost_id', 'uuid', (c) => c.references('journalpost.system_id'))
    .addColumn('avskrevet_av_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('avskrivning_dato_ck', sql`ventende = (avskrivningsdato is null)`)
    .execute();
  await db.schema.createIndex('avskrivning_jp_ix').on('avskrivning').column('journalpost_id').execute();
  await db.schema.createIndex('avskrivning_svar_ix').on('avskrivning').column('svar_journalpost_id').execute();

  // §12.1: one row per receiver; status aktiv → besvart | fjernet | deaktivert.
  await db.schema
    .createTable('oppgave')
    .addColumn('system_id', 'uuid', id)
    .addColumn('oppgavetype', 'text', (c) =>
      c.notNull().check(sql`oppgavetype in ('UTTALELSE','GODKJENNING','DOKUMENTSENTER','BESKJED','INTERN_KOPI','AVSLUTT_SAK')`),
    )
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('aktiv').check(sql`status in ('aktiv','besvart','fjernet','deaktivert')`))
    .addColumn('journalpost_id', 'uuid', (c) => c.references('journalpost.system_id'))
    .addColumn('sak_id', 'uuid', (c) => c.references('sak.system_id'))
    .addColumn('avsender_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
    .addColumn('paa_vegne_av_id', 'uuid', (c) => c.references('bruker.system_id'))
    .addColumn('mottaker_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
    .addColumn('merknad', 'text')
    .addColumn('merknad_for_alle', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('forrige_oppgave_id', 'uuid', (c) => c.references('oppgave.system_id'))
    .addColumn('svar', 'text')
    .addColumn('svar_merknad', 'text')
    .addColumn('svar_dato', 'timestamptz')
    .addColumn('lest_dato', 'timestamptz')
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('oppgave_objekt_ck', sql`num_nonnulls(journalpost_id, sak_id) >= 1`)
    .execute();
  await db.schema.createIndex('oppgave_mottaker_ix').on('oppgave').columns(['mottaker_id', 'status']).execute();
  await db.schema.createIndex('oppgave_avsender_ix').on('oppgave').columns(['avsender_id', 'status']).execute();
  await db.schema.createIndex('oppgave_jp_ix').on('oppgave').column('journalpost_id').execute();

  // §10.7: which channel each recipient got (the channels themselves come with the mail issue).
  await db.schema
    .createTable('ekspedering')
    .addColumn('system_id', 'uuid', id)
    .addColumn('journalpost_id', 'uuid', (c) => c.notNull().references('journalpost.system_id'))
    .addColumn('korrespondansepart_id', 'uuid', (c) => c.references('korrespondansepart.system_id').onDelete('set null'))
    .addColumn('mottaker_navn', 'text', (c) => c.notNull())
    .addColumn('kanal', 'text', (c) => c.notNull().check(sql`kanal in ('epost','papir','annen','intern')`))
    .addColumn('ekspedert_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('ekspedert_av_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
    .execute();
  await db.schema.createIndex('ekspedering_jp_ix').on('ekspedering').column('journalpost_id').execute();

  // Siste saksmapper (§5 kurver): the saker a user opened most recently.
  await db.schema
    .createTable('sist_brukt_sak')
    .addColumn('bruker_id', 'uuid', (c) => c.notNull().references('bruker.system_id').onDelete('cascade'))
    .addColumn('sak_id', 'uuid', (c) => c.notNull().references('sak.system_id'))
    .addColumn('tidspunkt', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('sist_brukt_sak_pk', ['bruker_id', 'sak_id'])
    .execute();

  // §6: the saksansvarlig gives others access to add journalposter to the sak.
  await db.schema
    .createTable('sak_tilgang')
    .addColumn('sak_id', 'uuid', (c) => c.notNull().references('sak.system_id'))
    .addColumn('bruker_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
    .addColumn('gitt_av_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('sak_tilgang_pk', ['sak_id', 'bruker_id'])
    .execute();

  // Remembered per-user settings, e.g. the last restanserapport criteria (§11.1).
  await db.schema
    .createTable('brukerinnstilling')
    .addColumn('bruker_id', 'uuid', (c) => c.notNull().references('bruker.system_id').onDelete('cascade'))
    .addColumn('noekkel', 'text', (c) => c.notNull())
    .addColumn('verdi', 'jsonb', (c) => c.notNull())
    .addColumn('oppdatert_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('brukerinnstilling_pk', ['bruker_id', 'noekkel'])
    .execute();

  // §10.5: committees (utvalg), their meetings and the items referred to them.
  await db.schema
    .createTable('utvalg')
    .addColumn('system_id', 'uuid', id)
    .addColumn('kode', 'text', (c) => c.notNull().unique())
    .addColumn('navn', 'text', (c) => c.notNull())
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createTable('moete')
    .addColumn('system_id', 'uuid', id)
    .addColumn('utvalg_id', 'uuid', (c) => c.notNull().references('utvalg.system_id'))
    .addColumn('moetedato', 'date', (c) => c.notNull())
    .addColumn('sted', 'text')
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createTable('utvalgssak')
    .addColumn('system_id', 'uuid', id)
    .addColumn('moete_id', 'uuid', (c) => c.notNull().references('moete.system_id'))
    .addColumn('utvalg_id', 'uuid', (c) => c.notNull().references('utvalg.system_id'))
    .addColumn('journalpost_id', 'uuid', (c) => c.notNull().references('journalpost.system_id'))
    .addColumn('aar', 'integer', (c) => c.notNull())
    .addColumn('sekvensnummer', 'integer', (c) => c.notNull())
    .addColumn('utvalgssakstype', 'text', (c) => c.notNull().check(sql`utvalgssakstype in ('PS','DS','RS')`))
    .addColumn('vedtak', 'text')
    .addColumn('vedtak_dato', 'timestamptz')
    .addColumn('meldt_opp_av_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('utvalgssak_nummer_uq', ['utvalg_id', 'aar', 'sekvensnummer'])
    .addUniqueConstraint('utvalgssak_jp_uq', ['utvalg_id', 'journalpost_id'])
    .execute();

  // §12.6: a feilregistrert journalpost is kept (with its historikk) but no longer part of the sak.
  await db.schema.alterTable('journalpost').addColumn('feilregistrert_dato', 'timestamptz').execute();
  await db.schema.alterTable('journalpost').addColumn('feilregistrert_av_id', 'uuid', (c) => c.references('bruker.system_id')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('journalpost').dropColumn('feilregistrert_av_id').execute();
  await db.schema.alterTable('journalpost').dropColumn('feilregistrert_dato').execute();
  for (const t of ['utvalgssak', 'moete', 'utvalg', 'brukerinnstilling', 'sak_tilgang', 'sist_brukt_sak', 'ekspedering', 'oppgave', 'avskrivning', 'stedfortreder']) await db.schema.dropTable(t).execute();
}
