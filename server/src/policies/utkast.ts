import type { Journalstatus } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import { erArkiv, erLederFor, erMeg } from './predicates';

/**
 * Dokumenter i arbeid (manual §5 status R, §6): a journalpost in R is a draft, not yet a
 * record anyone may read. Its readers are the saksbehandler, the sak's saksansvarlig, whoever
 * it is sent to for approval (§10.6/§11.2: an open or answered Til godkjenning), the leaders
 * of its unit (§6: "Dokumenter i arbeid innenfor de avdelinger ... de har lederansvar for")
 * and the archive (§6: all registration and correction). A stedfortreder on one of their
 * desks (§11.3/§12.9) reads what the absent user reads: taking over the desk means taking
 * over its drafts; the tilgangskoder still decide the skjerming on top (skjerming.ts).
 *
 * Everyone else sees at most that the draft exists, by title line 1, and only where the
 * record is otherwise open to them: where its skjerming hides anything from them, the draft
 * is not there at all (lists leave it out, the single view is a 404).
 *
 * The same rule in SQL: `skjermingFilter` in skjerming.sql.ts (`utkastLesbar`, `finnes`);
 * utkast.matrix.test.ts runs one fixture set through both.
 */
export interface UtkastForPolicy {
  readonly journalstatus: Journalstatus;
  readonly saksbehandlerId: string;
  readonly administrativEnhetId: string;
  readonly sakSaksansvarligId: string;
  /** Receivers of an open or answered Til godkjenning about the journalpost; unknown = none. */
  readonly godkjennerIds?: readonly string[] | null;
}

/** Beyond skjermingsnivå 3: everything but title line 1 is hidden, merknader and avskrivninger too. */
export const UTKAST_NIVAA = 4;

/** The oppgave statuses that make their receiver a reader of the draft (sent, or answered). */
export const GODKJENNER_STATUSER = ['aktiv', 'besvart'] as const;

export const erUtkast = (jp: Pick<UtkastForPolicy, 'journalstatus'>) => jp.journalstatus === 'R';

/** Whether the actor reads the journalpost as a draft's reader (true for every non-draft). */
export const leserUtkast = (actor: Actor, jp: UtkastForPolicy) =>
  !erUtkast(jp) ||
  erMeg(actor, jp.saksbehandlerId) ||
  erMeg(actor, jp.sakSaksansvarligId) ||
  erLederFor(actor, jp.administrativEnhetId) ||
  erArkiv(actor) ||
  (jp.godkjennerIds ?? []).some((id) => erMeg(actor, id));

/**
 * The level hidden from the actor, given the level the skjerming alone hides: a draft the
 * actor does not read hides everything but title line 1.
 */
export const medUtkast = (skjermingNivaa: number, leser: boolean) => (leser ? skjermingNivaa : UTKAST_NIVAA);

/** Whether the record is there for the actor at all: a draft they do not read only where nothing else is screened from them. */
export const utkastFinnes = (skjermingNivaa: number, leser: boolean) => leser || skjermingNivaa === 0;
