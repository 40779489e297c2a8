import { Readable } from 'node:stream';
import type { BlobStore, StagedBlob } from '../blob/blob-store';
import { renderPdf } from './body-pdf';
import { norskTidspunkt } from '../tid';
import { gifAsPng } from './pdf-image';
import { type MailAddress, type ParsedMail, readStaged } from './parsed-mail';

const fmt = (a: MailAddress) => (a.navn && a.epost ? `${a.navn} <${a.epost}>` : a.navn || a.epost);

/** The archive variant (PDF/A) of a message: header block, text, inline PNG/JPEG/GIF images (a GIF as PNG). */
export async function archivePdf(mail: ParsedMail, blobs: BlobStore): Promise<StagedBlob> {
  const inline = mail.vedlegg.filter((v) => v.inline && /^image\/(png|jpeg|gif)$/.test(v.mimeType));
  const bilder = [];
  for (const v of inline.slice(0, 20)) {
    if (v.staged.size > 5_000_000) continue;
    const data = await readStaged(v.staged);
    if (v.mimeType !== 'image/gif') bilder.push({ mimeType: v.mimeType, data });
    else {
      const png = gifAsPng(data);
      if (png) bilder.push({ mimeType: 'image/png', data: png });
    }
  }
  const felter: [string, string][] = [
    ['Fra', mail.fra.map(fmt).join(', ')],
    ['Til', mail.til.map(fmt).join(', ')],
    ...(mail.kopi.length ? [['Kopi', mail.kopi.map(fmt).join(', ')] as [string, string]] : []),
    ['Dato', mail.dato ? norskTidspunkt(mail.dato) : '(ukjent)'],
    ['Emne', mail.emne || '(uten emne)'],
    ...(mail.vedlegg.some((v) => !v.inline) ? [['Vedlegg', mail.vedlegg.filter((v) => !v.inline).map((v) => v.filnavn).join(', ')] as [string, string]] : []),
  ];
  const forfatter = mail.fra[0] ? fmt(mail.fra[0]) : '';
  const bytes = await renderPdf(mail.emne || 'E-post', [{ felter, tekst: mail.tekst, bilder }], { forfatter, ...(mail.dato ? { dato: mail.dato } : {}) });
  return blobs.stage(Readable.from([Buffer.from(bytes)]));
}
