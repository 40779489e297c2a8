import type { Kysely, Selectable, Transaction } from 'kysely';
import { BESVAR_STANDARD, type BesvarInput, type KorrespondansepartInput, svartypeFor } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB, KorrespondansepartTable } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors/app-error';
import { appendHistorikk } from '../historikk/historikk.repository';
import { insertKryssreferanse, nummerFor } from '../kryssreferanse/kryssreferanse.repository';
import { journalpostPolicy } from '../policies/journalpost.policy';
import { lockJournalpost } from '../journalpost/journalpost.repository';
import { opprettJournalpost } from '../journalpost/journalpost.service';
import { registrerAvskrivning } from './avskriv';

type Original = NonNullable<Awaited<ReturnType<typeof lockJournalpost>>>;
type Part = Selectable<KorrespondansepartTable>;

/** The parts of a party a reply copies: address and reference, never the row's identity. */
const kopi = (p: Part, korrespondanseparttype: KorrespondansepartInput['korrespondanseparttype']): KorrespondansepartInput => ({
  korrespondanseparttype,
  navn: p.navn,
  ...(p.postadresse ? { postadresse: p.postadresse } : {}),
  ...(p.postnummer ? { postnummer: p.postnummer } : {}),
  ...(p.poststed ? { poststed: p.poststed } : {}),
  ...(p.epostadresse ? { epostadresse: p.epostadresse } : {}),
  ...(p.deresReferanse ? { deresReferanse: p.deresReferanse } : {}),
  ...(p.organisasjonsnummer ? { organisasjonsnummer: p.organisasjonsnummer } : {}),
  ...(p.brukerId ? { brukerId: p.brukerId } : {}),
  ...(p.enhetId ? { enhetId: p.enhetId } : {}),
});

/**
 * Who the reply goes to (§10.2.2 way 4: the sender's address becomes the recipient): an
 * incoming letter's senders; a U's own recipients (a follow-up letter goes where the first
 * went); an N-notat's internal sender, else its saksbehandler, as internal recipient.
 */
async function svarmottakere(trx: Transaction<DB>, originaler: readonly Original[], svartype: 'U' | 'N' | 'X'): Promise<KorrespondansepartInput[]> {
  const parter = await trx.selectFrom('korrespondansepart').selectAll().where('journalpostId', 'in', originaler.map((o) => o.systemId)).orderBy('rekkefolge').execute();
  const ut: KorrespondansepartInput[] = [];
  for (const o of originaler) {
    const egne = parter.filter((p) => p.journalpostId === o.systemId);
    if (svartype === 'U') {
      if (o.journalposttype === 'I') ut.push(...egne.filter((p) => p.korrespondanseparttype === 'EA').map((p) => kopi(p, 'EM')));
      if (o.journalposttype === 'U') ut.push(...egne.filter((p) => p.korrespondanseparttype === 'EM' || p.korrespondanseparttype === 'EK').map((p) => kopi(p, p.korrespondanseparttype as 'EM' | 'EK')));
    } else if (o.journalposttype === 'N' || o.journalposttype === 'X') {
      const avsendere = egne.filter((p) => p.korrespondanseparttype === 'IA' && p.brukerId);
      if (avsendere.length > 0) ut.push(...avsendere.map((p) => kopi(p, 'IM')));
      else {
        const sb = await trx.selectFrom('bruker').select(['navn']).where('systemId', '=', o.saksbehandlerId).executeTakeFirstOrThrow();
        ut.push({ korrespondanseparttype: 'IM', navn: sb.navn, brukerId: o.saksbehandlerId, enhetId: o.administrativEnhetId });
      }
    }
  }
  const sett = new Set<string>();
  return ut.filter((p) => {
    const key = `${p.korrespondanseparttype}|${p.brukerId ?? ''}|${p.navn}|${p.epostadresse ?? ''}`;
    if (sett.has(key)) return false;
    sett.add(key);
    return true;
  });
}

/**
 * The reply's dokumenttype: the one the chosen code names (BU a letter, BX an X-notat, NX an
 * N-notat), else what the originals are answered with (BESVAR_STANDARD). BI names an incoming
 * letter, which is registered, not written: the U is then avskrevet with BI pointing at it.
 */
function velgSvartype(input: BesvarInput, originaler: readonly Original[]): 'U' | 'N' | 'X' {
  const kode = input.maate === 'besvar_og_avskriv' ? input.avskrivningsmaate : undefined;
  const navngitt = kode ? svartypeFor(kode) : null;
  if (navngitt === 'I') {
    throw new AppError('avskrivningsmaate_not_allowed', 'BI (besvart med inngående brev) avskrives når det inngående svaret er registrert, ikke med et svarbrev', {
      errors: [{ field: '/avskrivningsmaate', message: 'registrer det inngående brevet og avskriv med BI' }],
    });
  }
  if (navngitt) return navngitt as 'U' | 'N' | 'X';
  const typer = [...new Set(originaler.map((o) => BESVAR_STANDARD[o.journalposttype].svartype))];
  if (typer.length > 1) {
    throw new AppError('unprocessable', 'Ett svar kan ikke besvare både brev og notater', { errors: [{ field: '/journalpostIds', message: 'journalpostene trenger ulike slags svar' }] });
  }
  return typer[0]!;
}

/**
 * §10.2.2 ways 2–4: one reply answering one or more journalposter of the same sak: a letter
 * (U) to incoming post, a notat to an N-notat. Besvar og avskriv registers a pending
 * avskrivning that takes effect when the reply is expedited; Foreløpig svar a pending *** that
 * keeps the restanse; Besvar uten å avskrive only links the reply. The link is in both
 * records' historikk. Returns the reply's id.
 */
export async function besvar(db: Kysely<DB>, actor: Actor, input: BesvarInput, now = new Date()): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const originaler: Original[] = [];
    for (const id of [...new Set(input.journalpostIds)].sort()) {
      const jp = await lockJournalpost(trx, id);
      if (!jp || jp.feilregistrertDato) throw notFound('Journalposten');
      originaler.push(jp);
    }
    // The reply copies the senders: only someone who follows every original up may answer it
    // (those with rights on it, and an N-notat's internal recipients).
    for (const o of originaler) {
      const ims = await trx.selectFrom('korrespondansepart').select('brukerId').where('journalpostId', '=', o.systemId).where('korrespondanseparttype', '=', 'IM').execute();
      const p = {
        saksbehandlerId: o.saksbehandlerId,
        administrativEnhetId: o.administrativEnhetId,
        journalstatus: o.journalstatus,
        journalposttype: o.journalposttype,
        sak: { saksansvarligId: o.sakSaksansvarligId, administrativEnhetId: o.sakEnhetId },
        interneMottakerIds: ims.map((r) => r.brukerId).filter((x): x is string => x !== null),
      };
      if (!journalpostPolicy.mayAvskriv(actor, p)) throw forbidden('Du har ikke rettigheter på journalposten som besvares');
    }
    const sakId = originaler[0]!.sakId;
    if (originaler.some((o) => o.sakId !== sakId)) {
      throw new AppError('unprocessable', 'Ett svar kan bare besvare journalposter i samme sak', { errors: [{ field: '/journalpostIds', message: 'journalpostene ligger i ulike saker' }] });
    }
    const svartype = velgSvartype(input, originaler);
    const mottakere = await svarmottakere(trx, originaler, svartype);
    // A screened original's own skjerming follows the reply (the sak's is inherited anyway, §8).
    const strengest = originaler.filter((o) => o.tilgangskode && o.skjermingsnivaa).sort((a, b) => b.skjermingsnivaa! - a.skjermingsnivaa!)[0];
    const skjerming = strengest ? { skjerming: { tilgangskode: strengest.tilgangskode!, skjermingsnivaa: strengest.skjermingsnivaa!, skjermingshjemmel: strengest.skjermingshjemmel ?? 'Som journalposten som besvares' } } : {};
    const svarId = await opprettJournalpost(trx, actor, sakId, { journalposttype: svartype, tittel: input.tittel, korrespondanseparter: mottakere, ...skjerming }, now, {}, { svarPaaEgne: true });
    const svar = { type: 'journalpost', id: svarId } as const;
    const svarNummer = await nummerFor(trx, svar);
    for (const o of originaler) {
      const original = { type: 'journalpost', id: o.systemId } as const;
      const { systemId: kryssreferanseId } = await insertKryssreferanse(trx, actor, svar, original);
      // §10.2: "document and its answer" found again from both ends, by number (a title may be screened).
      await appendHistorikk(trx, actor, {
        handling: 'kryssreferanse_lagt_til',
        objekttype: 'kryssreferanse',
        objektId: kryssreferanseId,
        sakId,
        journalpostId: svarId,
        data: { til: 'journalpost', tilId: o.systemId, tilNummer: await nummerFor(trx, original), svarPaa: true },
      });
      await appendHistorikk(trx, actor, {
        handling: 'svar_opprettet',
        objekttype: 'kryssreferanse',
        objektId: kryssreferanseId,
        sakId: o.sakId,
        journalpostId: o.systemId,
        data: { svarJournalpostId: svarId, svarNummer, svartype, maate: input.maate },
      });
      if (input.maate === 'besvar_uten_avskrivning') continue;
      const maate = input.maate === 'forelopig_svar' ? '***' : (input.avskrivningsmaate ?? BESVAR_STANDARD[o.journalposttype].avskrivningsmaate);
      if (!maate) {
        throw new AppError('avskrivningsmaate_not_allowed', `Velg avskrivningsmåte for dokumenttype ${o.journalposttype}`, { errors: [{ field: '/avskrivningsmaate', message: 'påkrevd for denne dokumenttypen' }] });
      }
      await registrerAvskrivning(trx, actor, o, { avskrivningsmaate: maate, svarJournalpostId: svarId }, now);
    }
    return svarId;
  });
}
