/**
 * Merge fields (flettefelt) of letter templates, §10.4. Pure: no I/O.
 * A template is text with {{felt}} placeholders; {{standardtekster}} marks where the chosen
 * standard texts go (appended at the end when the template has no such mark).
 */
export const FLETTEFELT = {
  saksnummer: 'Saksnummer (2026/12)',
  vaarRef: 'Vår referanse (saksnummer-dokumentnummer)',
  deresRef: 'Deres referanse (fra første mottaker)',
  dato: 'Dagens dato (dd.mm.åååå)',
  tittel: 'Journalpostens tittel',
  sakstittel: 'Sakens tittel',
  mottakerNavn: 'Første mottakers navn',
  mottakerAdresse: 'Første mottakers adresse (flere linjer)',
  saksbehandler: 'Saksbehandlers navn',
  enhet: 'Administrativ enhet',
  standardtekster: 'Valgte standardtekster',
} as const;
export type Flettefelt = keyof typeof FLETTEFELT;

const FIELD = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** The placeholders a template uses that are not merge fields. */
export function unknownFields(innhold: string): string[] {
  return [...new Set([...innhold.matchAll(FIELD)].map((m) => m[1]!).filter((f) => !(f in FLETTEFELT)))];
}

export function merge(innhold: string, values: Partial<Record<Flettefelt, string>>): string {
  const withTexts = /\{\{\s*standardtekster\s*\}\}/.test(innhold) || !values.standardtekster ? innhold : `${innhold.trimEnd()}\n\n{{standardtekster}}\n`;
  return withTexts.replace(FIELD, (_m, f: string) => values[f as Flettefelt] ?? '');
}

export { norskDato } from '../tid';
