import type { Saksstatus } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import { erArkiv, erArkivansvarlig, erLederFor, erMeg, erSaksansvarlig } from './predicates';
import { type Graded, kanSeSkjermet, skjermingOf } from './skjerming';

export interface SakForPolicy {
  readonly saksansvarligId: string;
  readonly administrativEnhetId: string;
  readonly saksstatus: Saksstatus;
  /** Users the saksansvarlig gave access to add journalposter (§6). */
  readonly tilgangBrukerIds?: readonly string[];
}

const aapen = (sak: SakForPolicy) => sak.saksstatus !== 'A' && sak.saksstatus !== 'U';

/** Pure sak policies: `abilities` is what the client is told the user may do. */
export const sakPolicy = {
  /** Every signed-in user sees a sak; skjerming redacts parts of it (presenter). */
  read: (_actor: Actor, _sak: SakForPolicy) => true,
  update: (actor: Actor, sak: SakForPolicy) =>
    aapen(sak) && (erSaksansvarlig(actor, sak) || erLederFor(actor, sak.administrativEnhetId) || erArkiv(actor)),
  /**
   * §6 with §10.4/§10.5/§10.8 ("Dersom du ikke får tilgang til å opprette nye journalposter i
   * saken, kontakter du saksansvarlig"): adding a journalpost to a sak is not every unit
   * member's right. It is the saksansvarlig's (total responsibility for the sak); the
   * archive's (§6: all registration; the dokumentsenter registers incoming post into any sak,
   * §3.1); the leader's of the sak's unit (§6: extended rights in the own unit, saksfordeling;
   * the leader may make anyone saksansvarlig anyway); and whoever the saksansvarlig gave access
   * (sak_tilgang). A stedfortreder on one of their desks acts as they do (erMeg). Answering
   * one's own journalpost in the sak (§10.2.2) is allowed in the service (besvar.ts), as it is
   * processing that journalpost, not adding to another's sak.
   */
  addJournalpost: (actor: Actor, sak: SakForPolicy) =>
    aapen(sak) &&
    (erSaksansvarlig(actor, sak) ||
      erArkiv(actor) ||
      erLederFor(actor, sak.administrativEnhetId) ||
      (sak.tilgangBrukerIds ?? []).some((id) => erMeg(actor, id))),
  /**
   * §10.2.2: a written reply to journalposter of the sak the actor has rights on (the caller,
   * besvar.ts, checks each original): answering is processing one's own journalpost, so it
   * needs no access to add journalposter, only an open sak.
   */
  addSvar: (_actor: Actor, sak: SakForPolicy) => aapen(sak),
  /** §6: the saksansvarlig gives others access and takes it back; so do the unit's leader and the archive (see addJournalpost). */
  giTilgang: (actor: Actor, sak: SakForPolicy) => aapen(sak) && (erSaksansvarlig(actor, sak) || erLederFor(actor, sak.administrativEnhetId) || erArkiv(actor)),
  addMerknad: (actor: Actor, sak: SakForPolicy) =>
    erSaksansvarlig(actor, sak) || erLederFor(actor, sak.administrativEnhetId) || erArkiv(actor),
  /**
   * Kryssreferanser from a sak: like merknader, also on a closed sak (an UTGÅR sak pointing
   * to the right one is the typical case). Removing one from a closed sak is the archive's.
   */
  addKryssreferanse: (actor: Actor, sak: SakForPolicy) => sakPolicy.addMerknad(actor, sak),
  fjernKryssreferanse: (actor: Actor, sak: SakForPolicy) => sakPolicy.addMerknad(actor, sak) && (aapen(sak) || erArkiv(actor)),
  /**
   * Screened words in the sak's title (docs/skjerming.md): whoever may correct the sak, while it
   * is open, and sees its title whole (sees through its grading): the list is chosen among the
   * title's words, which the others see as *****. The words take effect only on a graded sak;
   * the service refuses them otherwise.
   */
  skjermOrd: (actor: Actor, sak: SakForPolicy & Graded) =>
    sakPolicy.update(actor, sak) && kanSeSkjermet(actor, skjermingOf(sak), { enhetId: sak.administrativEnhetId, saksansvarligId: sak.saksansvarligId }),
  /** §12.5: OBS-dato is the saksansvarlig's reminder (leader and archive too). */
  settObs: (actor: Actor, sak: SakForPolicy) => sakPolicy.update(actor, sak),
  /** §5: the archive checks a sak the SBH created: R → B. */
  kontroller: (actor: Actor, sak: SakForPolicy) => erArkiv(actor) && sak.saksstatus === 'R',
  /** §5: only ARK closes (A) and reopens. Blockers (restanse, not journalført) are checked in the service. */
  avslutt: (actor: Actor, sak: SakForPolicy) => erArkivansvarlig(actor) && (sak.saksstatus === 'R' || sak.saksstatus === 'B'),
  gjenaapne: (actor: Actor, sak: SakForPolicy) => erArkivansvarlig(actor) && (sak.saksstatus === 'A' || sak.saksstatus === 'U' || sak.saksstatus === 'X'),
  /** §12.8: a wrongly created sak is set to Utgår by the archive/dokumentsenter. */
  utgaar: (actor: Actor, sak: SakForPolicy) => erArkiv(actor) && aapen(sak),
  /** §5 X Ingen oppfølging: the archive marks an open sak (R/B) as not to be followed up. */
  ingen_oppfoelging: (actor: Actor, sak: SakForPolicy) => erArkiv(actor) && (sak.saksstatus === 'R' || sak.saksstatus === 'B'),
};

export function sakAbilities(actor: Actor, sak: SakForPolicy & Graded): Record<string, boolean> {
  return {
    read: sakPolicy.read(actor, sak),
    update: sakPolicy.update(actor, sak),
    addJournalpost: sakPolicy.addJournalpost(actor, sak),
    addMerknad: sakPolicy.addMerknad(actor, sak),
    addKryssreferanse: sakPolicy.addKryssreferanse(actor, sak),
    giTilgang: sakPolicy.giTilgang(actor, sak),
    settObs: sakPolicy.settObs(actor, sak),
    skjermOrd: sakPolicy.skjermOrd(actor, sak),
    kontroller: sakPolicy.kontroller(actor, sak),
    avslutt: sakPolicy.avslutt(actor, sak),
    gjenaapne: sakPolicy.gjenaapne(actor, sak),
    utgaar: sakPolicy.utgaar(actor, sak),
    ingen_oppfoelging: sakPolicy.ingen_oppfoelging(actor, sak),
  };
}
