import { type Kysely, sql } from 'kysely';
import type { FlyttInput, Tilgangskode } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors/app-error';
import { appendHistorikk } from '../historikk/historikk.repository';
import { trekkOppgaver } from '../oppgave/oppgave.service';
import { journalpostPolicy } from '../policies/journalpost.policy';
import { type Skjerming, skjermingOf } from '../policies/skjerming';
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
    await trekkOppgaver(trx, actor, id, 'journalposten er feilregistrert');
    // A removed letter does not go out: e-mail still waiting in the outbox is stopped (one the
    // worker has already claimed is on its way and is delivered or fails as usual).
    const stoppet = await trx
      .updateTable('utsending')
      .set({ status: 'FEILET', sistFeil: 'Stoppet: journalposten er feilregistrert', laastTil: null })
      .where('journalpostId', '=', id)
      .where('status', '=', 'VENTER')
      .returning('systemId')
      .execute();
    await appendHistorikk(trx, actor, {
      handling: 'journalpost_feilregistrert',
      objekttype: 'journalpost',
      objektId: id,
      sakId: jp.sakId,
      journalpostId: id,
      data: { journalstatus: jp.journalstatus, tittel: jp.tittel, ...(stoppet.length > 0 ? { stoppedeUtsendinger: stoppet.map((u) => u.systemId) } : {}) },
    });
  });
}

type Graded = { tilgangskode: Tilgangskode | null; skjermingsnivaa: number | null; skjermingshjemmel: string | null };

/**
 * The inherited skjerming a move would take away: the old sak's grading, where the journalpost
 * has none of its own and the new sak does not grade it at least as strictly (the same code at
 * the same or a higher level; another code is another audience). Null when nothing would open up.
 */
export function arvetSkjermingSomMistes(jp: Graded, fraSak: Graded, tilSak: Graded): Skjerming | null {
  if (skjermingOf(jp)) return null;
  const arvet = skjermingOf(fraSak);
  const ny = skjermingOf(tilSak);
  if (!arvet) return null;
  return ny && ny.tilgangskode === arvet.tilgangskode && ny.skjermingsnivaa >= arvet.skjermingsnivaa ? null : arvet;
}

const medKilde = (s: Skjerming | null, kilde: 'sak' | 'journalpost') => (s ? { ...s, kilde } : null);

/**
 * §12.7: the archive (ARK) moves a journalpost to another open sak; it gets the next
 * dokumentnummer there and keeps its history. A move never makes the record more public by
 * itself: a skjerming it inherited from the old sak and would lose is copied onto the
 * journalpost, unless the archive decided to release it (`skjerming: 'fjern'`). Both are in
 * historikk as a change of the journalpost's skjerming.
 */
export async function flytt(db: Kysely<DB>, actor: Actor, id: string, input: FlyttInput, now = new Date()): Promise<void> {
  const tilSakId = input.sakId;
  await db.transaction().execute(async (trx) => {
    const jp = await lockJournalpost(trx, id);
    if (!jp || jp.feilregistrertDato) throw notFound('Journalposten');
    if (!journalpostPolicy.flytt(actor, forPolicy(jp))) throw forbidden('Bare arkivet flytter journalposter');
    if (tilSakId === jp.sakId) throw new AppError('unprocessable', 'Journalposten ligger allerede i denne saken');
    // Both saker, in a fixed order so two moves in opposite directions cannot deadlock.
    const saker = new Map<string, Awaited<ReturnType<typeof lockSak>>>();
    for (const sakId of [jp.sakId, tilSakId].sort()) saker.set(sakId, await lockSak(trx, sakId));
    const sak = saker.get(tilSakId);
    const fraSak = saker.get(jp.sakId)!;
    if (!sak) throw notFound('Saken');
    if (sak.saksstatus === 'A' || sak.saksstatus === 'U') throw new AppError('sak_closed', `Saken har status ${sak.saksstatus}`);
    const { sisteDokumentnummer } = await trx
      .updateTable('sak')
      .set({ sisteDokumentnummer: sql`siste_dokumentnummer + 1`, oppdatertDato: now })
      .where('systemId', '=', tilSakId)
      .returning('sisteDokumentnummer')
      .executeTakeFirstOrThrow();
    const mistes = arvetSkjermingSomMistes(jp, fraSak, sak);
    const behold = mistes !== null && input.skjerming !== 'fjern';
    await trx
      .updateTable('journalpost')
      .set({
        sakId: tilSakId,
        dokumentnummer: sisteDokumentnummer,
        oppdatertDato: now,
        ...(behold ? { tilgangskode: mistes.tilgangskode, skjermingsnivaa: mistes.skjermingsnivaa, skjermingshjemmel: mistes.skjermingshjemmel } : {}),
      })
      .where('systemId', '=', id)
      .where('sakId', '=', jp.sakId)
      .execute();
    await trx.updateTable('oppgave').set({ sakId: tilSakId }).where('journalpostId', '=', id).execute();
    const data = { fraSakId: jp.sakId, tilSakId, dokumentnummer: { fra: jp.dokumentnummer, til: sisteDokumentnummer } };
    // Recorded in both saker's historikk; the journalpost's own history moves with it.
    await appendHistorikk(trx, actor, { handling: 'journalpost_flyttet', objekttype: 'journalpost', objektId: id, sakId: jp.sakId, journalpostId: id, data });
    await appendHistorikk(trx, actor, { handling: 'journalpost_flyttet', objekttype: 'journalpost', objektId: id, sakId: tilSakId, journalpostId: id, data });
    if (mistes) {
      await appendHistorikk(trx, actor, {
        handling: 'journalpost_skjerming_endret',
        objekttype: 'journalpost',
        objektId: id,
        sakId: tilSakId,
        journalpostId: id,
        data: {
          skjerming: { fra: medKilde(mistes, 'sak'), til: behold ? medKilde(mistes, 'journalpost') : medKilde(skjermingOf(sak), 'sak') },
          grunn: 'flytt',
          beslutning: behold ? 'behold' : 'fjern',
          fraSakId: jp.sakId,
          tilSakId,
        },
      });
    }
  });
}
