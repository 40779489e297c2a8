import type { Kysely, Transaction } from 'kysely';
import { type OppgaveSvar, transition } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { giInterneKopier } from '../ekspedering/kopier';
import { AppError, validation } from '../errors/app-error';
import { appendHistorikk } from '../historikk/historikk.repository';
import { lockJournalpost } from '../journalpost/journalpost.repository';
import { assertIkkeForfatter, assertLedere, godkjenningForfattere, lockMottatt, oppgaveHistorikk, sendOppgave, settStatus, svarFor } from './oppgave.service';

type Oppgave = Awaited<ReturnType<typeof lockMottatt>>;

/** §11.2 Godkjent: U and S (delegert vedtak is a U) become F; others stay R. Back to the saksbehandler. */
async function godkjent(trx: Transaction<DB>, actor: Actor, o: Oppgave, merknad: string | undefined, now: Date) {
  const jp = await lockJournalpost(trx, o.journalpostId!);
  if (!jp || jp.feilregistrertDato) throw new AppError('not_found', 'Journalposten finnes ikke lenger');
  if (jp.journalposttype === 'U' || jp.journalposttype === 'S') {
    const t = transition(jp.journalstatus, 'ferdigstill');
    if (!t.ok) throw new AppError('status_conflict', `Kan ikke ferdigstille fra status ${jp.journalstatus}`, { journalstatus: jp.journalstatus });
    const res = await trx.updateTable('journalpost').set({ journalstatus: t.til, oppdatertDato: now }).where('systemId', '=', jp.systemId).where('journalstatus', '=', jp.journalstatus).executeTakeFirst();
    if (res.numUpdatedRows === 0n) throw new AppError('concurrent_update');
    await appendHistorikk(trx, actor, {
      handling: 'journalpost_status_endret',
      objekttype: 'journalpost',
      objektId: jp.systemId,
      sakId: jp.sakId,
      journalpostId: jp.systemId,
      data: { journalstatus: { fra: jp.journalstatus, til: t.til }, godkjent: true },
    });
    await giInterneKopier(trx, actor, jp.systemId, jp.sakId);
  }
  await sendOppgave(trx, actor, { oppgavetype: 'BESKJED', mottakerIds: [jp.saksbehandlerId], journalpostId: jp.systemId, sakId: jp.sakId, merknad: merknad ? `Godkjent: ${merknad}` : 'Godkjent', forrigeOppgaveId: o.systemId });
}

/**
 * *Behandle oppgave* (§12.1, §11.2). Til godkjenning: Ikke godkjent returns to the previous
 * step (receiver overridable), Videresendt goes to the next approver, Godkjent finishes.
 */
export async function besvarOppgave(db: Kysely<DB>, actor: Actor, id: string, input: OppgaveSvar, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const o = await lockMottatt(trx, actor, id);
    const svar = svarFor(o.oppgavetype);
    if (svar.length === 0) throw new AppError('unprocessable', 'Denne oppgavetypen har ingen svar: bruk «Fjern fra kurv»');
    if (!svar.includes(input.svar)) throw validation('/svar', `gyldige svar: ${svar.join(', ')}`);
    if (o.oppgavetype === 'GODKJENNING') {
      const jp = await lockJournalpost(trx, o.journalpostId!);
      if (jp && jp.journalstatus !== 'R') throw new AppError('status_conflict', `Journalposten har status ${jp.journalstatus}`, { journalstatus: jp.journalstatus });
      // §11.2: the author never approves, neither himself nor on behalf of his leader, nor gets it forwarded.
      const forfattere = jp ? await godkjenningForfattere(trx, o, jp.saksbehandlerId) : [];
      if (input.svar === 'Godkjent') assertIkkeForfatter(forfattere, actor.bruker.systemId, actor.paaVegneAv?.systemId);
      if (input.svar === 'Videresendt for godkjenning') {
        if (!input.mottakerId) throw validation('/mottakerId', 'neste godkjenner må oppgis');
        await assertLedere(trx, [input.mottakerId]);
        assertIkkeForfatter(forfattere, input.mottakerId);
      }
    }
    await settStatus(trx, o, 'besvart', { svar: input.svar, svarMerknad: input.merknad ?? null }, now);
    await oppgaveHistorikk(trx, actor, o, 'oppgave_besvart', { svar: input.svar, merknad: input.merknad ?? null });
    if (o.oppgavetype !== 'GODKJENNING') {
      // The answer goes back to the sender as a message.
      await sendOppgave(trx, actor, { oppgavetype: 'BESKJED', mottakerIds: [o.paaVegneAvId ?? o.avsenderId], journalpostId: o.journalpostId, sakId: o.sakId!, merknad: `${input.svar}${input.merknad ? `: ${input.merknad}` : ''}`, forrigeOppgaveId: o.systemId });
      return;
    }
    const base = { journalpostId: o.journalpostId, sakId: o.sakId!, forrigeOppgaveId: o.systemId };
    if (input.svar === 'Ikke godkjent') {
      const tilbake = input.mottakerId ?? o.paaVegneAvId ?? o.avsenderId;
      await sendOppgave(trx, actor, { ...base, oppgavetype: 'BESKJED', mottakerIds: [tilbake], merknad: `Ikke godkjent${input.merknad ? `: ${input.merknad}` : ''}` });
    } else if (input.svar === 'Videresendt for godkjenning') {
      // The forwarded step comes before what is left of a planned chain.
      await sendOppgave(trx, actor, { ...base, oppgavetype: 'GODKJENNING', mottakerIds: [input.mottakerId!], merknad: input.merknad ?? null, innsenderId: o.innsenderId, nesteGodkjennere: o.nesteGodkjennere.filter((id) => id !== input.mottakerId) });
    } else if (o.nesteGodkjennere.length) {
      // A chain (§10.6): approved at this step, on to the next approver; only the last one sets F.
      const [neste, ...resten] = o.nesteGodkjennere as [string, ...string[]];
      await assertLedere(trx, [neste]);
      await sendOppgave(trx, actor, { ...base, oppgavetype: 'GODKJENNING', mottakerIds: [neste], merknad: `Godkjent av ${actor.bruker.navn}${input.merknad ? `: ${input.merknad}` : ''}`, innsenderId: o.innsenderId, nesteGodkjennere: resten });
    } else {
      await godkjent(trx, actor, o, input.merknad, now);
    }
  });
}
