import type { Selectable, Transaction } from 'kysely';
import type { EkspederInput, Kanal } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB, KorrespondansepartTable } from '../db/schema';
import { AppError } from '../errors/app-error';
import { appendHistorikk } from '../historikk/historikk.repository';
import { lockForAction } from '../journalpost/journalpost.service';
import { aapenGodkjenning } from '../oppgave/oppgave.service';
import { aktiverVentendeAvskrivninger } from '../restanse/avskriv';
import { giInterneKopier } from './kopier';

export type EkspederMottaker = NonNullable<EkspederInput['mottakere']>[number];

/** The channel text of a mail sent from Outlook and then archived (§10.3: it has gone out already). */
export const KANAL_OUTLOOK = 'e-post, sendt fra Outlook';

export interface EkspederOptions {
  /**
   * §10.3: the journalpost records a mail that has already gone out (a sent mail imported
   * from Outlook). No recipient is required, and recipients not in `mottakere` get channel
   * "annen" described as KANAL_OUTLOOK: the record says what happened, it sends nothing.
   */
  readonly alleredeSendt?: boolean;
}

/** An external recipient and the channel chosen for it. */
export interface Kanalvalg {
  readonly part: Selectable<KorrespondansepartTable>;
  readonly kanal: Kanal;
  readonly kanalBeskrivelse?: string;
}

/**
 * "Ekspeder" as one step (§10.7, §10.8), the only place a journalpost becomes E: per external
 * recipient the chosen channel recorded, N-notater reach their internal recipients (their
 * *Ubehandlet*, with restanse), internal kopimottakere get their copy, and avskrivninger
 * waiting for this reply take effect. Every check comes before the first write.
 *
 * Transaction-level: the caller (utsending/ekspeder.service.ts for "Ekspeder", the mail import
 * for a sent mail) writes the deliveries (outbox rows, paper bundles) in the same transaction
 * from the returned channel choices.
 */
export async function ekspederJournalpost(trx: Transaction<DB>, actor: Actor, id: string, mottakere: readonly EkspederMottaker[] = [], now = new Date(), opts: EkspederOptions = {}) {
  const { jp, result } = await lockForAction(trx, actor, id, 'ekspeder');
  if (!result.ok) throw new AppError('status_conflict');
  // §10.6/§10.7: a letter sent for approval goes out once approved, never past its approver.
  const godkjenning = await aapenGodkjenning(trx, id);
  if (godkjenning) {
    throw new AppError('approval_pending', 'Journalposten ligger til godkjenning og kan ekspederes når den er godkjent (eller etter at godkjenneren har returnert den)', { oppgaveId: godkjenning.systemId });
  }
  const parter = await trx.selectFrom('korrespondansepart').selectAll().where('journalpostId', '=', id).orderBy('rekkefolge').execute();
  const eksterne = parter.filter((p) => p.korrespondanseparttype === 'EM' || p.korrespondanseparttype === 'EK');
  const interne = parter.filter((p) => (p.korrespondanseparttype === 'IM' || p.korrespondanseparttype === 'IK') && p.brukerId);

  for (const m of mottakere) {
    if (!eksterne.some((p) => p.systemId === m.korrespondansepartId)) {
      throw new AppError('validation_failed', 'Mottakeren hører ikke til journalposten', { errors: [{ field: '/mottakere', message: `ukjent mottaker ${m.korrespondansepartId}` }] });
    }
  }
  if (!opts.alleredeSendt && jp.journalposttype === 'U' && !eksterne.some((p) => p.korrespondanseparttype === 'EM')) {
    throw new AppError('recipient_missing', 'Et utgående dokument må ha minst én mottaker før det ekspederes');
  }
  if (!opts.alleredeSendt && jp.journalposttype === 'N' && !interne.some((p) => p.korrespondanseparttype === 'IM')) {
    throw new AppError('recipient_missing', 'Et N-notat må ha minst én intern mottaker før det ekspederes');
  }
  // Per recipient a channel: as chosen, else e-mail when there is an address, else paper.
  const valg: Kanalvalg[] = eksterne.map((p) => {
    const m = mottakere.find((x) => x.korrespondansepartId === p.systemId);
    if (!m && opts.alleredeSendt) return { part: p, kanal: 'annen', kanalBeskrivelse: KANAL_OUTLOOK };
    return { part: p, kanal: m?.kanal ?? (p.epostadresse ? 'epost' : 'papir'), ...(m?.kanalBeskrivelse ? { kanalBeskrivelse: m.kanalBeskrivelse } : {}) };
  });
  // §10.7: e-mail recipients without an address stop the expedition with a clear message.
  const utenAdresse = valg.filter((v) => v.kanal === 'epost' && !v.part.epostadresse);
  if (utenAdresse.length > 0) {
    throw new AppError('recipient_without_address', `E-postmottakere uten adresse: ${utenAdresse.map((v) => v.part.navn).join(', ')}`, {
      mottakere: utenAdresse.map((v) => ({ korrespondansepartId: v.part.systemId, navn: v.part.navn })),
      errors: utenAdresse.map((v) => ({ field: `/mottakere/${v.part.systemId}`, message: `${v.part.navn} mangler e-postadresse` })),
    });
  }

  const res = await trx
    .updateTable('journalpost')
    .set({ journalstatus: result.til, sendtDato: now, oppdatertDato: now })
    .where('systemId', '=', id)
    .where('journalstatus', '=', jp.journalstatus)
    .executeTakeFirst();
  if (res.numUpdatedRows === 0n) throw new AppError('concurrent_update');

  const rader = [
    ...valg.map((v) => ({ journalpostId: id, korrespondansepartId: v.part.systemId, mottakerNavn: v.part.navn, kanal: v.kanal as Kanal | 'intern', ekspedertDato: now, ekspedertAvId: actor.bruker.systemId })),
    ...interne.map((p) => ({ journalpostId: id, korrespondansepartId: p.systemId, mottakerNavn: p.navn, kanal: 'intern' as const, ekspedertDato: now, ekspedertAvId: actor.bruker.systemId })),
  ];
  if (rader.length > 0) await trx.insertInto('ekspedering').values(rader).execute();
  const beskrivelse = new Map(valg.filter((v) => v.kanalBeskrivelse).map((v) => [v.part.systemId, v.kanalBeskrivelse]));
  await appendHistorikk(trx, actor, {
    handling: 'journalpost_ekspedert',
    objekttype: 'journalpost',
    objektId: id,
    sakId: jp.sakId,
    journalpostId: id,
    data: {
      journalstatus: { fra: jp.journalstatus, til: result.til },
      mottakere: rader.map((r) => ({ navn: r.mottakerNavn, kanal: r.kanal, ...(beskrivelse.has(r.korrespondansepartId) ? { kanalBeskrivelse: beskrivelse.get(r.korrespondansepartId) } : {}) })),
      ...(opts.alleredeSendt ? { alleredeSendt: true } : {}),
    },
  });
  const kopier = await giInterneKopier(trx, actor, id, jp.sakId);
  const avskrevet = await aktiverVentendeAvskrivninger(trx, actor, id, now);
  return { sakId: jp.sakId, valg, kanaler: rader.map((r) => ({ navn: r.mottakerNavn, kanal: r.kanal })), kopier: kopier.length, avskrivningerIKraft: avskrevet };
}
