import { merge, norskDato, unknownFields } from './flettefelt';

describe('§10.4 flettefelt', () => {
  it('fills every known field and leaves no placeholder', () => {
    const out = merge('{{mottakerNavn}}\n{{mottakerAdresse}}\n\nVår ref: {{vaarRef}}  Deres ref: {{ deresRef }}  Dato: {{dato}}\n\n{{tittel}}\n{{standardtekster}}\nMed hilsen {{saksbehandler}}, {{enhet}}', {
      mottakerNavn: 'Per Hansen',
      mottakerAdresse: 'Storgata 1\n9000 Fjordvik',
      vaarRef: '2026/12-3',
      deresRef: 'PH-1',
      dato: '03.11.2026',
      tittel: 'Tillatelse',
      standardtekster: 'Klageadgang: 3 uker.',
      saksbehandler: 'Ola Nordmann',
      enhet: 'Plan',
    });
    expect(out).toBe('Per Hansen\nStorgata 1\n9000 Fjordvik\n\nVår ref: 2026/12-3  Deres ref: PH-1  Dato: 03.11.2026\n\nTillatelse\nKlageadgang: 3 uker.\nMed hilsen Ola Nordmann, Plan');
  });
  it('appends standard texts when the template has no place for them, and blanks missing values', () => {
    expect(merge('Hei {{mottakerNavn}}.', { standardtekster: 'Klageadgang.' })).toBe('Hei .\n\nKlageadgang.\n');
  });
  it('names unknown fields', () => {
    expect(unknownFields('{{saksnummer}} {{fnr}} {{ fnr }} {{kontonr}}')).toEqual(['fnr', 'kontonr']);
  });
  it('writes Norwegian dates', () => {
    expect(norskDato(new Date('2026-01-05T12:00:00Z'))).toBe('05.01.2026');
  });
});
