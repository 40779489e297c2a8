import type { Readable } from 'node:stream';
import { type AddressObject, MailParser } from 'mailparser';
import type { BlobStore, StagedBlob } from '../blob/blob-store';
import { AppError } from '../errors/app-error';
import { htmlToText } from './html-text';
import { type MailAddress, type MailAttachment, type ParsedMail, discardAll } from './parsed-mail';
import { readRawHeadersAsClientsDo, withoutBom } from './raw-header';

const unreadable = (detail: string) => new AppError('mail_unreadable', detail);

const isMailAddress = (a: string) => a.includes('@') && !a.trim().startsWith('/');

export function addressesOf(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const out: MailAddress[] = [];
  for (const obj of [value ?? []].flat()) {
    const walk = (list: typeof obj.value) => {
      for (const a of list) {
        if (a.group) walk(a.group);
        else if (a.address && isMailAddress(a.address)) out.push({ navn: a.name?.trim() || null, epost: a.address.trim().toLowerCase() });
        // An Exchange-internal (X.500) address, "/O=…/CN=…", is no e-mail address: the name stays, the address is left for the user.
        else if (a.name?.trim()) out.push({ navn: a.name.trim(), epost: '' });
      }
    };
    walk(obj.value);
  }
  return out;
}

/** An attached message: RFC 822, internationalised (RFC 6532) or a news article (RFC 5536). */
export const MESSAGE_TYPES = ['message/rfc822', 'message/global', 'message/news'];

/**
 * Reads a MIME message (.eml) as a stream: attachments go straight from the parser into the
 * blob store's staging area, so a large attachment is never held in memory. Attached
 * messages (message/rfc822) are kept whole as their own attachment (`ignoreEmbedded`),
 * instead of being flattened into the body.
 */
export async function readMime(source: Readable, blobs: BlobStore, maxBytes: number): Promise<ParsedMail> {
  const parser = new MailParser({ ignoreEmbedded: true, skipImageLinks: true, skipTextLinks: true } as ConstructorParameters<typeof MailParser>[0]);
  readRawHeadersAsClientsDo(parser);
  const vedlegg: MailAttachment[] = [];
  const pending: Promise<void>[] = [];
  const advarsler: string[] = [];
  let headers: Map<string, unknown> = new Map();
  let tekst = '';
  let html: string | null = null;
  let topType = '';
  const raw: { date: string | null } = { date: null };

  parser.on('headers', (h: Map<string, unknown>) => {
    headers = h;
    const ct = h.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
    topType = `${ct?.value ?? ''};${ct?.params?.['smime-type'] ?? ''}`.toLowerCase();
  });
  parser.on('headerLines', (lines: { key: string; line: string }[]) => {
    const date = lines.find((l) => l.key === 'date');
    if (date) raw.date = date.line.slice(date.line.indexOf(':') + 1).replace(/\s+/g, ' ').trim();
  });
  parser.on('data', (data: any) => {
    if (data.type === 'text') {
      tekst = data.text ?? '';
      html = typeof data.html === 'string' && data.html.trim() !== '' ? data.html : null;
      return;
    }
    // Apple Watch's short version of the body (an alternative to text and HTML), not a file.
    if (data.contentType === 'text/watch-html' && !data.filename) {
      data.content.resume();
      data.release?.();
      return;
    }
    // An attachment: stream it into staging, release the parser when done.
    const filnavn = cleanAttachmentName(data.filename, data.contentType);
    // An Outlook message attached to a MIME message: a nested message like message/rfc822.
    const outlook = data.contentType === 'application/vnd.ms-outlook' || (/\.msg$/i.test(filnavn) && /^application\/octet-stream$/i.test(data.contentType ?? ''));
    const work = blobs
      .stage(data.content as Readable, { maxBytes })
      .then((staged: StagedBlob) => {
        vedlegg.push({
          filnavn,
          mimeType: outlook ? 'application/vnd.ms-outlook' : data.contentType || 'application/octet-stream',
          staged,
          inline: Boolean(data.related || (data.contentDisposition === 'inline' && data.cid)),
          melding: MESSAGE_TYPES.includes(data.contentType) || outlook,
        });
      })
      .finally(() => data.release?.());
    pending.push(work);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      parser.on('end', resolve);
      parser.on('error', reject);
      source.on('error', reject);
      withoutBom(source).pipe(parser);
    });
    await Promise.all(pending);
  } catch (err) {
    await Promise.allSettled(pending);
    await discardAll({ vedlegg });
    if (err instanceof AppError) throw err;
    throw unreadable(`Meldingen kan ikke tolkes som MIME: ${(err as Error).message}`);
  }

  const result = {
    kilde: 'eml' as const,
    messageId: normaliseMessageId(headers.get('message-id') as string | undefined),
    emne: String(headers.get('subject') ?? '').trim(),
    // mailparser puts the time of parsing in place of a Date it cannot read; that date is unknown.
    dato: raw.date !== null && !Number.isNaN(new Date(raw.date).getTime()) && headers.get('date') instanceof Date ? (headers.get('date') as Date) : null,
    fra: addressesOf(headers.get('from') as AddressObject | undefined),
    til: addressesOf(headers.get('to') as AddressObject | undefined),
    kopi: addressesOf(headers.get('cc') as AddressObject | undefined),
    // An HTML mail whose text part is empty (or whitespace): the text is the HTML's.
    tekst: tekst.trim() === '' && html ? htmlToText(html) : tekst,
    html,
    vedlegg,
    advarsler,
  };
  try {
    classify(result, topType);
  } catch (err) {
    await discardAll(result);
    throw err;
  }
  return result;
}

/** Recognises the special kinds of mail the manual's users meet, and refuses what cannot be archived. */
function classify(mail: { vedlegg: MailAttachment[]; advarsler: string[]; fra: readonly MailAddress[] }, topType: string) {
  if (topType.startsWith('application/pkcs7-mime') || topType.startsWith('application/x-pkcs7-mime')) {
    if (!topType.includes('signed-data')) {
      throw unreadable('Meldingen er kryptert (S/MIME). Dekrypter den i Outlook og importer den på nytt.');
    }
  }
  if (mail.fra.length === 0) throw unreadable('Meldingen mangler avsender (From) og er trolig ikke en e-post');
  for (let i = mail.vedlegg.length - 1; i >= 0; i--) {
    const v = mail.vedlegg[i]!;
    if (/^application\/(x-)?pkcs7-signature$/.test(v.mimeType) || /^smime\.p7s$/i.test(v.filnavn)) {
      mail.advarsler.push('Meldingen er signert (S/MIME). Signaturen er ikke kontrollert; originalen med signatur er bevart.');
      mail.vedlegg.splice(i, 1);
      void v.staged.discard();
    } else if (v.mimeType === 'text/calendar') {
      mail.advarsler.push('Meldingen er en kalenderinvitasjon; invitasjonen er lagret som vedlegg.');
    }
  }
}

export function normaliseMessageId(raw: string | undefined | null): string | null {
  const id = (raw ?? '').trim().replace(/^<|>$/g, '').trim();
  return id === '' ? null : id.toLowerCase();
}

const EXT: Record<string, string> = { 'message/rfc822': 'eml', 'message/global': 'eml', 'message/news': 'eml', 'application/vnd.ms-outlook': 'msg', 'text/calendar': 'ics', 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

/** A file name safe to show and store: no path, no control characters. */
export function cleanAttachmentName(name: string | undefined, mimeType: string): string {
  const base = (name ?? '').split(/[\\/]/).pop()?.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (base) return base.slice(0, 250);
  return `vedlegg.${EXT[mimeType] ?? 'bin'}`;
}
