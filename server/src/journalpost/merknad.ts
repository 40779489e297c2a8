import type { Transaction } from 'kysely';
import type { Merknadstype } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { appendHistorikk } from '../historikk/historikk.repository';

/**
 * Writes a merknad on a journalpost with its historikk entry. A formal (grey) merknad is part
 * of the record and its text is in historikk. An informal (yellow) one is a working note that
 * journalføring deletes (§5): historikk records that it was added, by whom and when, but not
 * its text, so the text is gone with the note and is never readable afterwards.
 */
export async function skrivMerknadIn(trx: Transaction<DB>, actor: Actor, jp: { systemId: string; sakId: string }, merknadstype: Merknadstype, merknadstekst: string): Promise<string> {
  const m = await trx
    .insertInto('merknad')
    .values({ journalpostId: jp.systemId, merknadstype, merknadstekst, registrertAvId: actor.bruker.systemId })
    .returning('systemId')
    .executeTakeFirstOrThrow();
  await appendHistorikk(trx, actor, {
    handling: 'merknad_lagt_til',
    objekttype: 'merknad',
    objektId: m.systemId,
    sakId: jp.sakId,
    journalpostId: jp.systemId,
    data: merknadstype === 'FORMELL' ? { merknadstype, merknadstekst } : { merknadstype },
  });
  return m.systemId;
}
