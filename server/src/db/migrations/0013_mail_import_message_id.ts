import type { Kysely } from 'kysely';

/**
 * A message is "already imported" when its Message-ID, subject and sender agree with an
 * earlier import (the dedupe key now carries a hash of subject and sender). The task pane's
 * check without subject and sender, and the match of keys written before, look up by
 * Message-ID alone: this index serves that. Frozen; never import app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('mail_import_message_id_ix').on('mail_import').column('message_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('mail_import_message_id_ix').execute();
}
