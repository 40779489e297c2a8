import { AVSKRIVNINGSMAATER, JOURNALPOSTTYPER, JOURNALSTATUSER, SAKSSTATUSER, SAKSTYPER, TILGANGSKODER, OPPGAVETYPER, SKJERMINGSNIVAAER } from './kodelister';
import { norskDatoI, norskTidspunktI, STANDARD_TIDSSONE } from './tid';

/**
 * How codes and dates are shown to users: codes by their names from the code lists (the code
 * beside the name where archivists expect it), dates in Norwegian format in Norway's zone.
 */

const LISTER = {
  journalposttype: JOURNALPOSTTYPER,
  journalstatus: JOURNALSTATUSER,
  saksstatus: SAKSSTATUSER,
  sakstype: SAKSTYPER,
  tilgangskode: TILGANGSKODER,
  avskrivningsmaate: AVSKRIVNINGSMAATER,
  oppgavetype: OPPGAVETYPER,
  skjermingsnivaa: SKJERMINGSNIVAAER,
} as const;
export type Kodeliste = keyof typeof LISTER;

/** The code's name ("Ferdigstilt"); an unknown code is shown as it is. */
export function kodenavn(liste: Kodeliste, kode: string | number | null | undefined): string {
  if (kode === null || kode === undefined) return '';
  const k = (LISTER[liste] as readonly { kode: string | number; navn: string }[]).find((x) => x.kode === kode);
  return k ? k.navn : String(kode);
}

/** Code and name, as archivists read them ("BU Besvart med utgående brev"). */
export function kodeOgNavn(liste: Kodeliste, kode: string | number | null | undefined): string {
  if (kode === null || kode === undefined) return '';
  const navn = kodenavn(liste, kode);
  return navn === String(kode) ? navn : `${kode} ${navn}`;
}

/** A calendar date (YYYY-MM-DD, or an ISO instant) as DD.MM.YYYY; an instant in Norway's zone. */
export function visDato(dato: string | null | undefined): string {
  if (!dato) return '';
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dato);
  if (d) return `${d[3]}.${d[2]}.${d[1]}`;
  const t = new Date(dato);
  return Number.isNaN(t.getTime()) ? dato : norskDatoI(t, STANDARD_TIDSSONE);
}

/** An instant as DD.MM.YYYY HH:MM in Norway's zone. */
export function visTidspunkt(tidspunkt: string | Date): string {
  const t = typeof tidspunkt === 'string' ? new Date(tidspunkt) : tidspunkt;
  return Number.isNaN(t.getTime()) ? String(tidspunkt) : norskTidspunktI(t, STANDARD_TIDSSONE);
}
