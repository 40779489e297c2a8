import { AVSKRIVNINGSMAATER, type Avskrivningsmaate, JOURNALPOSTTYPER, type Journalposttype, type Journalstatus } from './kodelister';

/**
 * Restanse (manual §5, §10.2): which journalposter must be followed up, and when an
 * avskrivning removes that duty. Pure: the SQL in server/src/restanse/restanse.sql.ts mirrors
 * it, and the baskets (Ubehandlet, Forfall) and the restanserapport both use that one SQL.
 */
export interface RestanseAvskrivning {
  readonly avskrivningsmaate: Avskrivningsmaate;
  /** Pending: registered with a reply that is not yet expedited (§10.2.2 way 2 and 3). */
  readonly ventende: boolean;
}

/**
 * Statuses of a journalpost that has gone out: expedited, or quality-checked after it.
 * What the municipality writes (U, N) is followed up from then on (§5: "du har sendt ut post
 * som du må følge opp"; §10.8: recipients get an N-notat in Ubehandlet when it is expedited).
 */
export const SENDT_STATUSER = ['E', 'J', 'A'] as const satisfies readonly Journalstatus[];

export interface RestanseJournalpost {
  readonly journalposttype: Journalposttype;
  readonly journalstatus: Journalstatus;
  readonly forfallsdato: string | null;
}

/**
 * Whether the journalpost carries restanse at all: incoming post (I) from registration, an
 * N-notat once sent, a U once sent and only with a forfallsdato for own follow-up; X and S never.
 */
export function baererRestanse(jp: RestanseJournalpost): boolean {
  const regel = JOURNALPOSTTYPER.find((t) => t.kode === jp.journalposttype)!.restanse;
  if (regel === 'aldri') return false;
  if (regel === 'ved_forfallsdato' && jp.forfallsdato === null) return false;
  return jp.journalposttype === 'I' || (SENDT_STATUSER as readonly Journalstatus[]).includes(jp.journalstatus);
}

export const fjernerRestanse = (maate: Avskrivningsmaate) => AVSKRIVNINGSMAATER.find((m) => m.kode === maate)!.fjernerRestanse;

export function harRestanse(jp: RestanseJournalpost, avskrivninger: readonly RestanseAvskrivning[]): boolean {
  return baererRestanse(jp) && !avskrivninger.some((a) => !a.ventende && fjernerRestanse(a.avskrivningsmaate));
}

/** The dokumenttype of the reply an avskrivningsmåte names (BU → U, BI → I, BX → X, NX → N), or null. */
export const svartypeFor = (maate: Avskrivningsmaate): Journalposttype | null => AVSKRIVNINGSMAATER.find((m) => m.kode === maate)!.svar;

/**
 * §10.2.2 Besvar: the reply a journalpost gets when the user does not choose, and the code that
 * avskriver it. Incoming post is answered with an outgoing letter (BU). An N-notat is internal
 * and is answered with a notat (§5: BX/NX), by default an X-notat, which needs no follow-up of
 * its own. A U is answered by the other party (BI names an incoming letter, which the
 * municipality does not write): a letter written to follow a U up goes to the same recipients
 * and avskriver only with a code the user chooses.
 */
export const BESVAR_STANDARD: Readonly<Record<Journalposttype, { readonly svartype: 'U' | 'N' | 'X'; readonly avskrivningsmaate: Avskrivningsmaate | null }>> = Object.freeze({
  I: { svartype: 'U', avskrivningsmaate: 'BU' },
  U: { svartype: 'U', avskrivningsmaate: null },
  N: { svartype: 'X', avskrivningsmaate: 'BX' },
  X: { svartype: 'X', avskrivningsmaate: null },
  S: { svartype: 'U', avskrivningsmaate: null },
});

/** Adds whole days to a YYYY-MM-DD date (calendar arithmetic, no clock). */
export function leggTilDager(dato: string, dager: number): string {
  const d = new Date(`${dato}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + dager);
  return d.toISOString().slice(0, 10);
}
