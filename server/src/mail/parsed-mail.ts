import type { StagedBlob } from '../blob/blob-store';

export interface MailAddress {
  readonly navn: string | null;
  /** Empty when the message gives none (an Exchange-internal sender): the user fills it in. */
  readonly epost: string;
}

export interface MailAttachment {
  readonly filnavn: string;
  readonly mimeType: string;
  readonly staged: StagedBlob;
  /** Referenced from the HTML body (cid:) or marked inline: kept with the body, not a vedlegg. */
  readonly inline: boolean;
  /** An attached message (message/rfc822 or an embedded .msg): its own document. */
  readonly melding: boolean;
}

/** What the import needs from a message, whatever format it came in. */
export interface ParsedMail {
  readonly kilde: 'eml' | 'msg';
  readonly messageId: string | null;
  readonly emne: string;
  readonly dato: Date | null;
  readonly fra: readonly MailAddress[];
  readonly til: readonly MailAddress[];
  readonly kopi: readonly MailAddress[];
  readonly tekst: string;
  readonly html: string | null;
  readonly vedlegg: readonly MailAttachment[];
  /** Things the user should know about the message (signature not checked, calendar, winmail.dat unpacked or not). */
  readonly advarsler: readonly string[];
}

export const discardAll = async (mail: Pick<ParsedMail, 'vedlegg'>) => {
  await Promise.all(mail.vedlegg.map((v) => v.staged.discard()));
};

/** The whole of a staged blob in memory; callers bound its size. */
export async function readStaged(staged: StagedBlob): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of staged.read()) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const noNul = (s: string) => s.replace(/\u0000/g, '');
const addressWithoutNul = (a: MailAddress): MailAddress => ({ navn: a.navn === null ? null : noNul(a.navn), epost: noNul(a.epost) });

/**
 * The message's text without NUL characters, which PostgreSQL cannot store in text: whatever
 * is taken out of a message (subject, names, addresses, file names, body) passes here before
 * it is stored.
 */
export function withoutNul<T extends ParsedMail>(mail: T): T {
  return {
    ...mail,
    messageId: mail.messageId === null ? null : noNul(mail.messageId),
    emne: noNul(mail.emne),
    fra: mail.fra.map(addressWithoutNul),
    til: mail.til.map(addressWithoutNul),
    kopi: mail.kopi.map(addressWithoutNul),
    tekst: noNul(mail.tekst),
    html: mail.html === null ? null : noNul(mail.html),
    vedlegg: mail.vedlegg.map((v) => ({ ...v, filnavn: noNul(v.filnavn) })),
    advarsler: mail.advarsler.map(noNul),
  };
}
