/** Noark numbers as users read them (manual §5). */

/** Saksnummer `YYYY/N` (saksår/sekvensnummer). */
export const formatSaksnummer = (saksaar: number, sekvensnummer: number) => `${saksaar}/${sekvensnummer}`;

/** Journalnummer `YYYY/N` (journalår/sekvensnummer, per year across the archive). */
export const formatJournalnummer = (journalaar: number, sekvensnummer: number) => `${journalaar}/${sekvensnummer}`;

/** A journalpost's place in its sak, `YYYY/N-D` (registreringsID). */
export const formatRegistreringsId = (saksaar: number, sakssekvensnummer: number, dokumentnummer: number) =>
  `${saksaar}/${sakssekvensnummer}-${dokumentnummer}`;

/** Parses `YYYY/N` (saksnummer or journalnummer); null when it is not one. */
export function parseAarNummer(text: string): { aar: number; nummer: number } | null {
  const m = /^(\d{4})\/(\d{1,9})$/.exec(text.trim());
  if (!m) return null;
  return { aar: Number(m[1]), nummer: Number(m[2]) };
}
