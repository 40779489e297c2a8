import { type Kysely, sql } from 'kysely';

/**
 * §10.6/§11.2: a journalpost can be sent to a chain of approvers at once. Each Til godkjenning
 * carries the approvers still to come after its receiver; Godkjent passes it to the next one,
 * and only the last approval sets F. Empty for a single approver (every existing oppgave).
 * Frozen; never import app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('oppgave').addColumn('neste_godkjennere', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('oppgave').dropColumn('neste_godkjennere').execute();
}
