import { type Kysely, sql } from 'kysely';

/**
 * Lossless Noark 5 import/export: every record table keeps the arkivstruktur elements it has
 * no column for (kassasjon, gradering, elektroniskSignatur, virksomhetsspesifikkeMetadata, …)
 * as JSON. sak and journalpost got the column in 0001. Frozen; never import app code.
 */
const TABLES = ['arkiv', 'arkivdel', 'klassifikasjonssystem', 'klasse', 'korrespondansepart', 'dokumentbeskrivelse', 'dokumentversjon', 'merknad', 'kryssreferanse'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await db.schema
      .alterTable(table)
      .addColumn('noark_tillegg', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .execute();
  }
  await db.schema.alterTable('arkiv').addColumn('oppbevaringssted', 'text').execute();
  await db.schema.alterTable('klassifikasjonssystem').addColumn('avsluttet_dato', 'timestamptz').addColumn('avsluttet_av', 'text').execute();
  await db.schema.alterTable('klasse').addColumn('noekkelord', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`)).addColumn('avsluttet_dato', 'timestamptz').addColumn('avsluttet_av', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('klasse').dropColumn('noekkelord').dropColumn('avsluttet_dato').dropColumn('avsluttet_av').execute();
  await db.schema.alterTable('klassifikasjonssystem').dropColumn('avsluttet_dato').dropColumn('avsluttet_av').execute();
  await db.schema.alterTable('arkiv').dropColumn('oppbevaringssted').execute();
  for (const table of TABLES) await db.schema.alterTable(table).dropColumn('noark_tillegg').execute();
}
