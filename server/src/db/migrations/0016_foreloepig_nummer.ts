import { type Kysely, sql } from 'kysely';

/**
 * Registration takes its saksnummer or journalnummer last, just before commit, so the number
 * series row (whose lock every registration of the year queues on) is held for one statement
 * instead of the whole registration. Until then the new row carries a provisional number from
 * this sequence, negative so it never meets a real one in the unique (year, number) index.
 * Frozen; never import app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create sequence foreloepig_nummer_seq`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop sequence foreloepig_nummer_seq`.execute(db);
}
