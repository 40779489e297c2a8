import { PDFDocument } from 'pdf-lib';
import type { BlobStore } from '../blob/blob-store';
import { renderPdf } from '../mail/body-pdf';

export interface BundlePart {
  readonly tittel: string;
  readonly sha256: string;
  readonly format: string;
  readonly filnavn: string;
}

async function readBlob(blobs: BlobStore, sha256: string): Promise<Buffer> {
  const { stream } = await blobs.open(sha256);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** One document as PDF pages: PDFs as they are, text and images rendered, other formats as a notice page. */
async function partAsPdf(blobs: BlobStore, part: BundlePart): Promise<PDFDocument> {
  const data = await readBlob(blobs, part.sha256);
  if (part.format === 'application/pdf') {
    const loaded = await PDFDocument.load(data, { ignoreEncryption: true }).catch(() => null);
    if (loaded && loaded.getPageCount() > 0) return loaded;
  }
  if (part.format.startsWith('text/plain')) return PDFDocument.load(await renderPdf(part.tittel, [{ overskrift: part.tittel, tekst: data.toString('utf8') }]));
  if (part.format === 'image/png' || part.format === 'image/jpeg') return PDFDocument.load(await renderPdf(part.tittel, [{ overskrift: part.tittel, bilder: [{ mimeType: part.format, data }] }]));
  return PDFDocument.load(
    await renderPdf(part.tittel, [{ overskrift: part.tittel, tekst: `Dokumentet «${part.filnavn}» (${part.format}) kan ikke skrives ut i denne pakken. Det finnes i arkivet.` }]),
  );
}

/**
 * A printable bundle: an optional cover/address page, then each document in order
 * (paper expedition §10.7, print §12.2). Plain PDF, not PDF/A: it merges the stored PDFs as
 * they are. The pages it renders itself come from renderPdf, with their fonts embedded.
 */
export async function buildBundle(blobs: BlobStore, opts: { tittel: string; forside?: { overskrift?: string; linjer: readonly string[] }; deler: readonly BundlePart[] }): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  out.setTitle(opts.tittel);
  out.setProducer('Arkiv (pdf-lib)');
  out.setCreationDate(new Date(0));
  const append = async (doc: PDFDocument) => {
    const pages = await out.copyPages(doc, doc.getPageIndices());
    for (const p of pages) out.addPage(p);
  };
  if (opts.forside) await append(await PDFDocument.load(await renderPdf(opts.tittel, [{ ...(opts.forside.overskrift ? { overskrift: opts.forside.overskrift } : {}), tekst: opts.forside.linjer.join('\n') }])));
  for (const part of opts.deler) await append(await partAsPdf(blobs, part));
  return out.save();
}
