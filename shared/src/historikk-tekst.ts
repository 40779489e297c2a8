import type { HistorikkHandling } from './historikk';
import { kodenavn, kodeOgNavn } from './visning';

/**
 * Each historikk handling as a Norwegian sentence for the user: "{hvem}" is who did it (with
 * "på vegne av" for a stedfortreder); a handling done by the system drops "av {hvem}".
 */
export const HISTORIKK_FRASER: Record<HistorikkHandling, string> = {
  sak_opprettet: 'Sak opprettet av {hvem}',
  sak_endret: 'Saken endret av {hvem}',
  sak_skjerming_endret: 'Skjerming på saken endret av {hvem}',
  journalpost_opprettet: 'Journalpost opprettet av {hvem}',
  journalpost_endret: 'Journalposten endret av {hvem}',
  journalpost_skjerming_endret: 'Skjerming på journalposten endret av {hvem}',
  journalpost_status_endret: 'Journalstatus endret av {hvem}',
  merknad_lagt_til: 'Merknad lagt til av {hvem}',
  kryssreferanse_lagt_til: 'Kryssreferanse lagt til av {hvem}',
  kryssreferanse_fjernet: 'Kryssreferanse fjernet av {hvem}',
  dokument_lagt_til: 'Dokument lagt til av {hvem}',
  dokumentversjon_lagt_til: 'Ny dokumentversjon lagt til av {hvem}',
  sak_status_endret: 'Saksstatus endret av {hvem}',
  journalpost_fordelt: 'Journalposten fordelt av {hvem}',
  avskrivning_registrert: 'Avskrevet av {hvem}',
  avskrivning_trer_i_kraft: 'Avskrivningen trådte i kraft',
  svar_opprettet: 'Svar opprettet av {hvem}',
  journalpost_ekspedert: 'Ekspedert av {hvem}',
  journalpost_feilregistrert: 'Feilregistrert av {hvem}',
  journalpost_flyttet: 'Flyttet til annen sak av {hvem}',
  oppgave_sendt: 'Oppgave sendt av {hvem}',
  oppgave_besvart: 'Oppgave besvart av {hvem}',
  oppgave_fjernet: 'Oppgave fjernet fra kurven av {hvem}',
  oppgave_deaktivert: 'Oppgave deaktivert av {hvem}',
  oppgave_lest: 'Oppgave lest av {hvem}',
  oppgave_trukket: 'Oppgave trukket tilbake av {hvem}',
  stedfortreder_oppnevnt: 'Stedfortreder oppnevnt av {hvem}',
  stedfortreder_avsluttet: 'Stedfortreder avsluttet av {hvem}',
  stedfortreder_slettet: 'Stedfortreder slettet av {hvem} før perioden begynte',
  dokument_skjerming_endret: 'Skjerming på dokument endret av {hvem}',
  dokument_publisering_endret: 'Publisering i offentlig journal endret av {hvem}',
  epost_importert: 'E-post importert av {hvem}',
  utsending_registrert: 'Utsending registrert av {hvem}',
  utsending_levert: 'Utsending levert',
  utsending_feilet: 'Utsending feilet',
  brev_skrevet: 'Brev skrevet fra mal av {hvem}',
  sak_tilgang_gitt: 'Tilgang til saken gitt av {hvem}',
  sak_tilgang_fjernet: 'Tilgang til saken fjernet av {hvem}',
  meldt_opp_til_utvalg: 'Meldt opp til utvalg av {hvem}',
  vedtak_registrert: 'Vedtak registrert av {hvem}',
  arkivformat_konvertert: 'Arkivformat (PDF/A) laget',
  arkivformat_feilet: 'Arkivformat kunne ikke lages',
  arkivformat_nytt_forsoek: 'Nytt forsøk på arkivformat bestilt av {hvem}',
  dokument_tilknyttet: 'Dokument fra saken knyttet til som vedlegg av {hvem}',
  sendt_uformelt: 'Dokumenter lagt i en e-post i Outlook (uformell utsending) av {hvem}',
};

interface Hvem {
  readonly navn: string;
}
export interface HistorikkForTekst {
  readonly handling: string;
  readonly bruker: Hvem | null;
  readonly paaVegneAv: Hvem | null;
  readonly data?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** What the entry's data adds in words: a status change, the avskrivningsmåte, the answer given. */
function detalj(handling: string, data: unknown): string {
  const d = (data ?? {}) as Record<string, unknown>;
  const endring = d.journalstatus as { fra?: unknown; til?: unknown } | undefined;
  if (handling === 'journalpost_status_endret' && endring && str(endring.til)) return `: ${kodenavn('journalstatus', str(endring.fra))} → ${kodenavn('journalstatus', str(endring.til))}`;
  if (handling === 'avskrivning_registrert' && str(d.avskrivningsmaate)) return `: ${kodeOgNavn('avskrivningsmaate', str(d.avskrivningsmaate))}${d.ventende === true ? ' (venter på at svaret ekspederes)' : ''}`;
  const type = str(d.oppgavetype) ? ` (${kodenavn('oppgavetype', str(d.oppgavetype))})` : '';
  if (handling === 'oppgave_besvart' && str(d.svar)) return `: ${str(d.svar)}${type}`;
  if (handling === 'oppgave_sendt') return type;
  return '';
}

/** "Journalpost opprettet av Ola Nordmann (på vegne av Lise Leder)". An unknown handling is shown in words, not as a key. */
export function historikkTekst(h: HistorikkForTekst): string {
  const mal = (HISTORIKK_FRASER as Record<string, string | undefined>)[h.handling] ?? `${h.handling.charAt(0).toUpperCase()}${h.handling.slice(1).replace(/_/g, ' ')} av {hvem}`;
  const hvem = h.bruker ? `${h.bruker.navn}${h.paaVegneAv ? ` (på vegne av ${h.paaVegneAv.navn})` : ''}` : null;
  return `${hvem ? mal.replace('{hvem}', hvem) : mal.replace(/ av \{hvem\}/, '')}${detalj(h.handling, h.data)}`;
}
