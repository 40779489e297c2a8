import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import MsgReader from '@kenjiuno/msgreader';
import type { BlobStore } from '../blob/blob-store';
import { AppError } from '../errors/app-error';
import { htmlToText } from './html-text';
import { refuseIfNotMail } from './outlook-item';
import { cleanAttachmentName, normaliseMessageId } from './mime-reader';
import { type MailAddress, type MailAttachment, type ParsedMail, discardAll } from './parsed-mail';

/** An Outlook .msg file starts with the Compound File Binary signature. */
export const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const address = (navn: string | undefined, epost: string | undefined): MailAddress | null => {
  const e = (epost ?? '').trim();
  // Exchange-internal (X.500) addresses are not e-mail addresses.
  if (!e.includes('@') || e.startsWith('/')) return null;
  return { navn: navn?.trim() || null, epost: e.toLowerCase() };
};

type MsgData = ReturnType<MsgReader['getFileData']>;

function open(buf: Buffer): { reader: MsgReader; data: MsgData } {
  let data: MsgData;
  let reader: MsgReader;
  try {
    reader = new MsgReader(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
    data = reader.getFileData();
  } catch (err) {
    throw new AppError('mail_unreadable', `Outlook-filen (.msg) kan ikke leses: ${(err as Error).message}`);
  }
  if (data.error) throw new AppError('mail_unreadable', `Outlook-filen (.msg) kan ikke leses: ${data.error}`);
  return { reader, data };
}

/**
 * The sender: its SMTP address, else (an Exchange-internal sender with only an X.500 address)
 * its display name with an empty address for the user to fill in.
 */
function senderOf(data: MsgData): MailAddress | null {
  const smtp = [data.senderSmtpAddress, data.sentRepresentingSmtpAddress, data.senderEmail].find((e) => e && e.includes('@') && !e.trim().startsWith('/'));
  const a = address(data.senderName, smtp);
  if (a) return a;
  const navn = data.senderName?.trim();
  return navn ? { navn, epost: '' } : null;
}

/**
 * Reads an Outlook .msg (CFB). The reader needs the whole file in memory once (the format is
 * a file system with sectors scattered through the file); the size limit of the upload bounds it.
 */
export async function readMsg(file: string, blobs: BlobStore, maxBytes: number): Promise<ParsedMail> {
  const buf = await readFile(file);
  const { reader, data } = open(buf);
  refuseIfNotMail(data.messageClass);
  const fra = [senderOf(data)].filter((a): a is MailAddress => a !== null);
  const recips = (data.recipients ?? []).map((r) => ({ type: r.recipType, a: address(r.name, r.smtpAddress ?? r.email) }));
  const vedlegg: MailAttachment[] = [];
  try {
    for (const att of data.attachments ?? []) {
      const content = reader.getAttachment(att);
      const staged = await blobs.stage(Readable.from([Buffer.from(content.content)]), { maxBytes });
      // An attached Outlook message: msgreader writes it out as a .msg of its own, named after the attachment.
      const melding = att.innerMsgContent === true;
      const navn = melding ? `${(att.name || att.innerMsgContentFields?.subject || 'melding').trim()}.msg` : content.fileName || att.fileName;
      vedlegg.push({
        filnavn: cleanAttachmentName(navn, melding ? 'application/vnd.ms-outlook' : (att.attachMimeTag ?? '')),
        mimeType: melding ? 'application/vnd.ms-outlook' : att.attachMimeTag || 'application/octet-stream',
        staged,
        inline: Boolean(att.pidContentId && att.attachmentHidden),
        melding,
      });
    }
  } catch (err) {
    await discardAll({ vedlegg });
    throw err;
  }
  if (fra.length === 0) {
    await discardAll({ vedlegg });
    throw new AppError('mail_unreadable', 'Outlook-filen mangler avsender og er trolig ikke en e-post');
  }
  const dato = data.clientSubmitTime ?? data.messageDeliveryTime;
  // Outlook often keeps only PidTagHtml (binary, in the message's code page; UTF-8 assumed here).
  const html = data.bodyHtml ?? (data.html ? Buffer.from(data.html).toString('utf8') : null);
  return {
    kilde: 'msg',
    messageId: normaliseMessageId(data.messageId),
    emne: (data.subject ?? '').trim(),
    dato: dato && !Number.isNaN(Date.parse(dato)) ? new Date(dato) : null,
    fra,
    til: recips.filter((r) => r.type !== 'cc' && r.type !== 'bcc' && r.a).map((r) => r.a!),
    kopi: recips.filter((r) => r.type === 'cc' && r.a).map((r) => r.a!),
    tekst: data.body ?? (html ? htmlToText(html) : ''),
    html,
    vedlegg,
    advarsler: [],
  };
}
