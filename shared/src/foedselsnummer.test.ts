import fc from 'fast-check';
import { erFoedselsnummer, finnFoedselsnummer, inneholderFoedselsnummer } from './foedselsnummer';

// Synthetic numbers with correct check digits (computed by hand from the mod-11 weights).
const GYLDIGE = ['01019012480', '15058543206', '31129987688', '41019012393', '24112655685'];

describe('fødselsnummer (never published)', () => {
  it.each(GYLDIGE)('recognises %s', (fnr) => {
    expect(erFoedselsnummer(fnr)).toBe(true);
  });

  it('refuses a wrong check digit, wrong length and non-digits', () => {
    expect(erFoedselsnummer('01019012481')).toBe(false);
    expect(erFoedselsnummer('0101901248')).toBe(false);
    expect(erFoedselsnummer('010190124800')).toBe(false);
    expect(erFoedselsnummer('0101901248a')).toBe(false);
  });

  it('finds one in a title, also written with a space after the birth date', () => {
    expect(finnFoedselsnummer('Søknad om startlån - 01019012480')).toEqual(['01019012480']);
    expect(finnFoedselsnummer('Klage fra 150585 43206 på vedtak')).toEqual(['15058543206']);
    expect(inneholderFoedselsnummer('Gnr 12 bnr 45 - org.nr 912345678')).toBe(false);
    // Part of a longer digit run (e.g. an account or reference number) is not a fødselsnummer.
    expect(inneholderFoedselsnummer('Ref 9010190124809')).toBe(false);
  });

  it('changing any one digit of a valid number breaks the checksum', () => {
    fc.assert(
      fc.property(fc.constantFrom(...GYLDIGE), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 9 }), (fnr, pos, delta) => {
        const d = [...fnr].map(Number);
        d[pos] = (d[pos]! + delta) % 10;
        return !erFoedselsnummer(d.join(''));
      }),
    );
  });
});
