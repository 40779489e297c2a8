import { erEttOrd, normaliserOrd, ordI } from '@arkiv/shared';
import { AppError } from '../errors/app-error';

/**
 * Screened words in a title (docs/skjerming.md § Screened words): the words of title line 1 or 2
 * shown as `*****` to those who do not see through the record's grading and in the public
 * journal. Screening needs a hjemmel, so only a graded record takes them (a journalpost's
 * grading may be its sak's). The list replaces the old one; words are stored normalized.
 */
export function kontrollerSkjermedeOrd(ord: readonly string[], tittel: string, tittel2: string | null, gradert: boolean): string[] {
  const ut: string[] = [];
  const iTittel = new Set([...ordI(tittel), ...ordI(tittel2)]);
  ord.forEach((o, i) => {
    const w = o.trim();
    if (!erEttOrd(w)) throw new AppError('skjermet_ord_ikke_i_tittel', `«${w}» er ikke ett ord`, { errors: [{ field: `/ord/${i}`, message: 'ett ord, uten mellomrom eller skilletegn' }] });
    const n = normaliserOrd(w);
    if (!iTittel.has(n)) throw new AppError('skjermet_ord_ikke_i_tittel', `«${w}» står ikke i tittelen`, { errors: [{ field: `/ord/${i}`, message: 'står ikke i tittelens linje 1 eller 2' }] });
    if (!ut.includes(n)) ut.push(n);
  });
  if (ut.length > 0 && !gradert) {
    throw new AppError('skjermede_ord_uten_skjerming', 'Sett tilgangskode og hjemmel på posten før ord i tittelen skjermes', { errors: [{ field: '/ord', message: 'posten er ikke skjermet' }] });
  }
  return ut;
}
