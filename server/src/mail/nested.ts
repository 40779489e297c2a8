import { simpleParser } from 'mailparser';
import type { StagedBlob } from '../blob/blob-store';
import { addressesOf } from './mime-reader';
import type { MailAddress } from './parsed-mail';

/**
 * The From of an attached message (a forward "as attachment"). Only the headers matter, so
 * attachments of the nested message are skipped by the parser's own limits.
 */
export async function nestedSender(staged: StagedBlob): Promise<MailAddress | null> {
  if (staged.size > 50_000_000) return null;
  try {
    const parsed = await simpleParser(staged.read(), { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
    return addressesOf(parsed.from)[0] ?? null;
  } catch {
    return null;
  }
}
