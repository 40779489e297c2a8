import { decodeCharset, decodeRawHeader } from './raw-header';

describe('raw 8-bit header bytes', () => {
  const b = (hex: string) => Buffer.from(hex, 'hex');

  it('reads valid UTF-8 as UTF-8, whatever is declared', () => {
    expect(decodeRawHeader(Buffer.from('Søknad – Карта', 'utf8'), 'iso-8859-1')).toBe('Søknad – Карта');
  });

  it('reads other bytes in the declared charset, else Windows-1252', () => {
    expect(decodeRawHeader(b('ca e0 f0 f2 e0'.replace(/ /g, '')), 'windows-1251')).toBe('Карта');
    expect(decodeRawHeader(b('8020e6f8e52096209394'.replace(/ /g, '')))).toBe('€ æøå – “”');
    expect(decodeRawHeader(b('e6f8e5'), 'x-unknown-charset')).toBe('æøå');
  });

  it('reads ISO-8859-1 and US-ASCII labels as Windows-1252, as browsers and mail clients do', () => {
    expect(decodeCharset(b('80e5'), 'ISO-8859-1')).toBe('€å');
    expect(decodeCharset(b('9d'), 'windows-1252')).toBe('\u009d');
  });
});
