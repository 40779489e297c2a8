import { type Kysely, sql } from 'kysely';

/**
 * Short-lived links to one document version (§12.3 Send uformelt): Outlook fetches a new
 * message's attachments itself, without the user's token, so the service hands it a link that
 * stands for the user for a few minutes. Only the SHA-256 of the link's secret is stored; the
 * download checks the user's access again. Frozen; never import app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dokumentlenke')
    .addColumn('token_sha256', 'text', (c) => c.primaryKey())
    .addColumn('dokumentbeskrivelse_id', 'uuid', (c) => c.notNull().references('dokumentbeskrivelse.system_id'))
    .addColumn('versjonsnummer', 'integer', (c) => c.notNull())
    .addColumn('variantformat', 'text', (c) => c.notNull())
    .addColumn('bruker_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
    .addColumn('utloeper', 'timestamptz', (c) => c.notNull())
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('dokumentlenke_utloeper_ix').on('dokumentlenke').column('utloeper').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('dokumentlenke').execute();
}
