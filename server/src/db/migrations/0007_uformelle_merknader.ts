import { type Kysely, sql } from 'kysely';

/**
 * Informal (yellow) merknader are working notes that journalføring deletes (manual §5), so
 * historikk no longer keeps their text. Entries written before that lose it here: the text
 * of an informal merknad_lagt_til entry, and the merknad a fordeling added (always informal).
 * Irreversible by intent. Frozen; never import app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`update historikk set data = data - 'merknadstekst'
    where handling = 'merknad_lagt_til' and data->>'merknadstype' = 'UFORMELL' and data ? 'merknadstekst'`.execute(db);
  await sql`update historikk set data = (data - 'merknad') || '{"uformellMerknad": true}'::jsonb
    where handling = 'journalpost_fordelt' and data ? 'merknad'`.execute(db);
}

export async function down(): Promise<void> {
  // The removed text is not restored.
}
