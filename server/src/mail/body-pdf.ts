import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { drawableImage } from './pdf-image';

/** A piece of a paragraph in one style (a letter written in the pane: bold, italic). */
export interface Tekstbit {
  readonly tekst: string;
  readonly fet?: boolean;
  readonly kursiv?: boolean;
}

export interface PdfSection {
  readonly overskrift?: string;
  /** Label/value lines shown as a header block (Fra, Til, Dato, Emne ...). */
  readonly felter?: readonly (readonly [string, string])[];
  readonly tekst?: string;
  /** Paragraphs with emphasis kept (bold, italic): one line each, an empty one is a blank line. Drawn after `tekst`. */
  readonly avsnitt?: readonly (readonly Tekstbit[])[];
  readonly bilder?: readonly { readonly mimeType: string; readonly data: Uint8Array }[];
}

/** What the archive variant is, for dokumentversjon.formatDetaljer. */
export const PDF_FORMAT_DETALJER = 'PDF/A-2b (ISO 19005-2)';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const SIZE = 10.5;
const LINE = 14;
const LABEL_WIDTH = 70;

// Noto Sans (SIL OFL 1.1) from node_modules: PDF/A requires every font to be embedded, and it
// covers Norwegian, Sami, the rest of Latin, Greek and Cyrillic. pdfkit embeds a subset. The
// parsed fonts are kept for the process: fontkit reads the layout tables on first use (~150 ms).
type Font = fontkit.Font;
const fonts = new Map<string, Font>();
const noto = (file: string): Font => {
  let f = fonts.get(file);
  if (!f) {
    f = fontkit.create(readFileSync(require.resolve(`@expo-google-fonts/noto-sans/${file}`))) as Font;
    fonts.set(file, f);
  }
  return f;
};
const REGULAR = '400Regular/NotoSans_400Regular.ttf';
const BOLD = '700Bold/NotoSans_700Bold.ttf';
const ITALIC = '400Regular_Italic/NotoSans_400Regular_Italic.ttf';
const BOLD_ITALIC = '700Bold_Italic/NotoSans_700Bold_Italic.ttf';
const fontFor = (b: Tekstbit) => (b.fet ? (b.kursiv ? 'bolditalic' : 'bold') : b.kursiv ? 'italic' : 'regular');

/**
 * Writes text (and PNG/JPEG images) as PDF/A-2b with pdfkit: Noto Sans embedded as a subset,
 * an sRGB OutputIntent, XMP metadata with the PDF/A identification, a file ID in the trailer.
 * The same input gives the same bytes. Characters the font has no glyph for (emoji, rare
 * scripts) are shown as U+FFFD, because PDF/A forbids drawing the .notdef glyph.
 * Conformance is checked by server/src/test/pdfa.ts (see docs/mail-and-letters.md).
 */
export async function renderPdf(tittel: string, sections: readonly PdfSection[], opts: { forfatter?: string; dato?: Date } = {}): Promise<Uint8Array> {
  const dato = opts.dato ?? new Date(0);
  const info = { Title: tittel || 'Dokument', ...(opts.forfatter ? { Author: opts.forfatter } : {}), Creator: 'Arkiv', Producer: 'Arkiv (pdfkit)', CreationDate: dato, ModDate: dato };
  const doc = new PDFDocument({
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    lang: 'nb-NO',
    displayTitle: true,
    size: A4,
    margin: MARGIN,
    font: null as unknown as string, // no default font: pdfkit would load the (unembeddable) Helvetica
    info,
  }) as Doc;
  writeXmpInfo(doc, info);
  const done = collect(doc);
  const regular = noto(REGULAR);
  doc.registerFont('regular', regular as never).registerFont('bold', noto(BOLD) as never);
  // Italic faces only when a paragraph asks for them: pdfkit embeds every registered font it uses.
  const trengerKursiv = sections.some((x) => x.avsnitt?.some((a) => a.some((b) => b.kursiv)));
  if (trengerKursiv) doc.registerFont('italic', noto(ITALIC) as never).registerFont('bolditalic', noto(BOLD_ITALIC) as never);
  doc.font('regular').fontSize(SIZE).fillColor('black');

  const width = A4[0] - 2 * MARGIN;
  const bottom = A4[1] - MARGIN;
  const lineGap = LINE - doc.currentLineHeight();
  const ensureRoom = (h: number) => {
    if (doc.y + h > bottom) doc.addPage();
  };
  const safe = (s: string) =>
    Array.from(s.normalize('NFC').replace(/\t/g, '    ').replace(/[\p{Cc}\p{Cf}]/gu, ''))
      .map((ch) => (regular.hasGlyphForCodePoint(ch.codePointAt(0)!) ? ch : '\uFFFD'))
      .join('');
  const write = (text: string, x = MARGIN, w = width) => {
    ensureRoom(LINE);
    doc.text(safe(text) || ' ', x, doc.y, { width: w, lineGap });
  };

  for (const section of sections) {
    if (section.overskrift) {
      doc.font('bold').fontSize(13);
      write(section.overskrift);
      doc.font('regular').fontSize(SIZE);
      doc.moveDown(0.3);
    }
    for (const [label, value] of section.felter ?? []) {
      ensureRoom(LINE);
      const y = doc.y;
      doc.font('bold').text(safe(`${label}:`), MARGIN, y, { width: LABEL_WIDTH - 4, lineBreak: false });
      doc.font('regular');
      doc.y = y;
      write(value, MARGIN + LABEL_WIDTH, width - LABEL_WIDTH);
    }
    if (section.felter?.length) {
      doc.y += 4;
      doc.moveTo(MARGIN, doc.y).lineTo(A4[0] - MARGIN, doc.y).lineWidth(0.5).strokeColor('#999999').stroke();
      doc.y += 8;
    }
    if (section.tekst !== undefined) {
      for (const paragraph of section.tekst.replace(/\r\n?/g, '\n').split('\n')) write(paragraph);
    }
    for (const avsnitt of section.avsnitt ?? []) {
      const biter = avsnitt.map((b) => ({ ...b, tekst: safe(b.tekst) })).filter((b) => b.tekst);
      ensureRoom(LINE);
      if (biter.length === 0) {
        doc.font('regular').text(' ', MARGIN, doc.y, { width, lineGap });
        continue;
      }
      // One paragraph as continued text: pdfkit wraps it across the style changes.
      biter.forEach((b, i) => {
        doc.font(fontFor(b));
        if (i === 0) doc.text(b.tekst, MARGIN, doc.y, { width, lineGap, continued: biter.length > 1 });
        else doc.text(b.tekst, { width, lineGap, continued: i < biter.length - 1 });
      });
      doc.font('regular');
    }
    for (const bilde of section.bilder ?? []) drawImage(doc, bilde, width, bottom);
    doc.y += LINE;
  }
  doc.end();
  return done;
}

type Doc = InstanceType<typeof PDFDocument> & {
  appendXML(xml: string): void;
  _addInfo(): void;
  openImage(src: Buffer): { width: number; height: number };
};

/** PNG or JPEG, scaled to the text width and page height; images pdfkit cannot draw safely are left out. */
function drawImage(doc: Doc, bilde: { readonly mimeType: string; readonly data: Uint8Array }, width: number, bottom: number): void {
  if (!drawableImage(bilde.mimeType, bilde.data)) return;
  let img: ReturnType<Doc['openImage']>;
  try {
    img = doc.openImage(Buffer.from(bilde.data));
  } catch {
    return;
  }
  const scale = Math.min(1, width / img.width, (bottom - MARGIN) / img.height);
  const h = img.height * scale;
  if (doc.y + h > bottom) doc.addPage();
  doc.image(img as never, MARGIN, doc.y, { width: img.width * scale, height: h });
  doc.y += h + LINE;
}

function collect(doc: Doc): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
}

const xml = (s: string) => s.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);
const xmpDate = (d: Date) => `${d.toISOString().split('.')[0]}Z`;

/**
 * pdfkit (0.20) writes the Info values into its XMP packet without XML escaping, so a subject
 * with "&" or an author "Navn <e@post>" would make the packet malformed and the file not
 * PDF/A. This writes the same properties (and xmp:ModifyDate for Info's ModDate), escaped.
 * The pdfaid part and conformance still come from pdfkit.
 */
function writeXmpInfo(doc: Doc, info: { Title: string; Author?: string; Creator: string; Producer: string; CreationDate: Date; ModDate: Date }): void {
  doc._addInfo = () =>
    doc.appendXML(
      [
        `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">`,
        `<xmp:CreateDate>${xmpDate(info.CreationDate)}</xmp:CreateDate>`,
        `<xmp:ModifyDate>${xmpDate(info.ModDate)}</xmp:ModifyDate>`,
        `<xmp:CreatorTool>${xml(info.Creator)}</xmp:CreatorTool>`,
        `</rdf:Description>`,
        `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">`,
        `<dc:format>application/pdf</dc:format>`,
        `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.Title)}</rdf:li></rdf:Alt></dc:title>`,
        ...(info.Author ? [`<dc:creator><rdf:Seq><rdf:li>${xml(info.Author)}</rdf:li></rdf:Seq></dc:creator>`] : []),
        `</rdf:Description>`,
        `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">`,
        `<pdf:Producer>${xml(info.Producer)}</pdf:Producer>`,
        `</rdf:Description>`,
      ].join('\n'),
    );
}
