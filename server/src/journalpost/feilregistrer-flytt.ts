import { type Kysely, sql } from 'kysely';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors/app-error';
import { appendHistorikk } from '../historikk/historikk.repository';
import { journalpostPolicy } from '../policies/journalpost.policy';
import { lockSak } from '../sak/sak.repository';
import { lockJournalpost } from './journalpost.repository';

const forPolicy = (jp: NonNullable<Awaited<ReturnType<typeof lockJournalpost>>>) => ({
  saksbehandlerId: jp.saksbehandlerId,
  administrativEnhetId: jp.administrativEnhetId,
  journalstatus: jp.journalstatus,
  sak: { saksansvarligId: jp.sakSaksansvarligId, administrativEnhetId: jp.sakEnhetId },
});

/**
 * §12.6 Feilregistrer: the saksbehandler removes own journalposter in R or S; the archive any.
 * The row and its historikk are kept; every read path leaves it out, and its open oppgaver close.
 */
export async function feilregistrer(db: Kysely<DB>, actor: Actor, id: string, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const jp = await lockJournalpost(trx, id);
    if (!jp || jp.feilregistrertDato) throw notFound('Journalposten');
    if (!journalpostPolicy.feilregistrer(actor, forPolicy(jp))) {
      if (journalpostPolicy.mayEdit(actor, forPolicy(jp)) && (jp.saksbehandlerId === actor.bruker.systemId || jp.saksbehandlerId === actor.paaVegneAv?.systemId)) {
        throw new AppError('journalpost_locked', `Journalposten har status ${jp.journalstatus}: be dokumentsenteret feilregistrere den`, { journalstatus: jp.journalstatus });
      }
      throw forbidden('Du kan ikke feilregistrere denne journalposten');
    }
    const res = await trx
      .updateTable('journalpost')
      .set({ feilregistrertDato: now, feilregistrertAvId: actor.bruker.systemId, oppdatertDato: now })
      .where('systemId', '=', id)
      .where('feilregistrertDato', 'is', null)
      .executeTakeFirst();
    if (res.numUpdatedRows === 0n) throw new AppError('concurrent_update');
    await trx.updateTable('oppgave').set({ status: 'fjernet' }).where('journalpostId', '=', id).where('status', '=', 'aktiv').execute();
    await appendHistorikk(trx, actor, { handling: 'journalpost_feilregistrert', objekttype: 'journalpost', objektId: id, sakId: jp.sakId, journalpostId: id, data: { journalstatus: jp.journalstatus, tittel: jp.tittel } });
  });
}

/** §12.7: the archive (ARK) moves a journalpost to another open sak; it gets the next dokumentnummer there and keeps its history. */
export async function flytt(db: Kysely<DB>, actor: Actor, id: string, tilSakId: string, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const jp = await lockJournalpost(trx, id);
    if (!jp || jp.feilregistrertDato) throw notFound('Journalposten');
    if (!journalpostPolicy.flytt(actor, forPolicy(jp))) throw forbidden('Bare arkivet flytter journalposter');
    if (tilSakId === jp.sakId) throw new AppError('unprocessable', 'Journalposten ligger allerede i denne saken');
    const sak = await lockSak(trx, tilSakId);
    if (!sak) throw notFound('Saken');
    if (sak.saksstatus === 'A' || sak.saksstatus === 'U') throw new AppError('sak_closed', `Saken har status ${sak.saksstatus}`);
    const { sisteDokumentnummer } = await trx
      .updateTable('sak')
      .set({ sisteDokumentnummer: sql`siste_dokumentnummer + 1`, oppdatertDato: now })
      .where('systemId', '=', tilSakId)
      .returning('sisteDokumentnummer')
      .executeTakeFirstOrThrow();
    await trx.updateTable('journalpost').set({ sakId: tilSakId, dokumentnummer: sisteDokumentnummer, oppdatertDato: now }).where('systemId', '=', id).where('sakId', '=', jp.sakId).execute();
    await trx.updateTable('oppgave').set({ sakId: tilSakId }).where('journalpostId', '=', id).execute();
    const data = { fraSakId: jp.sakId, tilSakId, dokumentnummer: { fra: jp.dokumentnummer, til: sisteDokumentnummer } };
    // Recorded in both saker's historikk; the journalpost's own history moves with it.
    await appendHistorikk(trx, actor, { handling: 'journalpost_flyttet', objekttype: 'journalpost', objektId: id, sakId: jp.sakId, journalpostId: id, data });
    await appendHistorikk(trx, actor, { handling: 'journalpost_flyttet', objekttype: 'journalpost', objektId: id, sakId: tilSakId, journalpostId: id, data });
  });
}
