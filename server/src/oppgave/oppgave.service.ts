import type { Kysely, Transaction } from 'kysely';
import { OPPGAVETYPER, type OppgaveCreate, type Oppgavetype } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, forbidden, notFound, validation } from '../errors/app-error';
import { appendHistorikk } from '../historikk/historikk.repository';
import { lockJournalpost } from '../journalpost/journalpost.repository';
import { journalpostPolicy } from '../policies/journalpost.policy';
import { erArkiv, erMeg, harRolle, pultEier } from '../policies/predicates';
import { sakPolicy } from '../policies/sak.policy';

export const svarFor = (type: Oppgavetype): readonly string[] => OPPGAVETYPER.find((t) => t.kode === type)!.svar;

interface NyOppgave {
  readonly oppgavetype: Oppgavetype;
  readonly mottakerIds: readonly string[];
  readonly journalpostId?: string | null;
  readonly sakId: string;
  readonly merknad?: string | null;
  readonly merknadForAlle?: boolean;
  readonly forrigeOppgaveId?: string | null;
  /** Til godkjenning: whose desk sent the journalpost for approval (kept along the chain). */
  readonly innsenderId?: string | null;
  /** Til godkjenning to a chain: the approvers after the receiver, in order. */
  readonly nesteGodkjennere?: readonly string[];
}

/**
 * Writes one oppgave per receiver (§12.1) with historikk; the merknad is also kept as a
 * formal merknad on the journalpost. Callers have authorized.
 */
export async function sendOppgave(trx: Transaction<DB>, actor: Actor, o: NyOppgave): Promise<string[]> {
  const mottakere = [...new Set(o.mottakerIds)];
  const kjente = await trx.selectFrom('bruker').select('systemId').where('systemId', 'in', mottakere).where('aktiv', '=', true).execute();
  if (kjente.length !== mottakere.length) throw validation('/mottakerIds', 'ukjent eller inaktiv mottaker');
  const rows = await trx
    .insertInto('oppgave')
    .values(
      mottakere.map((mottakerId) => ({
        oppgavetype: o.oppgavetype,
        journalpostId: o.journalpostId ?? null,
        sakId: o.sakId,
        avsenderId: actor.bruker.systemId,
        paaVegneAvId: actor.paaVegneAv?.systemId ?? null,
        mottakerId,
        merknad: o.merknad ?? null,
        merknadForAlle: o.merknadForAlle ?? false,
        forrigeOppgaveId: o.forrigeOppgaveId ?? null,
        innsenderId: o.oppgavetype === 'GODKJENNING' ? (o.innsenderId ?? pultEier(actor)) : null,
        nesteGodkjennere: o.oppgavetype === 'GODKJENNING' ? [...(o.nesteGodkjennere ?? [])] : [],
      })),
    )
    .returning('systemId')
    .execute();
  if (o.merknad && o.journalpostId) {
    await trx.insertInto('merknad').values({ journalpostId: o.journalpostId, merknadstype: 'FORMELL', merknadstekst: o.merknad, registrertAvId: actor.bruker.systemId }).execute();
  }
  for (const [i, r] of rows.entries()) {
    await appendHistorikk(trx, actor, {
      handling: 'oppgave_sendt',
      objekttype: 'oppgave',
      objektId: r.systemId,
      sakId: o.sakId,
      journalpostId: o.journalpostId ?? null,
      data: { oppgavetype: o.oppgavetype, mottakerId: mottakere[i], merknad: o.merknad ?? null, ...(o.nesteGodkjennere?.length ? { nesteGodkjennere: o.nesteGodkjennere } : {}) },
    });
  }
  return rows.map((r) => r.systemId);
}

/** §12.1 and §10.6: send an oppgave about a journalpost or a sak. Til godkjenning only from R, to a leader. */
export async function opprettOppgave(db: Kysely<DB>, actor: Actor, input: OppgaveCreate, nesteGodkjennere: readonly string[] = []): Promise<string[]> {
  if (!input.journalpostId && !input.sakId) throw validation('/journalpostId', 'oppgaven må gjelde en journalpost eller en sak');
  return db.transaction().execute(async (trx) => {
    let sakId = input.sakId;
    if (input.journalpostId) {
      const jp = await lockJournalpost(trx, input.journalpostId);
      if (!jp || jp.feilregistrertDato) throw notFound('Journalposten');
      sakId = jp.sakId;
      const p = {
        saksbehandlerId: jp.saksbehandlerId,
        administrativEnhetId: jp.administrativEnhetId,
        journalstatus: jp.journalstatus,
        sak: { saksansvarligId: jp.sakSaksansvarligId, administrativEnhetId: jp.sakEnhetId },
      };
      // Anyone may ask the dokumentsenter (§10.1); other oppgaver need rights on the journalpost.
      if (input.oppgavetype !== 'DOKUMENTSENTER' && !journalpostPolicy.mayEdit(actor, p)) throw forbidden('Du har ikke rettigheter på denne journalposten');
      if (input.oppgavetype === 'GODKJENNING') {
        if (!journalpostPolicy.sendTilGodkjenning(actor, p)) {
          throw new AppError('status_conflict', `Bare journalposter i status R kan sendes til godkjenning (status ${jp.journalstatus})`, { journalstatus: jp.journalstatus });
        }
        // §10.6/§11.2: one approver at a time; further steps come by Videresendt (a chain).
        if (new Set(input.mottakerIds).size !== 1) throw validation('/mottakerIds', 'godkjenning sendes til én leder; neste ledd får den ved «Videresendt for godkjenning»');
        const kjede = [input.mottakerIds[0]!, ...nesteGodkjennere];
        if (new Set(kjede).size !== kjede.length) throw validation('/videre', 'en godkjenner står bare én gang i godkjenningsløpet');
        await assertLedere(trx, kjede);
        for (const g of kjede) assertIkkeForfatter([jp.saksbehandlerId, actor.bruker.systemId, actor.paaVegneAv?.systemId], g);
        if (await aapenGodkjenning(trx, jp.systemId)) throw new AppError('status_conflict', 'Journalposten ligger allerede til godkjenning');
      }
    } else {
      const sak = await trx.selectFrom('sak').selectAll().where('systemId', '=', sakId!).executeTakeFirst();
      if (!sak) throw notFound('Saken');
      if (input.oppgavetype === 'GODKJENNING') throw validation('/oppgavetype', 'godkjenning gjelder en journalpost');
      if (!sakPolicy.addMerknad(actor, sak) && !erArkiv(actor)) throw forbidden('Du har ikke rettigheter på denne saken');
    }
    if (input.oppgavetype !== 'GODKJENNING' && nesteGodkjennere.length) throw validation('/videre', 'bare godkjenning har et godkjenningsløp');
    return sendOppgave(trx, actor, { ...input, sakId: sakId!, nesteGodkjennere });
  });
}

export async function assertLedere(trx: Transaction<DB>, ids: readonly string[]) {
  const ledere = await trx.selectFrom('brukerRolle').select('brukerId').distinct().where('brukerId', 'in', [...ids]).where('rolle', '=', 'LED').execute();
  if (ledere.length !== new Set(ids).size) throw validation('/mottakerIds', 'godkjenning sendes til en leder');
}

/** The open Til godkjenning on a journalpost, if any (there is at most one: one approver at a time). */
export async function aapenGodkjenning(trx: Transaction<DB>, journalpostId: string) {
  return trx.selectFrom('oppgave').select(['systemId', 'mottakerId']).where('journalpostId', '=', journalpostId).where('oppgavetype', '=', 'GODKJENNING').where('status', '=', 'aktiv').executeTakeFirst();
}

/**
 * §11.2: approval is by someone other than the author. The authors are the journalpost's
 * saksbehandler and whoever sent it for approval (and on whose behalf); `godkjenner` is the
 * approver, and for a deputy also the leader whose desk he works on.
 */
export function assertIkkeForfatter(forfattere: readonly (string | null | undefined)[], ...godkjenner: readonly (string | null | undefined)[]) {
  if (godkjenner.some((g) => g && forfattere.includes(g))) throw new AppError('self_approval', 'Journalposten må godkjennes av en annen enn den som har skrevet eller sendt den');
}

/** Who wrote and sent the journalpost of a Til godkjenning: its saksbehandler and the first step of the chain. */
export async function godkjenningForfattere(trx: Transaction<DB>, o: { forrigeOppgaveId: string | null; avsenderId: string; paaVegneAvId: string | null; oppgavetype: string }, saksbehandlerId: string) {
  let forste = o;
  while (forste.forrigeOppgaveId) {
    const forrige = await trx.selectFrom('oppgave').select(['forrigeOppgaveId', 'avsenderId', 'paaVegneAvId', 'oppgavetype']).where('systemId', '=', forste.forrigeOppgaveId).executeTakeFirst();
    if (!forrige || forrige.oppgavetype !== 'GODKJENNING') break;
    forste = forrige;
  }
  return [saksbehandlerId, forste.avsenderId, forste.paaVegneAvId];
}

/**
 * Closes every open oppgave on a journalpost that can no longer be acted on (removed, or
 * otherwise taken out of the work), each with a visible historikk record saying why. Kept
 * out of the receivers' baskets as *fjernet*; `typer` limits it to some oppgavetyper.
 */
export async function trekkOppgaver(trx: Transaction<DB>, actor: Actor, journalpostId: string, grunn: string, typer?: readonly Oppgavetype[]): Promise<number> {
  let q = trx.updateTable('oppgave').set({ status: 'fjernet' }).where('journalpostId', '=', journalpostId).where('status', '=', 'aktiv');
  if (typer) q = q.where('oppgavetype', 'in', [...typer]);
  const lukket = await q.returning(['systemId', 'sakId', 'oppgavetype', 'mottakerId']).execute();
  for (const o of lukket) {
    await appendHistorikk(trx, actor, { handling: 'oppgave_trukket', objekttype: 'oppgave', objektId: o.systemId, sakId: o.sakId, journalpostId, data: { oppgavetype: o.oppgavetype, mottakerId: o.mottakerId, grunn } });
  }
  return lukket.length;
}

export async function lockOppgave(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('oppgave').selectAll().where('systemId', '=', id).forUpdate().executeTakeFirst();
}
type LockedOppgave = NonNullable<Awaited<ReturnType<typeof lockOppgave>>>;

/** Conditional status write: zero rows means someone else changed it first (409). */
export async function settStatus(trx: Transaction<DB>, o: LockedOppgave, til: 'besvart' | 'fjernet' | 'deaktivert', extra: { svar?: string; svarMerknad?: string | null } = {}, now = new Date()) {
  const res = await trx
    .updateTable('oppgave')
    .set({ status: til, ...extra, ...(til === 'besvart' ? { svarDato: now } : {}), lestDato: o.lestDato ?? (til === 'deaktivert' ? null : now) })
    .where('systemId', '=', o.systemId)
    .where('status', '=', 'aktiv')
    .executeTakeFirst();
  if (res.numUpdatedRows === 0n) throw new AppError('oppgave_not_open');
}

/** The receiver's side: lock, must be the receiver, must be open. */
export async function lockMottatt(trx: Transaction<DB>, actor: Actor, id: string) {
  const o = await lockOppgave(trx, id);
  if (!o || (!erMeg(actor, o.mottakerId) && !erMeg(actor, o.avsenderId))) throw notFound('Oppgaven');
  if (!erMeg(actor, o.mottakerId)) throw forbidden('Bare mottakeren behandler oppgaven');
  if (o.status !== 'aktiv') throw new AppError('oppgave_not_open', `Oppgaven har status ${o.status}`);
  return o;
}

const historikk = (trx: Transaction<DB>, actor: Actor, o: LockedOppgave, handling: 'oppgave_besvart' | 'oppgave_fjernet' | 'oppgave_deaktivert' | 'oppgave_lest', data: Record<string, unknown> = {}) =>
  appendHistorikk(trx, actor, { handling, objekttype: 'oppgave', objektId: o.systemId, sakId: o.sakId, journalpostId: o.journalpostId, data: { oppgavetype: o.oppgavetype, ...data } });
export { historikk as oppgaveHistorikk };

/** §12.1: "Fjern fra kurv" for types without answers. */
export async function fjernFraKurv(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const o = await lockMottatt(trx, actor, id);
    if (svarFor(o.oppgavetype).length > 0) throw new AppError('unprocessable', 'Oppgaven har svar og må behandles');
    await settStatus(trx, o, 'fjernet');
    await historikk(trx, actor, o, 'oppgave_fjernet');
  });
}

/** §12.1: the sender deactivates an oppgave until the receiver has read it (kept, struck through). */
export async function deaktiver(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const o = await lockOppgave(trx, id);
    if (!o || (!erMeg(actor, o.mottakerId) && !erMeg(actor, o.avsenderId))) throw notFound('Oppgaven');
    if (!erMeg(actor, o.avsenderId)) throw forbidden('Bare avsenderen kan deaktivere oppgaven');
    if (o.status !== 'aktiv') throw new AppError('oppgave_not_open', `Oppgaven har status ${o.status}`);
    if (o.lestDato) throw new AppError('oppgave_not_open', 'Mottakeren har allerede lest oppgaven');
    await settStatus(trx, o, 'deaktivert');
    await historikk(trx, actor, o, 'oppgave_deaktivert');
  });
}

/** The receiver opens the oppgave: from now on it can no longer be deactivated. */
export async function markerLest(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const o = await lockOppgave(trx, id);
    if (!o || (!erMeg(actor, o.mottakerId) && !erMeg(actor, o.avsenderId))) throw notFound('Oppgaven');
    if (!erMeg(actor, o.mottakerId) || o.lestDato) return;
    // §12.1: once read it can no longer be deactivated; the moment is part of the oppgave's history.
    const res = await trx.updateTable('oppgave').set({ lestDato: new Date() }).where('systemId', '=', id).where('lestDato', 'is', null).executeTakeFirst();
    if (res.numUpdatedRows > 0n) await historikk(trx, actor, o, 'oppgave_lest');
  });
}

export const erLeder = (actor: Actor) => harRolle(actor, 'LED');
