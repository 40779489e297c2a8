import { simpleParser } from 'mailparser';
import { addressesOf } from './mime-reader';
import { msgSender } from './msg-reader';
import { type MailAddress, type MailAttachment, readStaged } from './parsed-mail';

export const OUTLOOK_MSG = 'application/vnd.ms-outlook';

/**
 * The From of an attached message (a forward "as attachment"): a MIME message (message/rfc822)
 * or an Outlook message (.msg, attached to a .msg or to an .eml). Only the headers matter, so
 * attachments of the nested message are skipped by the parser's own limits; a .msg is read
 * whole, so only up to the same bound.
 */
export async function nestedSender(v: Pick<MailAttachment, 'staged' | 'mimeType'>): Promise<MailAddress | null> {
  if (v.staged.size > 50_000_000) return null;
  if (v.mimeType === OUTLOOK_MSG) return msgSender(await readStaged(v.staged));
  try {
    const parsed = await simpleParser(v.staged.read(), { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
    return addressesOf(parsed.from)[0] ?? null;
  } catch {
    return null;
  }
}
