import type { Saksstatus } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import { erArkiv, erArkivansvarlig, erIEnhet, erLederFor, erMeg, erSaksansvarlig, harRolle } from './predicates';

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
  addJournalpost: (actor: Actor, sak: SakForPolicy) =>
    aapen(sak) &&
    (erSaksansvarlig(actor, sak) ||
      erArkiv(actor) ||
      erLederFor(actor, sak.administrativEnhetId) ||
      (harRolle(actor, 'SBH') && erIEnhet(actor, sak.administrativEnhetId)) ||
      (sak.tilgangBrukerIds ?? []).some((id) => erMeg(actor, id))),
  /** §6: the saksansvarlig (and the unit's leader, the archive) gives others access. */
  giTilgang: (actor: Actor, sak: SakForPolicy) => aapen(sak) && (erSaksansvarlig(actor, sak) || erLederFor(actor, sak.administrativEnhetId) || erArkiv(actor)),
  addMerknad: (actor: Actor, sak: SakForPolicy) =>
    erSaksansvarlig(actor, sak) || erLederFor(actor, sak.administrativEnhetId) || erArkiv(actor),
  /**
   * Kryssreferanser from a sak: like merknader, also on a closed sak (an UTGÅR sak pointing
   * to the right one is the typical case). Removing one from a closed sak is the archive's.
   */
  addKryssreferanse: (actor: Actor, sak: SakForPolicy) => sakPolicy.addMerknad(actor, sak),
  fjernKryssreferanse: (actor: Actor, sak: SakForPolicy) => sakPolicy.addMerknad(actor, sak) && (aapen(sak) || erArkiv(actor)),
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

export function sakAbilities(actor: Actor, sak: SakForPolicy): Record<string, boolean> {
  return {
    read: sakPolicy.read(actor, sak),
    update: sakPolicy.update(actor, sak),
    addJournalpost: sakPolicy.addJournalpost(actor, sak),
    addMerknad: sakPolicy.addMerknad(actor, sak),
    addKryssreferanse: sakPolicy.addKryssreferanse(actor, sak),
    giTilgang: sakPolicy.giTilgang(actor, sak),
    settObs: sakPolicy.settObs(actor, sak),
    kontroller: sakPolicy.kontroller(actor, sak),
    avslutt: sakPolicy.avslutt(actor, sak),
    gjenaapne: sakPolicy.gjenaapne(actor, sak),
    utgaar: sakPolicy.utgaar(actor, sak),
    ingen_oppfoelging: sakPolicy.ingen_oppfoelging(actor, sak),
  };
}
