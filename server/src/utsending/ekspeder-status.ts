import type { Transaction } from 'kysely';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError } from '../errors/app-error';
import { appendHistorikk } from '../historikk/historikk.repository';
import { lockForAction } from '../journalpost/journalpost.service';

/**
 * THE SEAM to the saksbehandling issue (issue 3, server/src/ekspedering/).
 *
 * Everything in utsending/ that expedites a journalpost calls this one function for the
 * status and its effects. This is a MINIMAL STAND-IN written on the issue-5 branch: it only
 * moves the journalpost to E through the journalstatus machine (R/F → E, conditional write,
 * historikk). LEAD: replace its body with issue 3's "Ekspeder" step, which also applies the
 * avskrivning effects (BU/*** on the answered journalposter), delivers N recipients'
 * copies and kopimottakere. Keep the signature: it runs inside the caller's transaction
 * after the row lock, before the outbox rows are written.
 *
 * On main, issue 3 provides exactly this: ekspedering/ekspeder.ts →
 * ekspederJournalpost(trx, actor, id, mottakere, now) (lock, E, channels per recipient in its
 * `ekspedering` table, kopier, avskrivninger). After the merge: call it here with the chosen
 * channels (same vocabulary: epost/papir/annen), drop this body, and let issue 3's
 * POST /api/journalposter/:id/ekspeder call utsending's ekspeder() (which also queues the
 * mail) — or keep both routes: this branch's is POST /api/journalposter/:id/utsending.
 */
export async function settEkspedert(trx: Transaction<DB>, actor: Actor, journalpostId: string, now: Date): Promise<{ sakId: string }> {
  const { jp, result } = await lockForAction(trx, actor, journalpostId, 'ekspeder');
  if (!result.ok) throw new AppError('status_conflict');
  const res = await trx
    .updateTable('journalpost')
    .set({ journalstatus: result.til, sendtDato: now, oppdatertDato: now })
    .where('systemId', '=', journalpostId)
    .where('journalstatus', '=', jp.journalstatus)
    .executeTakeFirst();
  if (res.numUpdatedRows === 0n) throw new AppError('concurrent_update');
  await appendHistorikk(trx, actor, {
    handling: 'journalpost_status_endret',
    objekttype: 'journalpost',
    objektId: journalpostId,
    sakId: jp.sakId,
    journalpostId,
    data: { journalstatus: { fra: jp.journalstatus, til: result.til } },
  });
  return { sakId: jp.sakId };
}
