import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFObject, type PDFPage } from 'pdf-lib';

/**
 * Text as a reader gets it: the page's content stream is tokenised, each string shown with
 * Tj/TJ/'/" is split into character codes of the current font (two bytes for Type0
 * Identity-H, one otherwise) and mapped through the font's ToUnicode CMap. One line per BT
 * block. `notdef` counts codes that select glyph 0 (.notdef), which PDF/A forbids.
 */
export interface PageText {
  readonly text: string;
  /** The text with blocks on the same baseline in a row joined: a line that changes font reads as one. */
  readonly linjer: string;
  readonly notdef: number;
  /** Codes with no ToUnicode entry (the text cannot be extracted). */
  readonly unmapped: number;
  /** The text in the order shown, cut where the font changes: which words are bold or italic. */
  readonly runs: readonly { readonly font: string; readonly text: string }[];
}

export async function extractText(bytes: Uint8Array): Promise<PageText[]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  return pdf.getPages().map((page) => pageText(pdf, page));
}

export function streamBytes(pdf: PDFDocument, obj: PDFObject | undefined): Uint8Array | undefined {
  const s = obj instanceof PDFRef ? pdf.context.lookup(obj) : obj;
  return s instanceof PDFRawStream ? decodePDFRawStream(s).decode() : undefined;
}

interface FontCodes {
  readonly twoByte: boolean;
  readonly identityGids: boolean;
  readonly toUnicode: Map<number, string>;
  /** BaseFont without the subset tag (ABCDEF+NotoSans-Bold → NotoSans-Bold). */
  readonly name: string;
}

function pageText(pdf: PDFDocument, page: PDFPage): PageText {
  const resources = page.node.Resources();
  const fontDict = resources?.lookupMaybe(PDFName.of('Font'), PDFDict);
  const fonts = new Map<string, FontCodes>();
  for (const [name, ref] of fontDict?.entries() ?? []) {
    const f = pdf.context.lookup(ref, PDFDict);
    fonts.set(name.asString(), fontCodes(pdf, f));
  }
  const contents = page.node.Contents();
  const parts = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  const content = Buffer.concat(parts.map((p) => Buffer.from(streamBytes(pdf, p) ?? new Uint8Array())));

  const lines: string[] = [];
  let line = '';
  let font: FontCodes | undefined;
  let notdef = 0;
  let unmapped = 0;
  const runs: { font: string; text: string }[] = [];
  const baselines: string[] = [];
  let y: string | undefined;
  let lastY: string | undefined;
  const show = (s: Uint8Array) => {
    if (!font) return;
    const before = line.length;
    const step = font.twoByte ? 2 : 1;
    for (let i = 0; i + step <= s.length; i += step) {
      const code = step === 2 ? (s[i]! << 8) | s[i + 1]! : s[i]!;
      if (code === 0 && font.identityGids) notdef++;
      const u = font.toUnicode.get(code);
      if (u === undefined) unmapped++;
      line += u ?? '\uFFFD';
    }
    const shown = line.slice(before);
    const last = runs.at(-1);
    if (last?.font === font.name) last.text += shown;
    else runs.push({ font: font.name, text: shown });
  };
  const operands: Token[] = [];
  for (const t of tokenize(content)) {
    if (t.kind !== 'op') {
      operands.push(t);
      continue;
    }
    if (t.value === 'BT') line = '';
    else if (t.value === 'Tm') {
      const n = operands.filter((o) => o.kind === 'number');
      y = n.length === 6 ? (n[5] as { value: string }).value : undefined;
    } else if (t.value === 'ET') {
      lines.push(line);
      // A line continued in another font is a new BT block on the same baseline: one line still.
      if (y !== undefined && y === lastY && baselines.length) baselines[baselines.length - 1] += line;
      else baselines.push(line);
      lastY = y;
      y = undefined;
    }
    else if (t.value === 'Tf') {
      const name = operands.find((o) => o.kind === 'name') as { value: string } | undefined;
      font = name ? fonts.get(`/${name.value}`) : undefined;
    } else if (t.value === 'Tj' || t.value === "'" || t.value === '"' || t.value === 'TJ') {
      for (const o of operands) if (o.kind === 'string') show(o.bytes);
    }
    operands.length = 0;
  }
  return { text: lines.join('\n'), linjer: baselines.join('\n'), notdef, unmapped, runs };
}

function fontCodes(pdf: PDFDocument, font: PDFDict): FontCodes {
  const type0 = font.get(PDFName.of('Subtype')) === PDFName.of('Type0');
  let identityGids = false;
  if (type0) {
    const descendant = pdf.context.lookup(font.lookup(PDFName.of('DescendantFonts'), PDFArray).get(0), PDFDict);
    identityGids = descendant.get(PDFName.of('CIDToGIDMap')) === PDFName.of('Identity');
  }
  const cmap = streamBytes(pdf, font.get(PDFName.of('ToUnicode')));
  const base = font.get(PDFName.of('BaseFont'));
  const name = base instanceof PDFName ? base.decodeText().replace(/^[A-Z]{6}\+/, '') : '';
  return { twoByte: type0, identityGids, toUnicode: cmap ? parseToUnicode(Buffer.from(cmap).toString('latin1')) : new Map(), name };
}

const hex = (h: string) => parseInt(h, 16);
const utf16 = (h: string) => {
  const units: number[] = [];
  for (let i = 0; i + 4 <= h.length; i += 4) units.push(hex(h.slice(i, i + 4)));
  return String.fromCharCode(...units);
};

/** bfchar and bfrange (both the incrementing and the array form). */
export function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]*)>/g)) map.set(hex(m[1]!), utf16(m[2]!.replace(/\s/g, '')));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const [lo, hi] = [hex(m[1]!), hex(m[2]!)];
      if (m[3]!.startsWith('[')) {
        const items = [...m[3]!.matchAll(/<([0-9a-fA-F\s]*)>/g)].map((x) => utf16(x[1]!.replace(/\s/g, '')));
        items.forEach((u, i) => lo + i <= hi && map.set(lo + i, u));
      } else {
        const start = m[3]!.slice(1, -1);
        const last = hex(start.slice(-4));
        for (let c = lo; c <= hi; c++) map.set(c, utf16(start.slice(0, -4)) + String.fromCharCode(last + c - lo));
      }
    }
  }
  return map;
}

type Token = { kind: 'op' | 'name' | 'number' | 'other'; value: string } | { kind: 'string'; bytes: Uint8Array };

const DELIM = new Set('()<>[]{}/%'.split('').map((c) => c.charCodeAt(0)));
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;

/** A content-stream tokenizer: enough of ISO 32000-1 §7.2/§7.3 for text (no inline images). */
export function* tokenize(s: Uint8Array): Generator<Token> {
  let i = 0;
  while (i < s.length) {
    const b = s[i]!;
    if (isSpace(b)) i++;
    else if (b === 0x25 /* % */) while (i < s.length && s[i] !== 0x0a && s[i] !== 0x0d) i++;
    else if (b === 0x2f /* / */) {
      let j = i + 1;
      while (j < s.length && !isSpace(s[j]!) && !DELIM.has(s[j]!)) j++;
      yield { kind: 'name', value: Buffer.from(s.subarray(i + 1, j)).toString('latin1') };
      i = j;
    } else if (b === 0x28 /* ( */) {
      const out: number[] = [];
      let depth = 1;
      i++;
      while (i < s.length && depth > 0) {
        const c = s[i++]!;
        if (c === 0x5c /* \ */) {
          const e = s[i++]!;
          const simple: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };
          if (e >= 0x30 && e <= 0x37) {
            let oct = e - 0x30;
            for (let k = 0; k < 2 && s[i]! >= 0x30 && s[i]! <= 0x37; k++) oct = oct * 8 + (s[i++]! - 0x30);
            out.push(oct & 0xff);
          } else if (e === 0x0a || e === 0x0d) {
            if (e === 0x0d && s[i] === 0x0a) i++;
          } else out.push(simple[e] ?? e);
        } else {
          if (c === 0x28) depth++;
          if (c === 0x29) depth--;
          if (depth > 0) out.push(c);
        }
      }
      yield { kind: 'string', bytes: Uint8Array.from(out) };
    } else if (b === 0x3c /* < */ && s[i + 1] === 0x3c) {
      yield { kind: 'other', value: '<<' };
      i += 2;
    } else if (b === 0x3c) {
      const end = s.indexOf(0x3e, i);
      let h = Buffer.from(s.subarray(i + 1, end)).toString('latin1').replace(/\s/g, '');
      if (h.length % 2) h += '0';
      yield { kind: 'string', bytes: Uint8Array.from(Buffer.from(h, 'hex')) };
      i = end + 1;
    } else if (b === 0x3e && s[i + 1] === 0x3e) {
      yield { kind: 'other', value: '>>' };
      i += 2;
    } else if (DELIM.has(b)) {
      yield { kind: 'other', value: String.fromCharCode(b) };
      i++;
    } else {
      let j = i;
      while (j < s.length && !isSpace(s[j]!) && !DELIM.has(s[j]!)) j++;
      const word = Buffer.from(s.subarray(i, j)).toString('latin1');
      yield { kind: /^[+-]?(\d+\.?\d*|\.\d+)$/.test(word) ? 'number' : 'op', value: word };
      i = j;
    }
  }
}
