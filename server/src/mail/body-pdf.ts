import { PDFDocument, type PDFFont, type PDFPage, StandardFonts, rgb } from 'pdf-lib';

export interface PdfSection {
  readonly overskrift?: string;
  /** Label/value lines shown as a header block (Fra, Til, Dato, Emne ...). */
  readonly felter?: readonly (readonly [string, string])[];
  readonly tekst?: string;
  readonly bilder?: readonly { readonly mimeType: string; readonly data: Uint8Array }[];
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const SIZE = 10.5;
const LINE = 14;

/**
 * Writes text (and PNG/JPEG images) as a PDF with pdf-lib. Honest about PDF/A: pdf-lib
 * cannot embed the standard fonts or write an output intent, so the result is plain PDF 1.7
 * with document metadata, not validated PDF/A (see docs/utsending.md). Characters the
 * standard font cannot show (outside Windows-1252) are replaced by "?".
 */
export async function renderPdf(tittel: string, sections: readonly PdfSection[], opts: { forfatter?: string; dato?: Date } = {}): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(tittel || 'Dokument');
  pdf.setProducer('Arkiv (pdf-lib)');
  pdf.setCreator('Arkiv');
  if (opts.forfatter) pdf.setAuthor(opts.forfatter);
  pdf.setCreationDate(opts.dato ?? new Date(0));
  pdf.setModificationDate(opts.dato ?? new Date(0));
  pdf.setLanguage('nb-NO');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const supported = new Set(font.getCharacterSet());
  const safe = (s: string) =>
    Array.from(s.normalize('NFC'))
      .map((ch) => (ch === '\t' ? '    ' : supported.has(ch.codePointAt(0)!) ? ch : '?'))
      .join('');

  let page: PDFPage = pdf.addPage(A4);
  let y = A4[1] - MARGIN;
  const width = A4[0] - 2 * MARGIN;
  const newPage = () => {
    page = pdf.addPage(A4);
    y = A4[1] - MARGIN;
  };
  const write = (text: string, f: PDFFont, size = SIZE, x = MARGIN, w = width) => {
    for (const line of wrap(safe(text), f, size, w)) {
      if (y < MARGIN + LINE) newPage();
      page.drawText(line, { x, y, size, font: f, color: rgb(0, 0, 0) });
      y -= LINE;
    }
  };

  for (const section of sections) {
    if (section.overskrift) {
      write(section.overskrift, bold, 13);
      y -= 4;
    }
    for (const [label, value] of section.felter ?? []) {
      if (y < MARGIN + LINE) newPage();
      page.drawText(safe(`${label}:`), { x: MARGIN, y, size: SIZE, font: bold });
      write(value, font, SIZE, MARGIN + 70, width - 70);
    }
    if (section.felter?.length) {
      y -= 6;
      page.drawLine({ start: { x: MARGIN, y: y + 8 }, end: { x: A4[0] - MARGIN, y: y + 8 }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
    }
    if (section.tekst !== undefined) {
      for (const paragraph of section.tekst.replace(/\r\n?/g, '\n').split('\n')) write(paragraph, font);
    }
    for (const bilde of section.bilder ?? []) {
      const img = bilde.mimeType === 'image/png' ? await pdf.embedPng(bilde.data).catch(() => null) : await pdf.embedJpg(bilde.data).catch(() => null);
      if (!img) continue;
      const scale = Math.min(1, width / img.width, (A4[1] - 2 * MARGIN) / img.height);
      const h = img.height * scale;
      if (y - h < MARGIN) newPage();
      page.drawImage(img, { x: MARGIN, y: y - h, width: img.width * scale, height: h });
      y -= h + LINE;
    }
    y -= LINE;
  }
  return pdf.save();
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  if (text === '') return [''];
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/(\s+)/)) {
    const candidate = line + word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line.trim() !== '') out.push(line.trimEnd());
    line = word.trimStart();
    // A single word wider than the line (a long URL): break it by characters.
    while (font.widthOfTextAtSize(line, size) > width) {
      let n = line.length;
      while (n > 1 && font.widthOfTextAtSize(line.slice(0, n), size) > width) n--;
      out.push(line.slice(0, n));
      line = line.slice(n);
    }
  }
  out.push(line.trimEnd());
  return out;
}
