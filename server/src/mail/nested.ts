import type { BlobStore, StagedBlob } from '../blob/blob-store';
import { archivePdf } from './archive-pdf';
import { readMime } from './mime-reader';
import { readMsg } from './msg-reader';
import { type MailAddress, type MailAttachment, type ParsedMail, discardAll, withoutNul } from './parsed-mail';

export const OUTLOOK_MSG = 'application/vnd.ms-outlook';

export interface NestedMessage {
  /** Its From: for the first one, the original sender of a forward "as attachment". */
  readonly fra: MailAddress | null;
  /** Its archive variant (PDF/A), staged. */
  readonly pdf: StagedBlob | null;
}

/**
 * An attached message (message/rfc822, or an Outlook .msg in a .msg or an .eml), read once with
 * the same readers as a top-level message. One that cannot be read inside (no sender, broken
 * MIME or CFB) gives neither: its original stays the document and the import goes on.
 */
export async function readNested(v: Pick<MailAttachment, 'staged' | 'mimeType'>, blobs: BlobStore, maxBytes: number): Promise<NestedMessage> {
  let nested: ParsedMail | null = null;
  try {
    if (v.mimeType === OUTLOOK_MSG) {
      if (!v.staged.localPath) return { fra: null, pdf: null };
      nested = await readMsg(v.staged.localPath, blobs, maxBytes);
    } else nested = await readMime(v.staged.read(), blobs, maxBytes);
    return { fra: withoutNul(nested).fra[0] ?? null, pdf: await archivePdf(nested, blobs) };
  } catch {
    return { fra: null, pdf: null };
  } finally {
    if (nested) await discardAll(nested);
  }
}
