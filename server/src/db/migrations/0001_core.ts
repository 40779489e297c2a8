import { type Kysely, sql } from 'kysely';

/**
 * Core Noark 5 archive structure. Frozen: never import application code here,
 * and never edit a migration that has shipped; add a new one instead.
 *
 * Code values are checked with CHECK constraints written out literally (a later
 * code-list change comes with its own migration).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const id = (col: any) => col.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = sql`now()`;

  await db.schema
    .createTable('administrativ_enhet')
    .addColumn('system_id', 'uuid', id)
    .addColumn('kode', 'text', (c) => c.notNull().unique())
    .addColumn('navn', 'text', (c) => c.notNull())
    .addColumn('overordnet_id', 'uuid', (c) => c.references('administrativ_enhet.system_id'))
    .addColumn('aktiv', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('bruker')
    .addColumn('system_id', 'uuid', id)
    .addColumn('brukernavn', 'text', (c) => c.notNull().unique())
    .addColumn('navn', 'text', (c) => c.notNull())
    .addColumn('epost', 'text')
    .addColumn('aktiv', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('bruker_rolle')
    .addColumn('bruker_id', 'uuid', (c) => c.notNull().references('bruker.system_id').onDelete('cascade'))
    .addColumn('enhet_id', 'uuid', (c) => c.notNull().references('administrativ_enhet.system_id'))
    .addColumn('rolle', 'text', (c) => c.notNull().check(sql`rolle in ('SBH','SA','LED','ARK','DOK','SYS')`))
    .addPrimaryKeyConstraint('bruker_rolle_pk', ['bruker_id', 'enhet_id', 'rolle'])
    .execute();

  // Authorization per tilgangskode, optionally limited to one unit (enhet_id null = all units).
  await db.schema
    .createTable('bruker_tilgang')
    .addColumn('system_id', 'uuid', id)
    .addColumn('bruker_id', 'uuid', (c) => c.notNull().references('bruker.system_id').onDelete('cascade'))
    .addColumn('tilgangskode', 'text', (c) => c.notNull().check(sql`tilgangskode in ('IS','U','P','P1','E','S','XX')`))
    .addColumn('enhet_id', 'uuid', (c) => c.references('administrativ_enhet.system_id'))
    .execute();
  await sql`create unique index bruker_tilgang_uq on bruker_tilgang (bruker_id, tilgangskode, coalesce(enhet_id, '00000000-0000-0000-0000-000000000000'::uuid))`.execute(db);

  await db.schema
    .createTable('arkiv')
    .addColumn('system_id', 'uuid', id)
    .addColumn('tittel', 'text', (c) => c.notNull())
    .addColumn('beskrivelse', 'text')
    .addColumn('arkivstatus', 'text', (c) => c.notNull().defaultTo('Opprettet'))
    .addColumn('dokumentmedium', 'text', (c) => c.notNull().defaultTo('Elektronisk arkiv'))
    .addColumn('arkivskaper_id', 'text', (c) => c.notNull())
    .addColumn('arkivskaper_navn', 'text', (c) => c.notNull())
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('opprettet_av', 'text', (c) => c.notNull())
    .addColumn('avsluttet_dato', 'timestamptz')
    .addColumn('avsluttet_av', 'text')
    .execute();

  await db.schema
    .createTable('klassifikasjonssystem')
    .addColumn('system_id', 'uuid', id)
    .addColumn('klassifikasjonstype', 'text')
    .addColumn('tittel', 'text', (c) => c.notNull())
    .addColumn('beskrivelse', 'text')
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('opprettet_av', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('arkivdel')
    .addColumn('system_id', 'uuid', id)
    .addColumn('arkiv_id', 'uuid', (c) => c.notNull().references('arkiv.system_id'))
    .addColumn('klassifikasjonssystem_id', 'uuid', (c) => c.references('klassifikasjonssystem.system_id'))
    .addColumn('tittel', 'text', (c) => c.notNull())
    .addColumn('beskrivelse', 'text')
    .addColumn('arkivdelstatus', 'text', (c) => c.notNull().defaultTo('Aktiv periode'))
    .addColumn('dokumentmedium', 'text', (c) => c.notNull().defaultTo('Elektronisk arkiv'))
    .addColumn('arkivperiode_start_dato', 'date')
    .addColumn('arkivperiode_slutt_dato', 'date')
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('opprettet_av', 'text', (c) => c.notNull())
    .addColumn('avsluttet_dato', 'timestamptz')
    .addColumn('avsluttet_av', 'text')
    .execute();

  await db.schema
    .createTable('klasse')
    .addColumn('system_id', 'uuid', id)
    .addColumn('klassifikasjonssystem_id', 'uuid', (c) => c.notNull().references('klassifikasjonssystem.system_id'))
    .addColumn('overordnet_klasse_id', 'uuid', (c) => c.references('klasse.system_id'))
    .addColumn('klasse_id', 'text', (c) => c.notNull())
    .addColumn('tittel', 'text', (c) => c.notNull())
    .addColumn('beskrivelse', 'text')
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('opprettet_av', 'text', (c) => c.notNull())
    .addUniqueConstraint('klasse_uq', ['klassifikasjonssystem_id', 'klasse_id'])
    .execute();

  // Gapless number series: one row per series and year, incremented under its row lock
  // inside the transaction that uses the number, so a rollback gives it back.
  await db.schema
    .createTable('nummerserie')
    .addColumn('serie', 'text', (c) => c.notNull())
    .addColumn('aar', 'integer', (c) => c.notNull())
    .addColumn('siste', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('nummerserie_pk', ['serie', 'aar'])
    .execute();

  const skjerming = (t: any) =>
    t
      .addColumn('tilgangskode', 'text', (c: any) => c.check(sql`tilgangskode in ('IS','U','P','P1','E','S','XX')`))
      .addColumn('skjermingsnivaa', 'smallint', (c: any) => c.check(sql`skjermingsnivaa between 1 and 3`))
      .addColumn('skjermingshjemmel', 'text');
  const skjermingCheck = sql`(tilgangskode is null) = (skjermingsnivaa is null)`;

  await skjerming(
    db.schema
      .createTable('sak')
      .addColumn('system_id', 'uuid', id)
      .addColumn('arkivdel_id', 'uuid', (c) => c.notNull().references('arkivdel.system_id'))
      .addColumn('saksaar', 'integer', (c) => c.notNull())
      .addColumn('sakssekvensnummer', 'integer', (c) => c.notNull())
      .addColumn('mappe_id', 'text', (c) => c.notNull().unique())
      .addColumn('tittel', 'text', (c) => c.notNull())
      .addColumn('tittel2', 'text')
      .addColumn('beskrivelse', 'text')
      .addColumn('sakstype', 'text', (c) => c.notNull().check(sql`sakstype in ('BHG','BS','DS','ELEV','ES','GS','PERS','PS','RS','SFO','ST')`))
      .addColumn('saksstatus', 'text', (c) => c.notNull().defaultTo('R').check(sql`saksstatus in ('R','B','A','U','X')`))
      .addColumn('saksdato', 'date', (c) => c.notNull())
      .addColumn('saksansvarlig_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
      .addColumn('administrativ_enhet_id', 'uuid', (c) => c.notNull().references('administrativ_enhet.system_id'))
      .addColumn('klasse_id', 'uuid', (c) => c.references('klasse.system_id'))
      .addColumn('noekkelord', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
      .addColumn('obs_dato', 'date')
      .addColumn('obs_kommentar', 'text')
      .addColumn('siste_dokumentnummer', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('dokumentmedium', 'text', (c) => c.notNull().defaultTo('Elektronisk arkiv'))
      .addColumn('noark_tillegg', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addColumn('opprettet_av_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
      .addColumn('oppdatert_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addColumn('avsluttet_dato', 'timestamptz')
      .addColumn('avsluttet_av_id', 'uuid', (c) => c.references('bruker.system_id'))
      .addUniqueConstraint('sak_nummer_uq', ['saksaar', 'sakssekvensnummer'])
      .addCheckConstraint('sak_skjerming_ck', skjermingCheck),
  ).execute();
  await db.schema.createIndex('sak_saksansvarlig_ix').on('sak').column('saksansvarlig_id').execute();
  await db.schema.createIndex('sak_enhet_ix').on('sak').column('administrativ_enhet_id').execute();

  // Secondary classifications (Noark: referanseSekundaerKlassifikasjon).
  await db.schema
    .createTable('sak_sekundaerklasse')
    .addColumn('sak_id', 'uuid', (c) => c.notNull().references('sak.system_id').onDelete('cascade'))
    .addColumn('klasse_id', 'uuid', (c) => c.notNull().references('klasse.system_id'))
    .addColumn('rekkefolge', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('sak_sekundaerklasse_pk', ['sak_id', 'klasse_id'])
    .execute();

  await skjerming(
    db.schema
      .createTable('journalpost')
      .addColumn('system_id', 'uuid', id)
      .addColumn('sak_id', 'uuid', (c) => c.notNull().references('sak.system_id'))
      .addColumn('dokumentnummer', 'integer', (c) => c.notNull())
      .addColumn('journalaar', 'integer', (c) => c.notNull())
      .addColumn('journalsekvensnummer', 'integer', (c) => c.notNull())
      .addColumn('journalposttype', 'text', (c) => c.notNull().check(sql`journalposttype in ('I','U','N','X','S')`))
      .addColumn('journalstatus', 'text', (c) => c.notNull().check(sql`journalstatus in ('R','S','F','E','J','A')`))
      .addColumn('delegert_vedtak', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('tittel', 'text', (c) => c.notNull())
      .addColumn('tittel2', 'text')
      .addColumn('beskrivelse', 'text')
      .addColumn('dokumentdato', 'date')
      .addColumn('journaldato', 'date', (c) => c.notNull())
      .addColumn('mottatt_dato', 'timestamptz')
      .addColumn('sendt_dato', 'timestamptz')
      .addColumn('forfallsdato', 'date')
      .addColumn('offentlighetsvurdert_dato', 'date')
      .addColumn('saksbehandler_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
      .addColumn('administrativ_enhet_id', 'uuid', (c) => c.notNull().references('administrativ_enhet.system_id'))
      .addColumn('noark_tillegg', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addColumn('opprettet_av_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
      .addColumn('oppdatert_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addColumn('arkivert_dato', 'timestamptz')
      .addColumn('arkivert_av_id', 'uuid', (c) => c.references('bruker.system_id'))
      .addUniqueConstraint('journalpost_dokumentnummer_uq', ['sak_id', 'dokumentnummer'])
      .addUniqueConstraint('journalpost_journalnummer_uq', ['journalaar', 'journalsekvensnummer'])
      .addCheckConstraint('journalpost_skjerming_ck', skjermingCheck),
  ).execute();
  await db.schema.createIndex('journalpost_saksbehandler_ix').on('journalpost').columns(['saksbehandler_id', 'journalstatus']).execute();
  await db.schema.createIndex('journalpost_journaldato_ix').on('journalpost').column('journaldato').execute();

  await db.schema
    .createTable('korrespondansepart')
    .addColumn('system_id', 'uuid', id)
    .addColumn('journalpost_id', 'uuid', (c) => c.notNull().references('journalpost.system_id').onDelete('cascade'))
    .addColumn('korrespondanseparttype', 'text', (c) => c.notNull().check(sql`korrespondanseparttype in ('EA','EM','EK','IA','IM','IK')`))
    .addColumn('rekkefolge', 'integer', (c) => c.notNull())
    .addColumn('navn', 'text', (c) => c.notNull())
    .addColumn('postadresse', 'text')
    .addColumn('postnummer', 'text')
    .addColumn('poststed', 'text')
    .addColumn('land', 'text')
    .addColumn('epostadresse', 'text')
    .addColumn('telefonnummer', 'text')
    .addColumn('kontaktperson', 'text')
    .addColumn('organisasjonsnummer', 'text')
    .addColumn('deres_referanse', 'text')
    .addColumn('bruker_id', 'uuid', (c) => c.references('bruker.system_id'))
    .addColumn('enhet_id', 'uuid', (c) => c.references('administrativ_enhet.system_id'))
    .execute();
  await db.schema.createIndex('korrespondansepart_jp_ix').on('korrespondansepart').column('journalpost_id').execute();

  await skjerming(
    db.schema
      .createTable('dokumentbeskrivelse')
      .addColumn('system_id', 'uuid', id)
      .addColumn('journalpost_id', 'uuid', (c) => c.notNull().references('journalpost.system_id'))
      .addColumn('dokumentnummer', 'integer', (c) => c.notNull())
      .addColumn('tilknyttet_registrering_som', 'text', (c) => c.notNull().check(sql`tilknyttet_registrering_som in ('H','V')`))
      .addColumn('dokumenttype', 'text', (c) => c.notNull().defaultTo('Brev'))
      .addColumn('dokumentstatus', 'text', (c) => c.notNull().defaultTo('Dokumentet er under redigering'))
      .addColumn('tittel', 'text', (c) => c.notNull())
      .addColumn('beskrivelse', 'text')
      .addColumn('forfatter', 'text')
      .addColumn('publiseres', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addColumn('opprettet_av_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
      .addColumn('tilknyttet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addUniqueConstraint('dokumentbeskrivelse_nr_uq', ['journalpost_id', 'dokumentnummer'])
      .addCheckConstraint('dokumentbeskrivelse_skjerming_ck', skjermingCheck),
  ).execute();
  // At most one hoveddokument per journalpost.
  await sql`create unique index dokumentbeskrivelse_hoved_uq on dokumentbeskrivelse (journalpost_id) where tilknyttet_registrering_som = 'H'`.execute(db);

  await db.schema
    .createTable('dokumentversjon')
    .addColumn('system_id', 'uuid', id)
    .addColumn('dokumentbeskrivelse_id', 'uuid', (c) => c.notNull().references('dokumentbeskrivelse.system_id'))
    .addColumn('versjonsnummer', 'integer', (c) => c.notNull())
    .addColumn('variantformat', 'text', (c) => c.notNull().check(sql`variantformat in ('P','A','O')`))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('format_detaljer', 'text')
    .addColumn('filnavn', 'text', (c) => c.notNull())
    .addColumn('sjekksum', 'text', (c) => c.notNull().check(sql`sjekksum ~ '^[0-9a-f]{64}$'`))
    .addColumn('sjekksum_algoritme', 'text', (c) => c.notNull().defaultTo('SHA-256'))
    .addColumn('filstoerrelse', 'bigint', (c) => c.notNull())
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('opprettet_av_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
    .addUniqueConstraint('dokumentversjon_uq', ['dokumentbeskrivelse_id', 'versjonsnummer', 'variantformat'])
    .execute();
  await db.schema.createIndex('dokumentversjon_sjekksum_ix').on('dokumentversjon').column('sjekksum').execute();

  await db.schema
    .createTable('merknad')
    .addColumn('system_id', 'uuid', id)
    .addColumn('sak_id', 'uuid', (c) => c.references('sak.system_id'))
    .addColumn('journalpost_id', 'uuid', (c) => c.references('journalpost.system_id'))
    .addColumn('dokumentbeskrivelse_id', 'uuid', (c) => c.references('dokumentbeskrivelse.system_id'))
    .addColumn('merknadstype', 'text', (c) => c.notNull().check(sql`merknadstype in ('FORMELL','UFORMELL')`))
    .addColumn('merknadstekst', 'text', (c) => c.notNull())
    .addColumn('merknadsdato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('registrert_av_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
    .addCheckConstraint('merknad_eier_ck', sql`num_nonnulls(sak_id, journalpost_id, dokumentbeskrivelse_id) = 1`)
    .execute();

  await db.schema
    .createTable('kryssreferanse')
    .addColumn('system_id', 'uuid', id)
    .addColumn('fra_sak_id', 'uuid', (c) => c.references('sak.system_id'))
    .addColumn('fra_journalpost_id', 'uuid', (c) => c.references('journalpost.system_id'))
    .addColumn('til_sak_id', 'uuid', (c) => c.references('sak.system_id'))
    .addColumn('til_journalpost_id', 'uuid', (c) => c.references('journalpost.system_id'))
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('opprettet_av_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
    .addCheckConstraint('kryssreferanse_fra_ck', sql`num_nonnulls(fra_sak_id, fra_journalpost_id) = 1`)
    .addCheckConstraint('kryssreferanse_til_ck', sql`num_nonnulls(til_sak_id, til_journalpost_id) = 1`)
    .execute();

  // Historikk (Noark endringslogg): append-only, written in the mutation's own transaction.
  await db.schema
    .createTable('historikk')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('system_id', 'uuid', (c) => c.notNull().unique().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tidspunkt', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('bruker_id', 'uuid', (c) => c.references('bruker.system_id'))
    .addColumn('paa_vegne_av_id', 'uuid', (c) => c.references('bruker.system_id'))
    .addColumn('handling', 'text', (c) => c.notNull())
    .addColumn('objekttype', 'text', (c) => c.notNull())
    .addColumn('objekt_id', 'uuid', (c) => c.notNull())
    .addColumn('sak_id', 'uuid')
    .addColumn('journalpost_id', 'uuid')
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex('historikk_sak_ix').on('historikk').columns(['sak_id', 'id']).execute();
  await db.schema.createIndex('historikk_jp_ix').on('historikk').columns(['journalpost_id', 'id']).execute();
  await db.schema.createIndex('historikk_objekt_ix').on('historikk').columns(['objekt_id', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('0001_core is the base schema and cannot be rolled back');
}
