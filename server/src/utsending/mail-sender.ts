import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import nodemailer from 'nodemailer';
import type { MailConfig } from '../config';

export interface OutgoingMail {
  readonly messageId: string;
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly attachments: readonly { readonly filename: string; readonly contentType: string; readonly content: Readable }[];
}

export interface SendResult {
  readonly response: string;
}

/** Delivers one message; throws on failure. `permanent` on the error means: do not retry. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): void;
}

export class SendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

function toNodemailer(mail: OutgoingMail) {
  return {
    messageId: `<${mail.messageId}>`,
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/**
 * SMTP through nodemailer (SMTP_URL). A 5xx answer is permanent; the rest is retried.
 * The socket timeouts are kept well inside the outbox lease (nodemailer's defaults go up to
 * 10 minutes), so a slow but living sender gives up before another worker may take the
 * message over; otherwise a lease takeover could send the same letter twice.
 */
export function smtpSender(url: string, leaseMs = 60_000): MailSender {
  const t = Math.max(1_000, Math.floor(leaseMs / 4));
  const transport = nodemailer.createTransport({ url, connectionTimeout: t, greetingTimeout: t, socketTimeout: t } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail(toNodemailer(mail));
        return { response: String(info.response ?? '') };
      } catch (err) {
        const e = err as { responseCode?: number; message: string };
        throw new SendError(e.message, typeof e.responseCode === 'number' && e.responseCode >= 500);
      }
    },
    close: () => transport.close(),
  };
}

/**
 * The embedded default: every message is written as an .eml file into the outbox folder
 * (listed at /dev/utsendt). The file name is the Message-ID, so a second write of the same
 * message replaces the first instead of adding a copy.
 */
export function folderSender(dir: string): MailSender {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    async send(mail) {
      const info = await transport.sendMail(toNodemailer(mail));
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, `${mail.messageId.replace(/[^A-Za-z0-9@._-]/g, '_')}.eml`);
      await writeFile(file, info.message as Buffer);
      return { response: `lagret i ${path.basename(file)}` };
    },
    close: () => transport.close(),
  };
}

export function createMailSender(config: MailConfig): MailSender {
  return config.smtpUrl ? smtpSender(config.smtpUrl, config.leaseMs) : folderSender(config.outboxDir);
}

/** The stable Message-ID of one recipient's copy of a journalpost: the same on every attempt. */
export function messageIdFor(journalpostId: string, mottakerKey: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'arkiv.local';
  return `jp-${journalpostId}.${mottakerKey}@${domain}`.toLowerCase();
}
