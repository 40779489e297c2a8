/** The typed kinds of historikk entry (Noark endringslogg); one label per kind for the UI. */
export const HISTORIKK_HANDLINGER = {
  sak_opprettet: 'Sak opprettet',
  sak_endret: 'Sak endret',
  sak_skjerming_endret: 'Skjerming på sak endret',
  journalpost_opprettet: 'Journalpost opprettet',
  journalpost_endret: 'Journalpost endret',
  journalpost_skjerming_endret: 'Skjerming på journalpost endret',
  journalpost_status_endret: 'Journalstatus endret',
  merknad_lagt_til: 'Merknad lagt til',
  dokument_lagt_til: 'Dokument lagt til',
  dokumentversjon_lagt_til: 'Ny dokumentversjon',
  epost_importert: 'E-post importert',
  journalpost_ekspedert: 'Journalpost ekspedert',
  utsending_levert: 'Utsending levert',
  utsending_feilet: 'Utsending feilet',
  brev_skrevet: 'Brev skrevet fra mal',
} as const;
export type HistorikkHandling = keyof typeof HISTORIKK_HANDLINGER;
