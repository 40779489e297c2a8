/**
 * The user's words as a tsquery for PostgreSQL's `to_tsquery('norwegian', …)`: every word must
 * occur (in any order), each one stemmed by the configuration, so søknaden finds søknad and
 * søknader. The last word also matches as a prefix (from three letters), as a search box is
 * typed: "Hauge" finds Haugen, a number's start finds the number. Only letters and digits
 * pass, so nothing the user types is tsquery syntax. Null when there is no word at all.
 * The prefix is written `(w | w:*)`: it matches exactly what `w:*` does, but PostgreSQL
 * estimates a prefix's hits poorly (a common word's prefix as a rare one) and the exact word
 * well, so the planner knows a common word from a rare one and reads each the right way.
 * Without `prefiks` (document text: whole words, as they are read, not typed) only words.
 */
export function tsquery(text: string, prefiks = true): string | null {
  const ord = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 20);
  if (ord.length === 0) return null;
  const siste = ord.length - 1;
  return ord.map((w, i) => (prefiks && i === siste && w.length >= 3 ? `(${w} | ${w}:*)` : w)).join(' & ');
}
