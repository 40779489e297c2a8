import type { Kysely } from 'kysely';
import type { Avskrivningsmaate, BesvarInput, Journalposttype, KorrespondansepartInput } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors/app-error';
import { journalpostPolicy } from '../policies/journalpost.policy';
import { lockJournalpost } from '../journalpost/journalpost.repository';
import { opprettJournalpost } from '../journalpost/journalpost.service';
import { registrerAvskrivning } from './avskriv';

/** The code a written U reply avskriver with, when the caller does not choose (§5 table). */
const SVARKODE: Partial<Record<Journalposttype, Avskrivningsmaate>> = { I: 'BU', U: 'BI' };

/**
 * §10.2.2 ways 2–4: one U reply answering one or more journalposter of the same sak. The
 * senders become recipients. Besvar og avskriv registers a pending avskrivning that takes
 * effect when the reply is expedited; Foreløpig svar a pending *** that keeps the restanse;
 * Besvar uten å avskrive only links the reply. Returns the reply's id.
 */
export async function besvar(db: Kysely<DB>, actor: Actor, input: BesvarInput, now = new Date()): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const originaler = [];
    for (const id of [...new Set(input.journalpostIds)].sort()) {
      const jp = await lockJournalpost(trx, id);
      if (!jp || jp.feilregistrertDato) throw notFound('Journalposten');
      originaler.push(jp);
    }
    // The reply copies the senders: only someone with rights on every original may answer it.
    for (const o of originaler) {
      const p = { saksbehandlerId: o.saksbehandlerId, administrativEnhetId: o.administrativEnhetId, journalstatus: o.journalstatus, journalposttype: o.journalposttype, sak: { saksansvarligId: o.sakSaksansvarligId, administrativEnhetId: o.sakEnhetId } };
      if (!journalpostPolicy.mayEdit(actor, p)) throw forbidden('Du har ikke rettigheter på journalposten som besvares');
    }
    const sakId = originaler[0]!.sakId;
    if (originaler.some((o) => o.sakId !== sakId)) {
      throw new AppError('unprocessable', 'Ett svar kan bare besvare journalposter i samme sak', { errors: [{ field: '/journalpostIds', message: 'journalpostene ligger i ulike saker' }] });
    }
    const avsendere = await trx
      .selectFrom('korrespondansepart')
      .selectAll()
      .where('journalpostId', 'in', originaler.map((o) => o.systemId))
      .where('korrespondanseparttype', '=', 'EA')
      .orderBy('rekkefolge')
      .execute();
    const sett = new Set<string>();
    const mottakere: KorrespondansepartInput[] = [];
    for (const a of avsendere) {
      const key = `${a.navn}|${a.epostadresse ?? ''}`;
      if (sett.has(key)) continue;
      sett.add(key);
      mottakere.push({
        korrespondanseparttype: 'EM',
        navn: a.navn,
        ...(a.postadresse ? { postadresse: a.postadresse } : {}),
        ...(a.postnummer ? { postnummer: a.postnummer } : {}),
        ...(a.poststed ? { poststed: a.poststed } : {}),
        ...(a.epostadresse ? { epostadresse: a.epostadresse } : {}),
        ...(a.deresReferanse ? { deresReferanse: a.deresReferanse } : {}),
        ...(a.organisasjonsnummer ? { organisasjonsnummer: a.organisasjonsnummer } : {}),
      });
    }
    // A screened original's own skjerming follows the reply (the sak's is inherited anyway, §8).
    const strengest = originaler.filter((o) => o.tilgangskode && o.skjermingsnivaa).sort((a, b) => b.skjermingsnivaa! - a.skjermingsnivaa!)[0];
    const skjerming = strengest ? { skjerming: { tilgangskode: strengest.tilgangskode!, skjermingsnivaa: strengest.skjermingsnivaa!, skjermingshjemmel: strengest.skjermingshjemmel ?? 'Som journalposten som besvares' } } : {};
    const svarId = await opprettJournalpost(trx, actor, sakId, { journalposttype: 'U', tittel: input.tittel, korrespondanseparter: mottakere, ...skjerming }, now);
    for (const o of originaler) {
      await trx.insertInto('kryssreferanse').values({ fraJournalpostId: svarId, tilJournalpostId: o.systemId, opprettetAvId: actor.bruker.systemId }).execute();
      if (input.maate === 'besvar_uten_avskrivning') continue;
      const maate = input.maate === 'forelopig_svar' ? '***' : (input.avskrivningsmaate ?? SVARKODE[o.journalposttype]);
      if (!maate) {
        throw new AppError('avskrivningsmaate_not_allowed', `Velg avskrivningsmåte for dokumenttype ${o.journalposttype}`, { errors: [{ field: '/avskrivningsmaate', message: 'påkrevd for denne dokumenttypen' }] });
      }
      await registrerAvskrivning(trx, actor, o, { avskrivningsmaate: maate, svarJournalpostId: svarId }, now);
    }
    return svarId;
  });
}
