import { type Kysely, sql } from 'kysely';

/**
 * Archive formats and deposits. Frozen: never import application code here.
 *
 * - arkivformat: one row per journalført document version that needs an archive variant (A):
 *   the conversion job's state (waiting, converting under a lease, converted, failed with the
 *   reason), its attempts and when it is due again.
 * - uttrekk_jobb: an arkivuttrekk (deposit) run as a job, with its progress.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable('arkivformat')
    .addColumn('dokumentbeskrivelse_id', 'uuid', (c) => c.notNull().references('dokumentbeskrivelse.system_id'))
    .addColumn('versjonsnummer', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('VENTER').check(sql`status in ('VENTER','KONVERTERER','KONVERTERT','FEILET')`))
    .addColumn('forsoek', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('neste_forsoek', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('laast_til', 'timestamptz')
    .addColumn('sist_feil', 'text')
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('ferdig_dato', 'timestamptz')
    .addPrimaryKeyConstraint('arkivformat_pk', ['dokumentbeskrivelse_id', 'versjonsnummer'])
    .execute();
  await db.schema.createIndex('arkivformat_due_ix').on('arkivformat').columns(['status', 'neste_forsoek']).execute();

  await db.schema
    .createTable('uttrekk_jobb')
    .addColumn('system_id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('arkivdel_id', 'uuid', (c) => c.notNull().references('arkivdel.system_id'))
    .addColumn('mappe', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('VENTER').check(sql`status in ('VENTER','KJOERER','FERDIG','FEILET')`))
    .addColumn('journalposter_totalt', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('journalposter_skrevet', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sist_feil', 'text')
    .addColumn('bestilt_av_id', 'uuid', (c) => c.notNull().references('bruker.system_id'))
    .addColumn('opprettet_dato', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('ferdig_dato', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('uttrekk_jobb').execute();
  await db.schema.dropTable('arkivformat').execute();
}
