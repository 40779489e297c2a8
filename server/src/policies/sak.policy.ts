import type { Saksstatus } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import { erArkiv, erIEnhet, erLederFor, erSaksansvarlig, harRolle } from './predicates';

export interface SakForPolicy {
  readonly saksansvarligId: string;
  readonly administrativEnhetId: string;
  readonly saksstatus: Saksstatus;
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
      (harRolle(actor, 'SBH') && erIEnhet(actor, sak.administrativEnhetId))),
  addMerknad: (actor: Actor, sak: SakForPolicy) =>
    erSaksansvarlig(actor, sak) || erLederFor(actor, sak.administrativEnhetId) || erArkiv(actor),
};

export function sakAbilities(actor: Actor, sak: SakForPolicy): Record<string, boolean> {
  return {
    read: sakPolicy.read(actor, sak),
    update: sakPolicy.update(actor, sak),
    addJournalpost: sakPolicy.addJournalpost(actor, sak),
    addMerknad: sakPolicy.addMerknad(actor, sak),
  };
}
