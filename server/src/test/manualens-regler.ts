import type { Avskrivningsmaate, Journalposttype, Journalstatus } from '@arkiv/shared';

/**
 * The manual's rules written out by hand (seed manual §5, §10.2, §10.6, §11.2), for tests to
 * check the implementation against. Never derived from the implementation's tables: a wrong
 * cell there must make a test fail. Where the manual does not decide, the comment says which
 * choice is made and why.
 */

/** §5 "Avskrivning": the code table, code → the dokumenttyper it applies to. */
export const AVSKRIVNING_GJELDER: Readonly<Record<Avskrivningsmaate, readonly Journalposttype[]>> = {
  '***': ['I', 'U', 'N'],
  BI: ['U'],
  BU: ['I'],
  BX: ['N'],
  NX: ['N'],
  TE: ['I', 'U', 'N'],
  TLF: ['I', 'U', 'N'],
  BSS: ['I', 'U', 'N', 'X'],
  BB: ['I', 'U', 'N', 'X'],
  BM: ['I', 'U', 'N', 'X'],
  BS: ['I', 'N'],
  EP: ['I', 'U', 'N', 'X'],
  BV: ['I', 'U', 'N', 'X'],
};

/** §10.2.1: TLF needs a merknad saying what was agreed on the phone. */
export const KREVER_MERKNAD: readonly Avskrivningsmaate[] = ['TLF'];

/**
 * §5 "Restanse": post you must answer (incoming, I: from registration) or post you have sent
 * and must follow up ("du har sendt ut post som du må følge opp": U and N from expedition, E,
 * and on through J and A). §10.8: an N-notat's internal recipients get it with restanse when it
 * is expedited; an X-notat "krever ikke oppfølging"; a saksframlegg (S) goes to a committee,
 * not to a recipient who answers.
 * Choice the manual leaves open: a U carries restanse only when a forfallsdato for own follow-up
 * is set (otherwise every letter sent would be restanse until avskrevet).
 * *** (midlertidig svar sendt) does not end the restanse (§10.2.2 (3)); an avskrivning waiting
 * for its reply to be expedited does not either (§10.2.2 (2)).
 */
export function forventetRestanse(jp: { journalposttype: Journalposttype; journalstatus: Journalstatus; forfallsdato: string | null }, avskrivninger: readonly { avskrivningsmaate: string; ventende: boolean }[]): boolean {
  const sendt = jp.journalstatus === 'E' || jp.journalstatus === 'J' || jp.journalstatus === 'A';
  const baerer = jp.journalposttype === 'I' || (jp.journalposttype === 'N' && sendt) || (jp.journalposttype === 'U' && jp.forfallsdato !== null && sendt);
  return baerer && !avskrivninger.some((a) => !a.ventende && a.avskrivningsmaate !== '***');
}

/**
 * §5 "Status på journalposter": F and E are "låst for redigering"; J is the archive's
 * quality-checked record and §12.6 names A among the locked ones. R and S are editable.
 */
export const LAAST: readonly Journalstatus[] = ['F', 'E', 'J', 'A'];

/**
 * The status changes §5 describes, as "from>to":
 * R>F Godkjent (§11.2) · R>E a letter expedited without approval (§10.7, §10.8) · F>E the
 * approved letter expedited · S>J, F>J, E>J the archive's journalføring (§5: "alle
 * journalposter som arkivet har kvalitetssikret") · J>A archived after journalføring (§12.6).
 * Choice the manual leaves open: F>J (an approved saksframlegg is journalført without being sent).
 */
export const LOVLIGE_OVERGANGER: ReadonlySet<string> = new Set(['R>F', 'R>E', 'F>E', 'S>J', 'F>J', 'E>J', 'J>A']);

/** §11.2 answers of Til godkjenning. */
export const GODKJENNING_SVAR = ['Ikke godkjent', 'Godkjent', 'Videresendt for godkjenning'] as const;
