import { STRINGS, useT } from '../i18n/strings';

/** The strings of the pane's frame: navigation, sections of the long views, messages. */
const nb = {
  meny: 'Hovedmeny',
  lukkMelding: 'Lukk meldingen',
  journalpost: {
    dokumenter: 'Dokumenter',
    behandling: 'Behandling og oppgaver',
    rett: 'Rett registreringen',
    merknader: 'Merknader',
    kryssreferanser: 'Kryssreferanser',
    historikk: 'Historikk',
  },
  sak: {
    journalposter: 'Journalposter',
    oppfoelging: 'OBS og oppfølging',
    tilganger: 'Tilganger',
    kryssreferanser: 'Kryssreferanser',
    historikk: 'Historikk',
    ingenJournalposter: 'Saken har ingen journalposter ennå.',
  },
  ingenMerknader: 'Ingen merknader.',
  ingenHistorikk: 'Ingen historikk.',
};
export type PaneStrings = typeof nb;

const en: PaneStrings = {
  meny: 'Main menu',
  lukkMelding: 'Close the message',
  journalpost: {
    dokumenter: 'Documents',
    behandling: 'Handling and tasks',
    rett: 'Correct the registration',
    merknader: 'Remarks',
    kryssreferanser: 'Cross-references',
    historikk: 'History',
  },
  sak: {
    journalposter: 'Registry entries',
    oppfoelging: 'Follow-up',
    tilganger: 'Access',
    kryssreferanser: 'Cross-references',
    historikk: 'History',
    ingenJournalposter: 'The case has no registry entries yet.',
  },
  ingenMerknader: 'No remarks.',
  ingenHistorikk: 'No history.',
};

export const usePaneT = (): PaneStrings => (useT() === STRINGS.en ? en : nb);
