/**
 * Screened words in a title (skjermede ord): the archive or saksbehandler marks single words of
 * title line 1 or 2 of a graded sak or journalpost (a name, an address) so exactly those words
 * show as `*****` to those who do not see through the record's grading, and in the public
 * journal. Pure; the same rule exists in SQL as `skjerm_ord(text, text[])` (migration 0025),
 * and a test asserts the two agree.
 *
 * A record stores its marked words, normalized (`normaliserOrd`), not positions: a word stays
 * screened wherever it appears in either line, also after the title is edited or the word
 * typed again. Words are the runs between the separators below; case is folded by an explicit
 * table (not the database's locale), so TypeScript and SQL agree on every server.
 */
export const SKJERMET_ORD = '*****';

/** Whitespace and punctuation that end a word. A hyphen does not: "Per-Olav" is one word. */
export const ORDSKILLE = ' \t\n\r\u00a0,.;:!?()[]{}"\'«»/\\–—';

const STORE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅÄÖÜÉÈÊÁÀÓÒÍÚÇÑ';
const SMAA = 'abcdefghijklmnopqrstuvwxyzæøåäöüéèêáàóòíúçñ';

/** A word as stored and compared: lower case by the table above (SQL: `translate`). */
export function normaliserOrd(ord: string): string {
  let ut = '';
  for (const c of ord) {
    const i = STORE.indexOf(c);
    ut += i >= 0 ? SMAA[i] : c;
  }
  return ut;
}

export interface Tittelbit {
  readonly tekst: string;
  /** A word (something that can be marked), or the separators between words. */
  readonly ord: boolean;
}

/** The title in words and separators, in order: joined, they are the title again. */
export function tittelbiter(tekst: string): Tittelbit[] {
  const biter: Tittelbit[] = [];
  let naa = '';
  let erOrd = false;
  for (const c of tekst) {
    const ord = !ORDSKILLE.includes(c);
    if (naa && ord !== erOrd) {
      biter.push({ tekst: naa, ord: erOrd });
      naa = '';
    }
    naa += c;
    erOrd = ord;
  }
  if (naa) biter.push({ tekst: naa, ord: erOrd });
  return biter;
}

/** The distinct words of a text, normalized. */
export function ordI(tekst: string | null): Set<string> {
  return new Set(tekst ? tittelbiter(tekst).filter((b) => b.ord).map((b) => normaliserOrd(b.tekst)) : []);
}

/** Every occurrence of a marked word as `*****`; null stays null. */
export function skjermOrd<T extends string | null>(tekst: T, ord: readonly string[]): T {
  if (tekst === null || ord.length === 0) return tekst;
  const merket = new Set(ord.map(normaliserOrd));
  return tittelbiter(tekst)
    .map((b) => (b.ord && merket.has(normaliserOrd(b.tekst)) ? SKJERMET_ORD : b.tekst))
    .join('') as T;
}

/** True when `ord` is one word (nothing to split) and not empty. */
export function erEttOrd(ord: string): boolean {
  const b = tittelbiter(ord);
  return b.length === 1 && b[0]!.ord;
}
