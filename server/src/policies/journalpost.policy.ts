import { isAllowed, type Journalstatus } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import { erArkiv, erLederFor, erSaksansvarlig, erSaksbehandler } from './predicates';

export interface JournalpostForPolicy {
  readonly saksbehandlerId: string;
  readonly administrativEnhetId: string;
  readonly journalstatus: Journalstatus;
  readonly sak: { readonly saksansvarligId: string; readonly administrativEnhetId: string };
}

/** Who has rights on a journalpost (manual §6): its SBH, the sak's SA, the unit's leader, the archive. */
const harRettPaa = (actor: Actor, jp: JournalpostForPolicy) =>
  erSaksbehandler(actor, jp) ||
  erSaksansvarlig(actor, jp.sak) ||
  erLederFor(actor, jp.administrativEnhetId) ||
  erArkiv(actor);

/**
 * Pure journalpost policies. Each combines who (the predicates) with what the
 * journalstatus allows (the machine), so a locked journalpost reports update=false.
 * Routes distinguish the two so the answer is 403 (who) or 409 (status).
 */
export const journalpostPolicy = {
  read: (_actor: Actor, _jp: JournalpostForPolicy) => true,
  /** "Who" alone: status is checked separately against the machine. */
  mayEdit: harRettPaa,
  update: (actor: Actor, jp: JournalpostForPolicy) => harRettPaa(actor, jp) && isAllowed(jp.journalstatus, 'endre_registrering'),
  addDokument: (actor: Actor, jp: JournalpostForPolicy) => harRettPaa(actor, jp) && isAllowed(jp.journalstatus, 'endre_dokument'),
  changeSkjerming: (actor: Actor, jp: JournalpostForPolicy) => harRettPaa(actor, jp) && isAllowed(jp.journalstatus, 'endre_skjerming'),
  addMerknad: (actor: Actor, jp: JournalpostForPolicy) => harRettPaa(actor, jp) && isAllowed(jp.journalstatus, 'legg_til_merknad'),
};

export function journalpostAbilities(actor: Actor, jp: JournalpostForPolicy): Record<string, boolean> {
  return {
    read: journalpostPolicy.read(actor, jp),
    update: journalpostPolicy.update(actor, jp),
    addDokument: journalpostPolicy.addDokument(actor, jp),
    changeSkjerming: journalpostPolicy.changeSkjerming(actor, jp),
    addMerknad: journalpostPolicy.addMerknad(actor, jp),
  };
}
