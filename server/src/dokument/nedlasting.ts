import type { FastifyReply } from 'fastify';
import type { BlobStore } from '../blob/blob-store';
import { DOCUMENT_CSP, downloadType } from '../plugins/security-headers.plugin';

/**
 * One document version as a download: its bytes, never cached, and a stored HTML or SVG file
 * served as bytes in a sandbox, never as a page of this site. The caller has checked access.
 */
export async function sendVersjon(reply: FastifyReply, blobs: BlobStore, versjon: { sjekksum: string; format: string; filnavn: string }) {
  const { stream, size } = await blobs.open(versjon.sjekksum);
  return reply
    .header('content-type', downloadType(versjon.format))
    .header('content-security-policy', DOCUMENT_CSP)
    .header('content-length', size)
    .header('etag', `"${versjon.sjekksum}"`)
    .header('cache-control', 'private, no-store')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(versjon.filnavn)}`)
    .send(stream);
}
