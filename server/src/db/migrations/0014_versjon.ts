import type { Kysely } from 'kysely';

/**
 * A version on the records clients edit (sak, journalpost): read as the ETag, checked against
 * If-Match on update, moved by every recorded change. Existing rows start at 1. Frozen; never
 * import app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['sak', 'journalpost']) {
    await db.schema.alterTable(table).addColumn('versjon', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['sak', 'journalpost']) await db.schema.alterTable(table).dropColumn('versjon').execute();
}
