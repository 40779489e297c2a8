import { Readable } from 'node:stream';
import { detectMimeType } from 'nodemailer/lib/mime-funcs/mime-types';
import type { BlobStore, StagedBlob } from '../blob/blob-store';
import { htmlToText } from './html-text';
import { cleanAttachmentName } from './mime-reader';
import { type MailAttachment, type ParsedMail, readStaged } from './parsed-mail';
import { decompressRtf, rtfBody } from './rtf-text';
import { outlookItemKind } from './outlook-item';
import { type Tnef, type TnefAttachment, TnefError, readTnef } from './tnef';

export const isTnef = (v: Pick<MailAttachment, 'mimeType' | 'filnavn'>) => /^application\/(vnd\.)?ms-tnef$/i.test(v.mimeType) || /^winmail\.dat$/i.test(v.filnavn);

/** Compressed RTF above this is left alone (decompression works on a JS array). */
const MAX_RTF = 5_000_000;

/**
 * Unpacks each winmail.dat (Outlook TNEF) of a message: the files inside take its place as
 * vedlegg under their real names, and when the MIME body is empty the TNEF body (text, HTML
 * or RTF) becomes the text of the hoveddokument. The original message, winmail.dat and all,
 * stays the hoveddokument's production format.
 *
 * A winmail.dat that cannot be read does not stop the import: it stays an opaque vedlegg and
 * the result carries an advarsel. So does one holding something that is not a file (an
 * embedded message or OLE object), next to the files that could be taken out.
 */
export async function unpackWinmail(mail: ParsedMail, blobs: BlobStore, maxBytes: number): Promise<ParsedMail> {
  if (!mail.vedlegg.some(isTnef)) return mail;
  const vedlegg: MailAttachment[] = [];
  const advarsler = [...mail.advarsler];
  let { tekst, html } = mail;
  const added: StagedBlob[] = [];
  const unpacked: StagedBlob[] = [];
  try {
    for (const v of mail.vedlegg) {
      if (!isTnef(v)) {
        vedlegg.push(v);
        continue;
      }
      let tnef: Tnef;
      try {
        tnef = readTnef(await readStaged(v.staged));
      } catch (err) {
        if (!(err instanceof TnefError)) throw err;
        advarsler.push(`${v.filnavn} (Outlook TNEF) kan ikke pakkes ut: ${err.message}. Filen er lagret som vedlegg, og originalen er bevart.`);
        vedlegg.push(v);
        continue;
      }
      const files = tnef.attachments.filter((a) => a.data !== null);
      for (const a of files) {
        const filnavn = cleanAttachmentName(a.filnavn ?? undefined, a.mimeType ?? '');
        const staged = await blobs.stage(Readable.from([a.data!]), { maxBytes });
        added.push(staged);
        vedlegg.push({ filnavn, mimeType: a.mimeType?.toLowerCase() || detectMimeType(filnavn), staged, inline: false, melding: false });
      }
      const andre = tnef.attachments.filter((a) => a.data === null);
      if (andre.length > 0) {
        advarsler.push(
          `${v.filnavn} (Outlook TNEF) er pakket ut til ${files.length} vedlegg, men inneholder også ${andre.map(describe).join(', ')}, ` +
            'som ikke kan pakkes ut. Filen er lagret som vedlegg, og originalen er bevart.',
        );
        vedlegg.push(v);
      } else {
        advarsler.push(`${v.filnavn} (Outlook TNEF) er pakket ut til ${files.length} vedlegg; originalen er bevart.`);
        unpacked.push(v.staged);
      }
      if (tekst.trim() === '' && !html) ({ tekst, html } = bodyOf(tnef, advarsler));
    }
  } catch (err) {
    await Promise.all(added.map((s) => s.discard()));
    throw err;
  }
  await Promise.all(unpacked.map((s) => s.discard()));
  return { ...mail, tekst, html, vedlegg, advarsler };
}

/** "en oppgave (IPM.Task) «Bestill stillas»", "et innebygd objekt (OLE)". */
function describe(a: TnefAttachment): string {
  if (!a.melding) return `et innebygd objekt${a.filnavn ? ` «${a.filnavn}»` : ''} (OLE)`;
  const { meldingsklasse, emne } = a.melding;
  return `${outlookItemKind(meldingsklasse) ?? 'en innebygd melding'}${meldingsklasse ? ` (${meldingsklasse})` : ''}${emne ? ` «${emne}»` : ''}`;
}

function bodyOf(tnef: Tnef, advarsler: string[]): { tekst: string; html: string | null } {
  if (tnef.body?.trim()) return { tekst: tnef.body, html: null };
  if (tnef.html?.trim()) return { tekst: htmlToText(tnef.html), html: tnef.html };
  if (tnef.rtfCompressed && tnef.rtfCompressed.length <= MAX_RTF) {
    try {
      const rtf = rtfBody(decompressRtf(tnef.rtfCompressed), tnef.codepage);
      if (rtf.html) return { tekst: htmlToText(rtf.html), html: rtf.html };
      return { tekst: rtf.tekst, html: null };
    } catch {
      advarsler.push('Meldingsteksten i winmail.dat (RTF) kan ikke leses; originalen er bevart.');
    }
  }
  return { tekst: '', html: null };
}
