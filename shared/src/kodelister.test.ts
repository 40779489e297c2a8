import { AVSKRIVNINGSMAATER, avskrivningsmaaterFor, KODELISTER, TILGANGSKODE_KODER } from './kodelister';
import { formatJournalnummer, formatRegistreringsId, formatSaksnummer, parseAarNummer } from './nummer';

describe('code lists (DOMAIN.md §2)', () => {
  it('has unique codes in every list', () => {
    for (const [name, list] of Object.entries(KODELISTER)) {
      const codes = list.map((k: { kode: unknown }) => k.kode);
      expect({ name, unique: new Set(codes).size }).toEqual({ name, unique: codes.length });
    }
  });

  it('gives each dokumenttype the avskrivningsmåter of the manual table', () => {
    expect(avskrivningsmaaterFor('I')).toEqual(['***', 'BU', 'TE', 'TLF', 'BSS', 'BB', 'BM', 'BS', 'EP', 'BV']);
    expect(avskrivningsmaaterFor('U')).toEqual(['***', 'BI', 'TE', 'TLF', 'BSS', 'BB', 'BM', 'EP', 'BV']);
    expect(avskrivningsmaaterFor('N')).toEqual(['***', 'BX', 'NX', 'TE', 'TLF', 'BSS', 'BB', 'BM', 'BS', 'EP', 'BV']);
    expect(avskrivningsmaaterFor('X')).toEqual(['BSS', 'BB', 'BM', 'EP', 'BV']);
    expect(avskrivningsmaaterFor('S')).toEqual([]);
  });

  it('requires a merknad for TLF only and keeps the restanse for *** only', () => {
    expect(AVSKRIVNINGSMAATER.filter((m) => m.krevMerknad).map((m) => m.kode)).toEqual(['TLF']);
    expect(AVSKRIVNINGSMAATER.filter((m) => !m.fjernerRestanse).map((m) => m.kode)).toEqual(['***']);
  });

  it('names the reply of BU (utgående brev), BI (inngående brev), BX (X-notat) and NX (N-notat), and of no other code', () => {
    expect(Object.fromEntries(AVSKRIVNINGSMAATER.filter((m) => m.svar).map((m) => [m.kode, m.svar]))).toEqual({ BI: 'I', BU: 'U', BX: 'X', NX: 'N' });
  });

  it('has the seven tilgangskoder of §8', () => {
    expect(TILGANGSKODE_KODER).toEqual(['IS', 'U', 'P', 'P1', 'E', 'S', 'XX']);
  });
});

describe('Noark numbers', () => {
  it('formats and parses saksnummer, journalnummer and registreringsID', () => {
    expect(formatSaksnummer(2026, 17)).toBe('2026/17');
    expect(formatJournalnummer(2026, 1234)).toBe('2026/1234');
    expect(formatRegistreringsId(2026, 17, 3)).toBe('2026/17-3');
    expect(parseAarNummer(' 2026/17 ')).toEqual({ aar: 2026, nummer: 17 });
    expect(parseAarNummer('26/17')).toBeNull();
    expect(parseAarNummer('2026-17')).toBeNull();
  });
});
