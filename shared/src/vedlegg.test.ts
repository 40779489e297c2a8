import { vedleggTittel } from './vedlegg';

describe('vedleggTittel (§10.3 clean attachment titles)', () => {
  it.each([
    ['Søknad_om_ferdigattest.pdf', 'Søknad om ferdigattest'],
    ['Tegning  A-101 rev.2.dwg', 'Tegning A-101 rev.2'],
    ['rapport.final.docx', 'rapport.final'],
    ['README', 'README'],
    ['.pdf', '.pdf'],
    ['___.txt', '___.txt'],
  ])('%s → %s', (filnavn, tittel) => expect(vedleggTittel(filnavn)).toBe(tittel));
});
