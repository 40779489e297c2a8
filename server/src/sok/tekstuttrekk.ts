import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { unzipSync, strFromU8 } from 'fflate';
import { simpleParser } from 'mailparser';

/**
 * The searchable text of a stored document file: PDF (pdfjs, as a reader's viewer reads it),
 * the Office Open XML and OpenDocument formats (the XML inside the zip), plain text, HTML and
 * mail (headers that matter and the body). Anything else yields null: the document is still
 * found by its metadata, just not by its content.
 */
export async function trekkUtTekst(bytes: Uint8Array, format: string, filnavn: string): Promise<string | null> {
  const type = format.toLowerCase().split(';')[0]!.trim();
  const ext = filnavn.toLowerCase().split('.').pop() ?? '';
  if (type === 'application/pdf' || ext === 'pdf') return pdfTekst(bytes);
  if (ZIP_FORMATER.has(type) || ['docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp'].includes(ext)) return kontorTekst(bytes);
  if (type === 'message/rfc822' || ext === 'eml') return epostTekst(bytes);
  if (type === 'text/html' || ext === 'html' || ext === 'htm') return htmlTilTekst(new TextDecoder().decode(bytes));
  if (type.startsWith('text/') || ext === 'txt') return new TextDecoder().decode(bytes);
  return null;
}

const ZIP_FORMATER = new Set([
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
]);

/** The parts of a package that hold the text a reader sees (body, cells, slides; not styles). */
const TEKSTDEL = /^(word\/(document|footnotes|endnotes|header\d*|footer\d*)\.xml|xl\/sharedStrings\.xml|xl\/worksheets\/sheet\d+\.xml|ppt\/slides\/slide\d+\.xml|content\.xml)$/;

function kontorTekst(bytes: Uint8Array): string {
  const files = unzipSync(bytes, { filter: (f) => TEKSTDEL.test(f.name) });
  return Object.keys(files)
    .sort()
    .map((name) => xmlTilTekst(strFromU8(files[name]!)))
    .join('\n');
}

/** Paragraph and cell ends become line breaks, tags go, entities are decoded. */
function xmlTilTekst(xml: string): string {
  return dekodEntiteter(
    xml
      .replace(/<\/(w:p|a:p|text:p|text:h|row|si|c)>/g, '\n')
      .replace(/<(w:tab|w:br|text:tab|text:line-break|text:s)\b[^>]*\/>/g, ' ')
      .replace(/<[^>]+>/g, ''),
  );
}

function htmlTilTekst(html: string): string {
  return dekodEntiteter(
    html
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<\/(p|div|li|tr|h\d)>|<br\s*\/?>/gi, '\n')
      .replace(/<[^>]+>/g, ' '),
  );
}

function dekodEntiteter(s: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', aring: 'å', Aring: 'Å', oslash: 'ø', Oslash: 'Ø', aelig: 'æ', AElig: 'Æ' };
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : ' ';
    }
    return named[e] ?? m;
  });
}

async function epostTekst(bytes: Uint8Array): Promise<string> {
  const mail = await simpleParser(Buffer.from(bytes), { skipImageLinks: true, skipTextToHtml: true });
  const adresser = [mail.from, ...[mail.to, mail.cc].flat()].flatMap((a) => (a && 'value' in a ? a.value : [])).map((v) => `${v.name ?? ''} ${v.address ?? ''}`);
  const body = mail.text ?? (typeof mail.html === 'string' ? htmlTilTekst(mail.html) : '');
  return [mail.subject ?? '', ...adresser, body].join('\n');
}

/**
 * pdfjs runs in a worker thread: parsing a large PDF must not hold up the requests the service
 * answers meanwhile. The legacy build is the one pdfjs ships for Node (ESM only), imported in
 * the worker by its resolved path.
 */
const PDF_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const pdfjs = await import(workerData.pdfjs);
  const doc = await pdfjs.getDocument({ data: workerData.bytes, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\\n' : '') : '')).join(''));
    page.cleanup();
  }
  await doc.destroy();
  parentPort.postMessage(pages.join('\\n'));
})().catch((err) => { throw err; });
`;

function pdfTekst(bytes: Uint8Array): Promise<string> {
  const pdfjs = pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href;
  return new Promise((resolve, reject) => {
    const worker = new Worker(PDF_WORKER, { eval: true, workerData: { pdfjs, bytes: new Uint8Array(bytes) } });
    worker.once('message', (text: string) => resolve(text));
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`pdf text worker exited with ${code}`))));
  });
}
