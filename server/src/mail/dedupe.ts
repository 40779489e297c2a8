import { createHash } from 'node:crypto';

/**
 * When two imports are the same message. A Message-ID alone is not enough: some mailers give
 * every message the same one. So a message with a Message-ID is the same as another when the
 * Message-ID, the subject and the sender's address agree — three things the task pane also
 * knows for the message the user has open, so its "already imported" check asks by the same
 * key (GET /api/import/melding). A message without a Message-ID is known by its bytes.
 */
export function dedupeKey(messageId: string | null, emne: string, avsender: string | null | undefined, fileSha256: string): string {
  if (!messageId) return `sha256:${fileSha256}`;
  return `mid:${messageId}#${innholdsnoekkel(emne, avsender)}`;
}

/** Keys written before the subject and sender were part of it: `mid:<Message-ID>`; such an import matches by Message-ID alone. */
export const legacyDedupeKey = (messageId: string) => `mid:${messageId}`;

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

function innholdsnoekkel(emne: string, avsender: string | null | undefined): string {
  return createHash('sha256').update(`${norm(emne)}\n${norm(avsender ?? '')}`).digest('hex');
}
