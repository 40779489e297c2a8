/**
 * Norwegian fødselsnummer / D-nummer (11 digits, two mod-11 check digits). Pure.
 * The public journal never publishes one; the same rule exists in SQL as
 * `inneholder_foedselsnummer(text)` (migration 0003), and a test asserts the two agree.
 */
const W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

function kontrollsiffer(digits: readonly number[], weights: readonly number[]): number | null {
  const sum = weights.reduce((acc, w, i) => acc + w * digits[i]!, 0);
  const k = 11 - (sum % 11);
  if (k === 11) return 0;
  if (k === 10) return null;
  return k;
}

/** True when `s` is exactly 11 digits whose two check digits are right. */
export function erFoedselsnummer(s: string): boolean {
  if (!/^\d{11}$/.test(s)) return false;
  const d = [...s].map(Number);
  const k1 = kontrollsiffer(d, W1);
  if (k1 === null || k1 !== d[9]) return false;
  const k2 = kontrollsiffer(d, W2);
  return k2 !== null && k2 === d[10];
}

/**
 * Every fødselsnummer in a text: 11 digits not part of a longer digit run, also when written
 * with a space or dot after the birth date (`010190 12345`).
 */
export function finnFoedselsnummer(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?<!\d)(\d{6})[ .]?(\d{5})(?!\d)/g)) {
    const candidate = `${m[1]}${m[2]}`;
    if (erFoedselsnummer(candidate)) found.push(candidate);
  }
  return found;
}

export const inneholderFoedselsnummer = (text: string | null | undefined): boolean => !!text && finnFoedselsnummer(text).length > 0;
