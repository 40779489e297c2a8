import { cleanSubject, isForwardSubject, originalSenderFromBody, parseAddressLine, referenceFrom } from './forwarded';

describe('forwarded mail and titles (§10.3)', () => {
  it.each([
    ['SV: VS: Fwd: Byggesøknad', 'Byggesøknad'],
    ['RE[2]: Svar', 'Svar'],
    ['  Tr:  Innkalling   til møte ', 'Innkalling til møte'],
    ['Revisjon av planen', 'Revisjon av planen'],
  ])('cleans %s', (subject, title) => expect(cleanSubject(subject)).toBe(title));

  it('tells a forward from a reply', () => {
    expect(isForwardSubject('VS: Klage')).toBe(true);
    expect(isForwardSubject('SV: VS: Klage')).toBe(true);
    expect(isForwardSubject('SV: Klage')).toBe(false);
  });

  it.each([
    ['Nina Nabo <nina@example.no>', { navn: 'Nina Nabo', epost: 'nina@example.no' }],
    ['"Berg, Anne" <Anne.Berg@Example.no>', { navn: 'Berg, Anne', epost: 'anne.berg@example.no' }],
    ['Per Hansen [mailto:per@example.no]', { navn: 'Per Hansen', epost: 'per@example.no' }],
    ['per@example.no', { navn: null, epost: 'per@example.no' }],
    ['Postmottak', null],
  ])('parses the address line %s', (line, expected) => expect(parseAddressLine(line)).toEqual(expected));

  it('finds the deepest quoted sender, and none in a plain reply', () => {
    const body = 'FYI\n\n-----Original Message-----\nFrom: Lise <lise@k.no>\n\n> -----Opprinnelig melding-----\n> Fra: Hans <hans@example.no>\n> Hei';
    expect(originalSenderFromBody('VS: x', body)).toEqual({ navn: 'Hans', epost: 'hans@example.no' });
    expect(originalSenderFromBody('SV: x', 'Takk!\n\nOn Mon, Per wrote:\n> hei')).toBeNull();
  });

  it('reads their reference from "Vår ref"', () => {
    expect(referenceFrom('Vår ref: 2026/4711\nDeres ref: 2026/12', '')).toBe('2026/4711');
    expect(referenceFrom('Vår referanse: AB-77.', '')).toBe('AB-77');
    expect(referenceFrom('Ingen referanse her', 'Søknad')).toBeNull();
  });
});
