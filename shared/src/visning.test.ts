import { kodenavn, kodeOgNavn, visDato, visTidspunkt } from './visning';

describe('codes by name and dates in Norwegian format', () => {
  it('names codes from the manual’s lists, with the code beside it where asked', () => {
    expect(kodenavn('journalstatus', 'F')).toBe('Ferdigstilt');
    expect(kodenavn('journalposttype', 'I')).toBe('Inngående dokument');
    expect(kodenavn('sakstype', 'BS')).toBe('Byggesak');
    expect(kodenavn('skjermingsnivaa', 3)).toMatch(/^Dokumentene, tittel linje 2 og avsender\/mottaker/);
    expect(kodeOgNavn('avskrivningsmaate', 'BU')).toBe('BU Besvart med utgående brev');
    expect(kodeOgNavn('tilgangskode', 'P')).toBe('P Personalmappe');
    expect(kodenavn('journalstatus', 'Q')).toBe('Q');
    expect(kodenavn('journalstatus', null)).toBe('');
  });
  it('shows dates as DD.MM.YYYY and instants in Norway’s time zone', () => {
    expect(visDato('2026-03-05')).toBe('05.03.2026');
    // 23:30 UTC on New Year's Eve is already 1 January in Oslo.
    expect(visDato('2025-12-31T23:30:00.000Z')).toBe('01.01.2026');
    expect(visTidspunkt('2026-07-01T10:15:00.000Z')).toBe('01.07.2026 12:15');
    expect(visDato(null)).toBe('');
  });
});
