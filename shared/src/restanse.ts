import { AVSKRIVNINGSMAATER, type Avskrivningsmaate, JOURNALPOSTTYPER, type Journalposttype } from './kodelister';

/**
 * Restanse (manual §5, §10.2): which journalposter must be followed up, and when an
 * avskrivning removes that duty. Pure: the SQL filter in server/src/restanse mirrors it,
 * and a property test checks that the two agree.
 */
export interface RestanseAvskrivning {
  readonly avskrivningsmaate: Avskrivningsmaate;
  /** Pending: registered with a reply that is not yet expedited (§10.2.2 way 2 and 3). */
  readonly ventende: boolean;
}

/** Whether the dokumenttype carries restanse at all (I, N always; U only with a forfallsdato). */
export function baererRestanse(jp: { journalposttype: Journalposttype; forfallsdato: string | null }): boolean {
  const regel = JOURNALPOSTTYPER.find((t) => t.kode === jp.journalposttype)!.restanse;
  return regel === 'alltid' || (regel === 'ved_forfallsdato' && jp.forfallsdato !== null);
}

export const fjernerRestanse = (maate: Avskrivningsmaate) => AVSKRIVNINGSMAATER.find((m) => m.kode === maate)!.fjernerRestanse;

export function harRestanse(
  jp: { journalposttype: Journalposttype; forfallsdato: string | null },
  avskrivninger: readonly RestanseAvskrivning[],
): boolean {
  return baererRestanse(jp) && !avskrivninger.some((a) => !a.ventende && fjernerRestanse(a.avskrivningsmaate));
}

/** Adds whole days to a YYYY-MM-DD date (UTC calendar arithmetic, no clock). */
export function leggTilDager(dato: string, dager: number): string {
  const d = new Date(`${dato}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + dager);
  return d.toISOString().slice(0, 10);
}
