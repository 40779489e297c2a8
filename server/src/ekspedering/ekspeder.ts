import type { Kysely, Transaction } from 'kysely';
import type { EkspederInput, Kanal } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError } from '../errors/app-error';
import { appendHistorikk } from '../historikk/historikk.repository';
import { lockForAction } from '../journalpost/journalpost.service';
import { aktiverVentendeAvskrivninger } from '../restanse/avskriv';
import { giInterneKopier } from './kopier';

export type EkspederMottaker = NonNullable<EkspederInput['mottakere']>[number];

/**
 * "Ekspeder" as one step (§10.7, §10.8): status E, per external recipient the chosen channel
 * recorded, N-notater reach their internal recipients (their *Ubehandlet*, with restanse),
 * internal kopimottakere get their copy, and avskrivninger waiting for this reply take effect.
 *
 * Transaction-level so the mail issue can call it after it has sent (or queued) the mail:
 * the channels themselves (SMTP, paper bundles) are not done here.
 */
export async function ekspederJournalpost(trx: Transaction<DB>, actor: Actor, id: string, mottakere: readonly EkspederMottaker[] = [], now = new Date()) {
  const { jp, result } = await lockForAction(trx, actor, id, 'ekspeder');
  if (!result.ok) throw new AppError('status_conflict');
  const parter = await trx.selectFrom('korrespondansepart').selectAll().where('journalpostId', '=', id).orderBy('rekkefolge').execute();
  const eksterne = parter.filter((p) => p.korrespondanseparttype === 'EM' || p.korrespondanseparttype === 'EK');
  const interne = parter.filter((p) => (p.korrespondanseparttype === 'IM' || p.korrespondanseparttype === 'IK') && p.brukerId);

  for (const m of mottakere) {
    if (!eksterne.some((p) => p.systemId === m.korrespondansepartId)) {
      throw new AppError('validation_failed', 'Mottakeren hører ikke til journalposten', { errors: [{ field: '/mottakere', message: `ukjent mottaker ${m.korrespondansepartId}` }] });
    }
  }
  if (jp.journalposttype === 'U' && !eksterne.some((p) => p.korrespondanseparttype === 'EM')) {
    throw new AppError('recipient_missing', 'Et utgående dokument må ha minst én mottaker før det ekspederes');
  }
  if (jp.journalposttype === 'N' && !interne.some((p) => p.korrespondanseparttype === 'IM')) {
    throw new AppError('recipient_missing', 'Et N-notat må ha minst én intern mottaker før det ekspederes');
  }
  // Per recipient a channel: as chosen, else e-mail when there is an address, else paper.
  const valg = eksterne.map((p) => ({ part: p, kanal: (mottakere.find((m) => m.korrespondansepartId === p.systemId)?.kanal ?? (p.epostadresse ? 'epost' : 'papir')) as Kanal }));
  const utenAdresse = valg.filter((v) => v.kanal === 'epost' && !v.part.epostadresse);
  if (utenAdresse.length > 0) {
    throw new AppError('recipient_missing', `E-postmottaker uten adresse: ${utenAdresse.map((v) => v.part.navn).join(', ')}`, {
      errors: utenAdresse.map((v) => ({ field: '/mottakere', message: `${v.part.navn} mangler e-postadresse` })),
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
    ...valg.map((v) => ({ journalpostId: id, korrespondansepartId: v.part.systemId, mottakerNavn: v.part.navn, kanal: v.kanal, ekspedertDato: now, ekspedertAvId: actor.bruker.systemId })),
    ...interne.map((p) => ({ journalpostId: id, korrespondansepartId: p.systemId, mottakerNavn: p.navn, kanal: 'intern' as const, ekspedertDato: now, ekspedertAvId: actor.bruker.systemId })),
  ];
  if (rader.length > 0) await trx.insertInto('ekspedering').values(rader).execute();
  await appendHistorikk(trx, actor, {
    handling: 'journalpost_ekspedert',
    objekttype: 'journalpost',
    objektId: id,
    sakId: jp.sakId,
    journalpostId: id,
    data: { journalstatus: { fra: jp.journalstatus, til: result.til }, mottakere: rader.map((r) => ({ navn: r.mottakerNavn, kanal: r.kanal })) },
  });
  const kopier = await giInterneKopier(trx, actor, id, jp.sakId);
  const avskrevet = await aktiverVentendeAvskrivninger(trx, actor, id, now);
  return { kanaler: rader.map((r) => ({ navn: r.mottakerNavn, kanal: r.kanal })), kopier: kopier.length, avskrivningerIKraft: avskrevet };
}

export function ekspeder(db: Kysely<DB>, actor: Actor, id: string, input: EkspederInput, now = new Date()) {
  return db.transaction().execute((trx) => ekspederJournalpost(trx, actor, id, input.mottakere ?? [], now));
}
