import { isAllowed, type Journalposttype, type Journalstatus, kanEndre } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import { erArkiv, erArkivansvarlig, erLederFor, erMeg, erSaksansvarlig, erSaksbehandler } from './predicates';

export interface JournalpostForPolicy {
  readonly saksbehandlerId: string;
  readonly administrativEnhetId: string;
  readonly journalstatus: Journalstatus;
  readonly journalposttype?: Journalposttype;
  readonly sak: { readonly saksansvarligId: string; readonly administrativEnhetId: string };
  /** Internal recipients (IM) of an N-notat: they follow it up (§10.8). */
  readonly interneMottakerIds?: readonly string[];
}

/** Who has rights on a journalpost (manual §6): its SBH, the sak's SA, the unit's leader, the archive. */
const harRettPaa = (actor: Actor, jp: JournalpostForPolicy) =>
  erSaksbehandler(actor, jp) ||
  erSaksansvarlig(actor, jp.sak) ||
  erLederFor(actor, jp.administrativEnhetId) ||
  erArkiv(actor);

/** Journalført or arkivert: the archive has quality-checked the record (§5). */
export const erKvalitetssikret = (jp: Pick<JournalpostForPolicy, 'journalstatus'>) => jp.journalstatus === 'J' || jp.journalstatus === 'A';

/** The receiver of an N-notat follows it up and may avskrive it. */
const erInternMottaker = (actor: Actor, jp: JournalpostForPolicy) => (jp.interneMottakerIds ?? []).some((id) => erMeg(actor, id));

/**
 * Pure journalpost policies. Each combines who (the predicates) with what the
 * journalstatus allows (the machine), so a locked journalpost reports update=false.
 * Routes distinguish the two so the answer is 403 (who) or 409 (status).
 */
export const journalpostPolicy = {
  read: (_actor: Actor, _jp: JournalpostForPolicy) => true,
  /** "Who" alone: status is checked separately against the machine. */
  mayEdit: harRettPaa,
  /** Registration data: while open, and on F/E by the archive (ENDRINGSRETT, docs/journalstatus.md). */
  update: (actor: Actor, jp: JournalpostForPolicy) => harRettPaa(actor, jp) && isAllowed(jp.journalstatus, 'endre_registrering') && kanEndre('registrering', jp.journalstatus, erArkiv(actor)),
  addDokument: (actor: Actor, jp: JournalpostForPolicy) => harRettPaa(actor, jp) && isAllowed(jp.journalstatus, 'endre_dokument') && kanEndre('dokument', jp.journalstatus, erArkiv(actor)),
  changeSkjerming: (actor: Actor, jp: JournalpostForPolicy) => harRettPaa(actor, jp) && isAllowed(jp.journalstatus, 'endre_skjerming'),
  addMerknad: (actor: Actor, jp: JournalpostForPolicy) => harRettPaa(actor, jp) && isAllowed(jp.journalstatus, 'legg_til_merknad'),
  /** A kryssreferanse is a finding aid: added in every status, like a merknad (docs/kryssreferanser.md). */
  addKryssreferanse: (actor: Actor, jp: JournalpostForPolicy) => harRettPaa(actor, jp) && isAllowed(jp.journalstatus, 'legg_til_kryssreferanse'),
  /** Removed by those with rights until journalført; from J and A only the archive corrects it. */
  fjernKryssreferanse: (actor: Actor, jp: JournalpostForPolicy) =>
    harRettPaa(actor, jp) && isAllowed(jp.journalstatus, 'fjern_kryssreferanse') && (erArkiv(actor) || !erKvalitetssikret(jp)),
  /** Who may avskrive: those with rights, and the internal recipients of an N-notat. */
  mayAvskriv: (actor: Actor, jp: JournalpostForPolicy) => harRettPaa(actor, jp) || erInternMottaker(actor, jp),
  avskriv: (actor: Actor, jp: JournalpostForPolicy) =>
    (harRettPaa(actor, jp) || erInternMottaker(actor, jp)) && isAllowed(jp.journalstatus, 'avskriv') && jp.journalposttype !== 'S',
  fordel: (actor: Actor, jp: JournalpostForPolicy) => harRettPaa(actor, jp) && isAllowed(jp.journalstatus, 'fordel'),
  sendTilGodkjenning: (actor: Actor, jp: JournalpostForPolicy) => harRettPaa(actor, jp) && isAllowed(jp.journalstatus, 'send_til_godkjenning'),
  ekspeder: (actor: Actor, jp: JournalpostForPolicy) => harRettPaa(actor, jp) && isAllowed(jp.journalstatus, 'ekspeder'),
  /** §5: only the archive journalfører. */
  mayJournalfoer: (actor: Actor) => erArkiv(actor),
  journalfoer: (actor: Actor, jp: JournalpostForPolicy) => erArkiv(actor) && isAllowed(jp.journalstatus, 'journalfoer'),
  /** §12.6: the SBH removes own journalposter in R or S; the archive any. */
  mayFeilregistrer: (actor: Actor, jp: JournalpostForPolicy) =>
    erArkiv(actor) || (erSaksbehandler(actor, jp) && (jp.journalstatus === 'R' || jp.journalstatus === 'S')),
  feilregistrer: (actor: Actor, jp: JournalpostForPolicy) =>
    isAllowed(jp.journalstatus, 'feilregistrer') && journalpostPolicy.mayFeilregistrer(actor, jp),
  /** §12.7: only the archive (ARK) moves a journalpost to another sak. */
  flytt: (actor: Actor, jp: JournalpostForPolicy) => erArkivansvarlig(actor) && isAllowed(jp.journalstatus, 'flytt'),
};

export function journalpostAbilities(actor: Actor, jp: JournalpostForPolicy): Record<string, boolean> {
  return {
    read: journalpostPolicy.read(actor, jp),
    update: journalpostPolicy.update(actor, jp),
    addDokument: journalpostPolicy.addDokument(actor, jp),
    changeSkjerming: journalpostPolicy.changeSkjerming(actor, jp),
    addMerknad: journalpostPolicy.addMerknad(actor, jp),
    addKryssreferanse: journalpostPolicy.addKryssreferanse(actor, jp),
    avskriv: journalpostPolicy.avskriv(actor, jp),
    fordel: journalpostPolicy.fordel(actor, jp),
    sendTilGodkjenning: journalpostPolicy.sendTilGodkjenning(actor, jp),
    ekspeder: journalpostPolicy.ekspeder(actor, jp),
    journalfoer: journalpostPolicy.journalfoer(actor, jp),
    feilregistrer: journalpostPolicy.feilregistrer(actor, jp),
    flytt: journalpostPolicy.flytt(actor, jp),
  };
}
