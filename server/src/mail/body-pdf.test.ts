import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { PDFDict, PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { extractText } from '../test/pdf-text';
import { pdfaProblems } from '../test/pdfa';
import { renderPdf } from './body-pdf';

const NORSK = 'Ærlig åpen øy – Čapek ‘quotes’ €';
const dato = new Date('2024-05-02T08:30:00Z');

/** A 2×1 PNG, red with half-transparent alpha (becomes an SMask, allowed in PDF/A-2). */
function png(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 2, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
  const raw = Buffer.from([0, 255, 0, 0, 255, 255, 0, 0, 128]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const mail = () =>
  renderPdf(
    'Svar & spørsmål <viktig>',
    [{ felter: [['Fra', 'Åse Ødegård <ase@fjordvik.kommune.no>'], ['Emne', NORSK]], tekst: `${NORSK}\nFinn filen\tmed tab 😀\n${'lang tekst '.repeat(900)}`, bilder: [{ mimeType: 'image/png', data: png() }] }],
    { forfatter: 'Åse Ødegård <ase@fjordvik.kommune.no>', dato },
  );

describe('archive PDF (variant A) is PDF/A-2b', () => {
  it('passes the structural PDF/A-2 check: embedded fonts, sRGB output intent, XMP, file ID', async () => {
    const bytes = await mail();
    expect(await pdfaProblems(bytes)).toEqual([]);
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.getPageCount()).toBeGreaterThan(1);
    expect(pdf.getTitle()).toBe('Svar & spørsmål <viktig>');
    expect(pdf.getAuthor()).toBe('Åse Ødegård <ase@fjordvik.kommune.no>');
    expect(pdf.getCreationDate()).toEqual(dato);
    expect(pdf.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('nb-NO');
  });

  it('keeps Norwegian and other non-Latin-1 text as text; a character the font lacks becomes U+FFFD, never .notdef', async () => {
    const pages = await extractText(await mail());
    const first = pages[0]!.text;
    expect(first).toContain(`Åse Ødegård <ase@fjordvik.kommune.no>`);
    expect(first.split('\n')).toContain(NORSK);
    expect(first).toContain('Finn filen    med tab \uFFFD');
    expect(first).not.toContain('?');
    expect(pages.every((p) => p.notdef === 0 && p.unmapped === 0)).toBe(true);
  });

  it('writes the same bytes for the same input', async () => {
    expect(Buffer.from(await mail()).equals(Buffer.from(await mail()))).toBe(true);
  });

  it('draws a PNG with alpha as an image with an SMask (allowed in PDF/A-2)', async () => {
    const pdf = await PDFDocument.load(await mail(), { updateMetadata: false });
    const images = pdf.getPages().flatMap((p) => {
      const x = p.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
      return x ? x.entries().map(([, ref]) => pdf.context.lookup(ref)) : [];
    });
    expect(images).toHaveLength(1);
    expect((images[0] as unknown as { dict: PDFDict }).dict.has(PDFName.of('SMask'))).toBe(true);
  });

  it('leaves out an image it cannot draw safely, at once, and stays PDF/A', async () => {
    const broken = Buffer.from(png());
    broken.writeUInt32BE(12, 33); // the IDAT chunk's length, now wrong
    const start = performance.now();
    const bytes = await renderPdf('Bilde', [{ tekst: 'Hei', bilder: [{ mimeType: 'image/png', data: broken }] }]);
    expect(performance.now() - start).toBeLessThan(1000);
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.getPage(0).node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict)).toBeUndefined();
    expect(await pdfaProblems(bytes)).toEqual([]);
  });
});

describe('the PDF/A checker rejects what is not PDF/A', () => {
  it('rejects a plain pdf-lib PDF with the standard Helvetica (what the server wrote before)', async () => {
    const pdf = await PDFDocument.create();
    pdf.setTitle('Gammel');
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.addPage().drawText('Hei', { font, x: 50, y: 700 });
    const problems = await pdfaProblems(await pdf.save());
    expect(problems).toEqual(
      expect.arrayContaining([
        'trailer: no /ID',
        'output intent: 0 /GTS_PDFA1 intents, want 1',
        'metadata: no XMP stream in the catalog',
        expect.stringMatching(/^font \/Helvetica-\d+ \/Helvetica: not embedded \(no FontDescriptor\)$/),
        'text: page 1 has 3 codes without ToUnicode',
      ]),
    );
  });

  it('notices a Title that differs from dc:title, a removed output intent and JavaScript', async () => {
    const pdf = await PDFDocument.load(await mail(), { updateMetadata: false });
    pdf.setTitle('Endret tittel');
    pdf.catalog.delete(PDFName.of('OutputIntents'));
    pdf.addJavaScript('hei', 'app.alert("hei")');
    const problems = await pdfaProblems(await pdf.save({ useObjectStreams: false }));
    expect(problems).toEqual(
      expect.arrayContaining([
        'output intent: 0 /GTS_PDFA1 intents, want 1',
        'metadata: Info Title "Endret tittel" but dc:title "Svar & spørsmål <viktig>"',
        'catalog: /Names /JavaScript',
        expect.stringMatching(/^object \d+: JavaScript$/),
      ]),
    );
  });
});

// poppler's pdffonts/pdftotext (Debian poppler-utils) read the file independently of pdf-lib.
// .ci/run installs it and sets ARKIV_REQUIRE_POPPLER=1; elsewhere its absence is said loudly.
const poppler = existsSync('/usr/bin/pdffonts') && existsSync('/usr/bin/pdftotext');
if (!poppler) {
  const msg = `${'!'.repeat(78)}\n!! POPPLER CHECK DID NOT RUN: no /usr/bin/pdffonts, /usr/bin/pdftotext (apt-get install -y poppler-utils).\n${'!'.repeat(78)}`;
  if (process.env.ARKIV_REQUIRE_POPPLER === '1') {
    it('reads the PDF with poppler (required in CI)', () => {
      throw new Error(msg);
    });
  } else process.stderr.write(`\n${msg}\n\n`);
}
if (poppler) describe('read by poppler', () => {
  it('lists only embedded, subset Unicode fonts and extracts the Norwegian text', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pdfa-'));
    try {
      const file = path.join(dir, 'brev.pdf');
      writeFileSync(file, await mail());
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
      expect(fonts).toHaveLength(2);
      for (const f of fonts) expect(f).toMatch(/^[A-Z]{6}\+NotoSans-(Regular|Bold)\s+CID TrueType\s+Identity-H\s+yes yes yes/);
      expect(execFileSync('pdftotext', ['-l', '1', file, '-'], { encoding: 'utf8' })).toContain(NORSK);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
