import type { Journalposttype, Journalstatus, Korrespondanseparttype, Saksstatus, Skjermingsnivaa, Tilknytning, Variantformat } from '@arkiv/shared';

/**
 * The municipality's local codes (DOMAIN.md) and the Noark 5 v5.0 code values written in a
 * deposit. Where the standard has the value, its name is used; where it has none, the local
 * name (docs/noark-export.md lists both). Each list is one to one, so an import reads it back.
 */
const bothWays = <K extends string>(m: Record<K, string>) => ({ til: m, fra: Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k])) as Record<string, K> });

export const JOURNALPOSTTYPE = bothWays<Journalposttype>({
  I: 'Inngående dokument',
  U: 'Utgående dokument',
  N: 'Organinternt dokument for oppfølging',
  X: 'Organinternt dokument uten oppfølging',
  S: 'Saksframlegg',
});

export const JOURNALSTATUS = bothWays<Journalstatus>({
  R: 'Reservert dokument',
  S: 'Registrert av saksbehandler',
  F: 'Ferdigstilt fra saksbehandler',
  E: 'Ekspedert',
  J: 'Journalført',
  A: 'Arkivert',
});

export const SAKSSTATUS = bothWays<Saksstatus>({
  R: 'Opprettet av saksbehandler',
  B: 'Under behandling',
  A: 'Avsluttet',
  U: 'Utgår',
  X: 'Avsluttet uten oppfølging',
});

export const KORRESPONDANSEPARTTYPE = bothWays<Korrespondanseparttype>({
  EA: 'Avsender',
  EM: 'Mottaker',
  EK: 'Kopimottaker',
  IA: 'Intern avsender',
  IM: 'Intern mottaker',
  IK: 'Intern kopimottaker',
});

export const TILKNYTNING = bothWays<Tilknytning>({ H: 'Hoveddokument', V: 'Vedlegg' });

export const VARIANTFORMAT = bothWays<Variantformat>({ P: 'Produksjonsformat', A: 'Arkivformat', O: 'Dokument hvor deler av innholdet er skjermet' });

/** Avskrivningsmåte: the standard's names where it has one (BU, TE, TLF, EP, BX); the local name otherwise. */
export const AVSKRIVNINGSMAATE = bothWays<string>({
  '***': 'Midlertidig svar sendt',
  BI: 'Besvart med inngående brev',
  BU: 'Besvart med brev',
  BX: 'Besvart med notat',
  NX: 'Besvart med N-notat',
  TE: 'Tatt til etterretning',
  TLF: 'Besvart på telefon',
  BSS: 'Behandlet og besvart i Startsak',
  BB: 'Besvart ved befaring',
  BM: 'Besvart muntlig',
  BS: 'Besvart med utsendelse av skjema',
  EP: 'Besvart med e-post',
  BV: 'Besvart med vedtak',
});

export const MERKNADSTYPE = bothWays<'FORMELL' | 'UFORMELL'>({ FORMELL: 'Formell merknad', UFORMELL: 'Uformell merknad' });

/**
 * skjermingMetadata by screening level (DOMAIN.md: 1 the documents, 2 also title line 2, 3 also
 * avsender/mottaker); the level itself rides along in virksomhetsspesifikkeMetadata.
 */
export const SKJERMING_METADATA: Record<Skjermingsnivaa, readonly string[]> = {
  1: ['Tittel dokumentbeskrivelse'],
  2: ['Tittel dokumentbeskrivelse', 'Tittel registrering'],
  3: ['Tittel dokumentbeskrivelse', 'Tittel registrering', 'Navn korrespondansepart'],
};
export const SKJERMING_DOKUMENT = 'Hele dokumentet';
