import { EMBEDDED_PLACEHOLDER, attribute, buildTnef, mapiProps, uncompressedRtf } from './fixtures/tnef';
import { decompressRtf, rtfBody } from './rtf-text';
import { TnefError, readTnef } from './tnef';

describe('TNEF reader (winmail.dat, MS-OXTNEF)', () => {
  const pdf = Buffer.from('%PDF-1.4 tilbud');
  const docx = Buffer.from('504b030414000600', 'hex');

  it('takes each file out with its long name, falling back to attAttachTitle in the code page', () => {
    const t = readTnef(
      buildTnef({
        attachments: [
          { title: 'Tilbud snømåking.pdf', mimeTag: 'application/pdf', data: pdf },
          { title: 'KONTRA~1.DOC', longFilename: 'Kontrakt æøå.docx', data: docx },
        ],
      }),
    );
    expect(t.attachments.map((a) => [a.filnavn, a.mimeType, a.data?.toString('hex')])).toEqual([
      ['Tilbud snømåking.pdf', 'application/pdf', pdf.toString('hex')],
      ['Kontrakt æøå.docx', null, docx.toString('hex')],
    ]);
    expect(t.codepage).toBe(1252);
  });

  it('takes an embedded Outlook item (PR_ATTACH_METHOD 5) as no file, with its class and subject, not Outlook’s placeholder', () => {
    const t = readTnef(buildTnef({ attachments: [{ embedded: { messageClass: 'IPM.Task', subject: 'Bestill stillas' } }, { title: 'a.pdf', data: pdf }] }));
    expect(buildTnef({ attachments: [{ embedded: { messageClass: 'IPM.Task', subject: 'x' } }] }).includes(EMBEDDED_PLACEHOLDER)).toBe(true);
    expect(t.attachments).toEqual([
      { filnavn: 'Untitled Attachment', mimeType: null, data: null, melding: { meldingsklasse: 'IPM.Task', emne: 'Bestill stillas' } },
      { filnavn: 'a.pdf', mimeType: null, data: pdf },
    ]);
  });

  it('reads the data from PR_ATTACH_DATA_BIN when there is no attAttachData', () => {
    const t = readTnef(buildTnef({ attachments: [{ longFilename: 'Vedlegg.pdf', data: pdf, dataInProps: true }] }));
    expect(t.attachments[0]!.data!.equals(pdf)).toBe(true);
  });

  it('decodes attAttachTitle in another code page (Windows-1251)', () => {
    const t = readTnef(buildTnef({ codepage: 1251, attachments: [{ title: '\u00e0.txt', data: pdf }] }));
    // Byte 0xE0 is "а" (Cyrillic a) in Windows-1251, "à" in Windows-1252.
    expect(t.attachments[0]!.filnavn).toBe('а.txt');
  });

  it('reads the body from attBody, and HTML and compressed RTF from attMsgProps', () => {
    const rtf = uncompressedRtf('{\\rtf1 Hei\\par}');
    const t = readTnef(buildTnef({ body: 'Hei på deg', html: '<p>Hei på deg</p>', rtfCompressed: rtf, attachments: [] }));
    expect(t).toMatchObject({ body: 'Hei på deg', html: '<p>Hei på deg</p>', attachments: [] });
    expect(t.rtfCompressed!.equals(rtf)).toBe(true);
  });

  it('skips named properties and multi-valued properties in a MAPI list', () => {
    const props = mapiProps([
      { id: 0x8005, type: 0x0003, value: 1, named: 'Et navn' },
      { id: 0x3707, type: 0x001f, value: 'Etter navngitt.pdf' },
    ]);
    const withMulti = Buffer.concat([props.subarray(0, 4), Buffer.from([0x03, 0x10, 0x10, 0x00]), Buffer.from([2, 0, 0, 0, 7, 0, 0, 0, 9, 0, 0, 0]), props.subarray(4)]);
    withMulti.writeUInt32LE(3, 0);
    const file = Buffer.concat([
      buildTnef({ attachments: [] }),
      attribute(2, 0x9002, 0x0006, Buffer.alloc(14)),
      attribute(2, 0x800f, 0x0006, pdf),
      attribute(2, 0x9005, 0x0006, withMulti),
    ]);
    expect(readTnef(file).attachments.map((a) => a.filnavn)).toEqual(['Etter navngitt.pdf']);
  });

  it.each([
    ['a wrong signature', (b: Buffer) => Buffer.concat([Buffer.from('PK'), b.subarray(2)]), /signatur/],
    ['a changed data byte (checksum)', (b: Buffer) => flip(b, b.indexOf('%PDF') + 3), /sjekksum/],
    ['a cut-off file', (b: Buffer) => b.subarray(0, b.length - 5), /avkortet/],
    ['a length pointing past the end', (b: Buffer) => withLength(b, b.indexOf('%PDF') - 4, 0x7fffffff), /avkortet/],
    ['an unknown level', (b: Buffer) => withLevel(b, 6, 7), /nivå/],
  ])('refuses %s with a TnefError', (_name, damage, message) => {
    const good = buildTnef({ attachments: [{ title: 'a.pdf', data: pdf }] });
    expect(() => readTnef(good)).not.toThrow();
    expect(() => readTnef(damage(good))).toThrow(TnefError);
    expect(() => readTnef(damage(good))).toThrow(message);
  });

  it('refuses a MAPI list whose count promises more than it holds', () => {
    const props = mapiProps([{ id: 0x3707, type: 0x001f, value: 'x.pdf' }]);
    props.writeUInt32LE(5, 0);
    const file = Buffer.concat([buildTnef({ attachments: [] }), attribute(2, 0x9002, 0x0006, Buffer.alloc(14)), attribute(2, 0x9005, 0x0006, props)]);
    expect(() => readTnef(file)).toThrow(/avkortet/);
  });
});

describe('RTF body', () => {
  it('turns RTF into text: paragraphs, code-page escapes, \\u characters; font tables and \\* destinations left out', () => {
    const rtf = decompressRtf(uncompressedRtf(String.raw`{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Calibri;}}{\*\generator Riched20;}\pard Referat fra m\'f8tet\par Sum: 5\u8364?\par\par\tab Slutt\{\}}`));
    expect(rtfBody(rtf, 1252)).toEqual({ tekst: 'Referat fra møtet\nSum: 5€\n\n\tSlutt{}', html: null });
  });

  it('takes the HTML back out of RTF that encapsulates it (\\fromhtml1)', () => {
    const rtf = Buffer.from(String.raw`{\rtf1\ansi\ansicpg1252\fromhtml1 \deff0{\fonttbl{\f0\fswiss Arial;}}{\*\htmltag19 <html>}{\*\htmltag34 <body>}\htmlrtf {\htmlrtf0 {\*\htmltag64 <p>}\htmlrtf {\htmlrtf0 Hei p\'e5 deg\htmlrtf\par}\htmlrtf0 {\*\htmltag72 </p>}{\*\htmltag42 </body>}{\*\htmltag27 </html>}}}`, 'latin1');
    expect(rtfBody(rtf, 1252)).toEqual({ tekst: '', html: '<html><body><p>Hei på deg</p></body></html>' });
  });
});

function flip(b: Buffer, at: number) {
  const c = Buffer.from(b);
  c[at] = c[at]! ^ 0xff;
  return c;
}
function withLength(b: Buffer, at: number, length: number) {
  const c = Buffer.from(b);
  c.writeUInt32LE(length, at);
  return c;
}
function withLevel(b: Buffer, at: number, level: number) {
  const c = Buffer.from(b);
  c[at] = level;
  return c;
}
