import { JOURNALSTATUSER, type Journalstatus } from './kodelister';

/**
 * The journalstatus machine (manual §5), as one frozen table:
 * action → the statuses it is allowed from → the status it leads to (or unchanged).
 * Who may perform an action is the policies' business; this table only says
 * what the record's status allows. No I/O, no clock.
 */
export const JOURNALPOST_HANDLINGER = [
  'endre_registrering',
  'endre_dokument',
  'endre_skjerming',
  'legg_til_merknad',
  'legg_til_kryssreferanse',
  'fjern_kryssreferanse',
  'send_til_godkjenning',
  'ferdigstill',
  'ekspeder',
  'journalfoer',
  'arkiver',
  'avskriv',
  'fordel',
  'flytt',
  'feilregistrer',
] as const;
export type JournalpostHandling = (typeof JOURNALPOST_HANDLINGER)[number];

interface Overgang {
  readonly fra: readonly Journalstatus[];
  /** The status after the action; undefined keeps the status. */
  readonly til?: Journalstatus;
}

const ALLE: readonly Journalstatus[] = JOURNALSTATUSER.map((s) => s.kode);
const APNE: readonly Journalstatus[] = JOURNALSTATUSER.filter((s) => !s.laast).map((s) => s.kode);

export const JOURNALSTATUS_TABELL: Readonly<Record<JournalpostHandling, Overgang>> = Object.freeze({
  /**
   * Registration data (title, parties, dates, dokumenttype): while R or S, and F or E for the
   * archive's correction before journalføring (ENDRINGSRETT says who).
   */
  endre_registrering: { fra: ['R', 'S', 'F', 'E'] },
  /** Documents and versions only while R or S. */
  endre_dokument: { fra: APNE },
  /** Skjerming and merknader are accepted on locked journalposter too (§5). */
  endre_skjerming: { fra: ALLE },
  legg_til_merknad: { fra: ALLE },
  /**
   * A kryssreferanse is a finding aid, not registration data: like a merknad it may be added
   * in every status. Removing one changes what the archive quality-checked, so once J or A
   * only the archive does it (the policy, not this table, knows who).
   */
  legg_til_kryssreferanse: { fra: ALLE },
  fjern_kryssreferanse: { fra: ALLE },
  /** §10.6: the journalpost must be R when sent for approval. */
  send_til_godkjenning: { fra: ['R'] },
  /** §5/§11.2: Godkjent (or a direct ferdigstilling) sets F. */
  ferdigstill: { fra: ['R'], til: 'F' },
  /** §10.7: an expedition sends R or F and sets E. */
  ekspeder: { fra: ['R', 'F'], til: 'E' },
  /** §5: the archive quality-checks registered, finished and expedited journalposter. */
  journalfoer: { fra: ['S', 'F', 'E'], til: 'J' },
  /** §12.6 names A among the locked statuses: archived after journalføring. */
  arkiver: { fra: ['J'], til: 'A' },
  /** Restanse is follow-up data, not registration data: avskrivning works in every status but A. */
  avskriv: { fra: ['R', 'S', 'F', 'E', 'J'] },
  /**
   * §10.1: distribution (saksbehandler, unit, internal kopimottakere, forfallsdato, skjerming,
   * a merknad), in some part allowed until archived; ENDRINGSRETT says which part by whom.
   */
  fordel: { fra: ['R', 'S', 'F', 'E', 'J'] },
  /** §12.7: the archive moves journalposter to another sak, whatever the status. */
  flytt: { fra: ALLE },
  /** §12.6: removal of a wrong registration; R/S by the saksbehandler, others by the archive. */
  feilregistrer: { fra: ALLE },
});

export function isLocked(status: Journalstatus): boolean {
  return JOURNALSTATUSER.find((s) => s.kode === status)?.laast ?? true;
}

export function isAllowed(status: Journalstatus, handling: JournalpostHandling): boolean {
  return JOURNALSTATUS_TABELL[handling].fra.includes(status);
}

export type TransitionResult =
  | { readonly ok: true; readonly fra: Journalstatus; readonly til: Journalstatus; readonly endret: boolean }
  | { readonly ok: false; readonly fra: Journalstatus; readonly handling: JournalpostHandling; readonly tillatteFra: readonly Journalstatus[] };

export function transition(status: Journalstatus, handling: JournalpostHandling): TransitionResult {
  const overgang = JOURNALSTATUS_TABELL[handling];
  if (!overgang.fra.includes(status)) {
    return { ok: false, fra: status, handling, tillatteFra: overgang.fra };
  }
  const til = overgang.til ?? status;
  return { ok: true, fra: status, til, endret: til !== status };
}

/**
 * The status a new journalpost starts in: incoming post is registered (S) whether the
 * dokumentsenter or the saksbehandler registers it, so scanned documents can still be
 * attached; the archive's quality check later sets J. Everything the municipality writes
 * itself starts reserved (R).
 */
export function startstatus(type: 'I' | 'U' | 'N' | 'X' | 'S'): Journalstatus {
  return type === 'I' ? 'S' : 'R';
}

/**
 * What may be changed on a journalpost. Registration data covers title, parties (including
 * internal kopimottakere, §12.4), dates and dokumenttype; fordeling the saksbehandler and
 * administrativ enhet; forfallsdato is the restanse's follow-up date.
 */
export const ENDRINGER = ['registrering', 'dokument', 'fordeling', 'forfallsdato', 'skjerming', 'merknad'] as const;
export type Endring = (typeof ENDRINGER)[number];

/**
 * Who: 'saksbehandling' is everyone with rights on the record (its saksbehandler, the sak's
 * saksansvarlig, the unit's leader, §6); 'arkiv' the archive and dokumentsenter, who have
 * "adgang til alle typer registrering og retting" (§6).
 */
export type Endringsrett = 'saksbehandling' | 'arkiv';

const BEGGE: readonly Endringsrett[] = ['saksbehandling', 'arkiv'];
const ARKIV: readonly Endringsrett[] = ['arkiv'];
const INGEN: readonly Endringsrett[] = [];

/**
 * Who may change what in which status (docs/journalstatus.md): open records (R, S) by
 * everyone with rights; locked ones (§5: "låst for redigering") registration data only by the
 * archive before its own quality check (J), documents by nobody; skjerming and merknader always
 * (§5); the follow-up date as long as there is restanse to follow up (§10.1 step 6).
 */
export const ENDRINGSRETT: Readonly<Record<Endring, Readonly<Record<Journalstatus, readonly Endringsrett[]>>>> = Object.freeze({
  registrering: { R: BEGGE, S: BEGGE, F: ARKIV, E: ARKIV, J: INGEN, A: INGEN },
  dokument: { R: BEGGE, S: BEGGE, F: INGEN, E: INGEN, J: INGEN, A: INGEN },
  fordeling: { R: BEGGE, S: BEGGE, F: ARKIV, E: ARKIV, J: ARKIV, A: INGEN },
  forfallsdato: { R: BEGGE, S: BEGGE, F: BEGGE, E: BEGGE, J: BEGGE, A: INGEN },
  skjerming: { R: BEGGE, S: BEGGE, F: BEGGE, E: BEGGE, J: BEGGE, A: BEGGE },
  merknad: { R: BEGGE, S: BEGGE, F: BEGGE, E: BEGGE, J: BEGGE, A: BEGGE },
});

/** Whether someone with rights on the record (or the archive, `arkiv`) may make this change in this status. */
export function kanEndre(endring: Endring, status: Journalstatus, arkiv: boolean): boolean {
  const hvem = ENDRINGSRETT[endring][status];
  return hvem.includes('saksbehandling') || (arkiv && hvem.includes('arkiv'));
}
