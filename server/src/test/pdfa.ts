import { XMLParser } from 'fast-xml-parser';
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, PDFString, PDFHexString, type PDFObject } from 'pdf-lib';
import { extractText, streamBytes } from './pdf-text';

/**
 * A structural PDF/A-2 (level B/U) checker for the files this server writes. It parses the
 * file with pdf-lib and checks the rules of ISO 19005-2 that a generator can get wrong:
 *
 * - header: `%PDF-1.x` and a comment line with at least four bytes above 127 (6.1.2)
 * - trailer: an /ID, no /Encrypt (6.1.3)
 * - catalog /Metadata: an XMP packet, not filtered, no bytes/encoding in the xpacket header,
 *   pdfaid:part 2 and pdfaid:conformance B/U/A; Info entries equal to their XMP
 *   counterparts (Title/dc:title, Author/dc:creator, Creator/xmp:CreatorTool,
 *   Producer/pdf:Producer, CreationDate/xmp:CreateDate, ModDate/xmp:ModifyDate) (6.6)
 * - /OutputIntents: one /GTS_PDFA1 whose DestOutputProfile is an ICC profile (signature
 *   'acsp', class mntr/prtr/scnr, colour space matching /N) (6.2.3)
 * - every font reachable from a page (incl. Form XObjects and Type0 descendants) has a
 *   FontDescriptor with FontFile/FontFile2/FontFile3; CIDFontType2 has CIDToGIDMap (6.2.11)
 * - no glyph 0 (.notdef) shown, and every code has a ToUnicode entry (6.2.11.8; 2u needs the latter)
 * - no JavaScript, no /AA, no Launch/ResetForm actions, no LZW, no PostScript XObjects,
 *   no Interpolate=true, no embedded files, no DeviceCMYK image with an RGB output intent.
 *
 * It is not veraPDF: it does not check the font programs' glyph widths, tagged structure or
 * every dictionary of the PDF reference. It returns the problems found; [] means none.
 */
export async function pdfaProblems(bytes: Uint8Array): Promise<string[]> {
  const problems: string[] = [];
  const add = (p: string) => problems.push(p);
  const head = Buffer.from(bytes.subarray(0, 32));
  if (!head.toString('latin1').startsWith('%PDF-1.')) add('header: no %PDF-1.x');
  const second = head.subarray(head.indexOf(0x0a) + 1);
  if (second[0] !== 0x25 || [1, 2, 3, 4].some((i) => (second[i] ?? 0) < 128)) add('header: no binary comment line');

  const pdf = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  const { context, catalog } = pdf;
  const trailer = context.trailerInfo;
  if (trailer.Encrypt) add('trailer: encrypted');
  const id = trailer.ID ? context.lookup(trailer.ID) : undefined;
  if (!(id instanceof PDFArray) || id.size() !== 2) add('trailer: no /ID');

  const rgbIntent = checkOutputIntent(pdf, add);
  checkMetadata(pdf, add);
  checkFonts(pdf, add);
  for (const [i, page] of (await extractText(bytes)).entries()) {
    if (page.notdef) add(`text: page ${i + 1} shows .notdef ${page.notdef} times`);
    if (page.unmapped) add(`text: page ${i + 1} has ${page.unmapped} codes without ToUnicode`);
  }

  for (const key of ['AA', 'OpenAction']) if (catalog.has(PDFName.of(key))) add(`catalog: /${key}`);
  const names = catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  if (names?.has(PDFName.of('JavaScript'))) add('catalog: /Names /JavaScript');
  if (names?.has(PDFName.of('EmbeddedFiles'))) add('catalog: /Names /EmbeddedFiles');
  for (const [ref, obj] of context.enumerateIndirectObjects()) {
    const dict = obj instanceof PDFStream ? obj.dict : obj instanceof PDFDict ? obj : undefined;
    if (!dict) continue;
    const where = `object ${ref.objectNumber}`;
    const S = dict.get(PDFName.of('S'));
    if (S === PDFName.of('JavaScript') || dict.has(PDFName.of('JS'))) add(`${where}: JavaScript`);
    if (S === PDFName.of('Launch') || S === PDFName.of('ResetForm') || S === PDFName.of('ImportData')) add(`${where}: forbidden action ${S.toString()}`);
    if (dict.has(PDFName.of('AA'))) add(`${where}: /AA`);
    if (dict.get(PDFName.of('Interpolate')) === PDFBool.True) add(`${where}: Interpolate true`);
    if (dict.get(PDFName.of('Subtype')) === PDFName.of('PS')) add(`${where}: PostScript XObject`);
    const filters = dict.get(PDFName.of('Filter'));
    const list = filters instanceof PDFArray ? filters.asArray() : filters ? [filters] : [];
    if (list.includes(PDFName.of('LZWDecode'))) add(`${where}: LZWDecode`);
    if (dict.get(PDFName.of('Subtype')) === PDFName.of('Image') && dict.get(PDFName.of('ColorSpace')) === PDFName.of('DeviceCMYK') && rgbIntent) add(`${where}: DeviceCMYK image with an RGB output intent`);
  }
  return problems;
}

function checkOutputIntent(pdf: PDFDocument, add: (p: string) => void): boolean {
  const intents = pdf.catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray);
  const pdfa = (intents?.asArray() ?? []).map((r) => pdf.context.lookup(r, PDFDict)).filter((d) => d.get(PDFName.of('S')) === PDFName.of('GTS_PDFA1'));
  if (pdfa.length !== 1) {
    add(`output intent: ${pdfa.length} /GTS_PDFA1 intents, want 1`);
    return false;
  }
  const ref = pdfa[0]!.get(PDFName.of('DestOutputProfile'));
  const stream = ref instanceof PDFRef ? pdf.context.lookup(ref) : undefined;
  const icc = streamBytes(pdf, ref);
  if (!(stream instanceof PDFRawStream) || !icc) {
    add('output intent: no embedded DestOutputProfile');
    return false;
  }
  const tag = (at: number) => Buffer.from(icc.subarray(at, at + 4)).toString('latin1');
  if (tag(36) !== 'acsp') add('output intent: DestOutputProfile is not an ICC profile (no acsp)');
  if (!['mntr', 'prtr', 'scnr'].includes(tag(12))) add(`output intent: ICC device class ${tag(12)}`);
  const n = stream.dict.lookupMaybe(PDFName.of('N'), PDFNumber)?.asNumber();
  const want = { 'RGB ': 3, 'GRAY': 1, CMYK: 4 }[tag(16)];
  if (want === undefined || want !== n) add(`output intent: ICC colour space '${tag(16)}' with /N ${n}`);
  return tag(16) === 'RGB ';
}

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, parseAttributeValue: false, trimValues: true });
type Node = Record<string, unknown>;
const arr = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
const textOf = (x: unknown): string | undefined => (typeof x === 'string' ? x : x && typeof x === 'object' && '#text' in x ? String((x as Node)['#text']) : undefined);

/** XMP properties by namespace URI and local name, from element or attribute form. */
function xmpProperties(xmp: string): (ns: string, local: string) => unknown {
  const doc = parser.parse(xmp) as Node;
  const meta = (doc['x:xmpmeta'] ?? doc) as Node;
  const rdf = (meta['rdf:RDF'] ?? {}) as Node;
  const props = new Map<string, unknown>();
  for (const d of arr(rdf['rdf:Description'] as Node | Node[])) {
    const prefixes = new Map<string, string>();
    for (const scope of [meta, rdf, d]) for (const [k, v] of Object.entries(scope)) if (k.startsWith('@_xmlns:')) prefixes.set(k.slice(8), String(v));
    for (const [k, v] of Object.entries(d)) {
      const name = k.startsWith('@_') ? k.slice(2) : k;
      const [prefix, local] = name.split(':');
      const ns = local !== undefined ? prefixes.get(prefix!) : undefined;
      if (ns) props.set(`${ns}${local}`, v);
    }
  }
  return (ns, local) => props.get(`${ns}${local}`);
}

const NS = { pdfaid: 'http://www.aiim.org/pdfa/ns/id/', dc: 'http://purl.org/dc/elements/1.1/', xmp: 'http://ns.adobe.com/xap/1.0/', pdf: 'http://ns.adobe.com/pdf/1.3/' };

function checkMetadata(pdf: PDFDocument, add: (p: string) => void): void {
  const ref = pdf.catalog.get(PDFName.of('Metadata'));
  const stream = ref instanceof PDFRef ? pdf.context.lookup(ref) : undefined;
  if (!(stream instanceof PDFRawStream)) return void add('metadata: no XMP stream in the catalog');
  if (stream.dict.has(PDFName.of('Filter'))) add('metadata: stream is filtered');
  const xmp = Buffer.from(streamBytes(pdf, ref)!).toString('utf8');
  const packet = /<\?xpacket begin=[^?]*\?>/.exec(xmp)?.[0];
  if (!packet) add('metadata: no xpacket header');
  else if (/\b(bytes|encoding)=/.test(packet)) add('metadata: bytes/encoding in the xpacket header');
  let get: ReturnType<typeof xmpProperties>;
  try {
    get = xmpProperties(xmp);
  } catch (e) {
    return void add(`metadata: XMP is not well-formed (${(e as Error).message})`);
  }
  const part = textOf(get(NS.pdfaid, 'part'));
  const conformance = textOf(get(NS.pdfaid, 'conformance'));
  if (part !== '2') add(`metadata: pdfaid:part ${part}, want 2`);
  if (!['A', 'B', 'U'].includes(conformance ?? '')) add(`metadata: pdfaid:conformance ${conformance}`);

  const infoRef = pdf.context.trailerInfo.Info;
  const info = infoRef ? pdf.context.lookup(infoRef) : undefined;
  const infoValue = (key: string): PDFObject | undefined => {
    const v = info instanceof PDFDict ? info.get(PDFName.of(key)) : undefined;
    return v instanceof PDFRef ? pdf.context.lookup(v) : v;
  };
  const infoText = (key: string) => {
    const v = infoValue(key);
    return v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined;
  };
  const alt = (x: unknown) => {
    const lis = arr(((x as Node | undefined)?.['rdf:Alt'] as Node | undefined)?.['rdf:li'] as unknown);
    return textOf(lis.find((li) => (li as Node)?.['@_xml:lang'] === 'x-default') ?? lis[0]);
  };
  const seq = (x: unknown) => arr(((x as Node | undefined)?.['rdf:Seq'] as Node | undefined)?.['rdf:li'] as unknown).map(textOf);
  const same = (key: string, xmpValue: string | undefined, label: string) => {
    const v = infoText(key);
    if (v !== undefined && v !== xmpValue) add(`metadata: Info ${key} ${JSON.stringify(v)} but ${label} ${JSON.stringify(xmpValue)}`);
  };
  same('Title', alt(get(NS.dc, 'title')), 'dc:title');
  same('Author', seq(get(NS.dc, 'creator')).length === 1 ? seq(get(NS.dc, 'creator'))[0] : undefined, 'dc:creator');
  same('Subject', alt(get(NS.dc, 'description')), 'dc:description');
  same('Creator', textOf(get(NS.xmp, 'CreatorTool')), 'xmp:CreatorTool');
  same('Producer', textOf(get(NS.pdf, 'Producer')), 'pdf:Producer');
  same('Keywords', textOf(get(NS.pdf, 'Keywords')), 'pdf:Keywords');
  for (const [key, local] of [
    ['CreationDate', 'CreateDate'],
    ['ModDate', 'ModifyDate'],
  ] as const) {
    const v = infoValue(key);
    if (!(v instanceof PDFString)) continue;
    const x = textOf(get(NS.xmp, local));
    if (!x || new Date(x).getTime() !== v.decodeDate().getTime()) add(`metadata: Info ${key} ${v.asString()} but xmp:${local} ${x}`);
  }
}

function checkFonts(pdf: PDFDocument, add: (p: string) => void): void {
  const seen = new Set<PDFObject>();
  // pdf-lib's object classes have non-public constructors, so take the class by its prototype.
  const look = <T extends PDFObject>(o: PDFObject | undefined, type: { prototype: T }): T | undefined => {
    const v = o instanceof PDFRef ? pdf.context.lookup(o) : o;
    return v instanceof (type as unknown as typeof PDFObject) ? (v as T) : undefined;
  };
  const checkFont = (name: string, font: PDFDict) => {
    const subtype = font.get(PDFName.of('Subtype'));
    const base = font.get(PDFName.of('BaseFont'))?.toString() ?? '';
    if (subtype === PDFName.of('Type3')) return;
    if (subtype === PDFName.of('Type0')) {
      const descendant = look(look(font.get(PDFName.of('DescendantFonts')), PDFArray)?.get(0), PDFDict);
      if (!descendant) return void add(`font ${name} ${base}: Type0 without a descendant font`);
      if (descendant.get(PDFName.of('Subtype')) === PDFName.of('CIDFontType2') && !descendant.has(PDFName.of('CIDToGIDMap'))) add(`font ${name} ${base}: CIDFontType2 without CIDToGIDMap`);
      return checkFont(`${name} (descendant)`, descendant);
    }
    const descriptor = look(font.get(PDFName.of('FontDescriptor')), PDFDict);
    if (!descriptor) return void add(`font ${name} ${base}: not embedded (no FontDescriptor)`);
    if (!['FontFile', 'FontFile2', 'FontFile3'].some((k) => look(descriptor.get(PDFName.of(k)), PDFStream))) add(`font ${name} ${base}: not embedded (no FontFile)`);
  };
  const walk = (resources: PDFDict | undefined) => {
    if (!resources || seen.has(resources)) return;
    seen.add(resources);
    for (const [name, ref] of look(resources.get(PDFName.of('Font')), PDFDict)?.entries() ?? []) {
      const font = look(ref, PDFDict);
      if (font) checkFont(name.toString(), font);
    }
    for (const [, ref] of look(resources.get(PDFName.of('XObject')), PDFDict)?.entries() ?? []) {
      const x = look(ref, PDFStream);
      if (x?.dict.get(PDFName.of('Subtype')) === PDFName.of('Form')) walk(look(x.dict.get(PDFName.of('Resources')), PDFDict));
    }
  };
  for (const page of pdf.getPages()) walk(page.node.Resources());
}
