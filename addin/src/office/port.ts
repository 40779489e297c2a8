/**
 * The one port between the task pane and Outlook. Components receive a MailboxPort and never
 * touch `Office` themselves, so they run against the fake mailbox in the preview and in tests.
 */

export interface MailAddress {
  readonly name: string;
  readonly email: string;
}

export interface AttachmentInfo {
  readonly id: string;
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  readonly isInline: boolean;
}

/** Received (Inbox → I) or sent (Sent Items → U), DOMAIN.md §10.3. */
export type Direction = 'received' | 'sent';

export interface MailItem {
  readonly itemId: string;
  readonly internetMessageId: string | null;
  readonly subject: string;
  readonly from: MailAddress | null;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly dateTimeCreated: string;
  readonly attachments: readonly AttachmentInfo[];
  readonly direction: Direction;
  /** For a forwarded mail: the sender of the original message (§10.3), when it can be read from the body. */
  readonly originalSender: MailAddress | null;
}

export interface FileContent {
  readonly name: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

/** One selected mail: loaded, or failed after its retries (the others still import). */
export type LoadedMail =
  | { readonly ok: true; readonly item: MailItem; readonly mime: FileContent; readonly attachments: readonly FileContent[] }
  | { readonly ok: false; readonly itemId: string; readonly subject: string; readonly error: string };

export interface Progress {
  readonly done: number;
  readonly total: number;
}

export interface NewMessage {
  readonly to: readonly string[];
  readonly subject: string;
  readonly htmlBody: string;
  readonly attachments?: readonly { readonly name: string; readonly url: string }[];
}

export interface MailboxPort {
  /** 'outlook' inside Office; 'preview' for the fake mailbox. */
  readonly kind: 'outlook' | 'preview';
  readonly user: MailAddress;
  /** The open (read-mode) mail, or null when none (e.g. several selected, or compose mode). */
  currentItem(): Promise<MailItem | null>;
  /** The whole open mail and its attachments, ready to archive. */
  loadCurrent(): Promise<LoadedMail | null>;
  /** How many mails are selected (multi-select, Mailbox 1.13). */
  selectedCount(): Promise<number>;
  /** Load up to 100 selected mails, reporting progress; each mail is retried on its own. */
  loadSelected(onProgress?: (p: Progress) => void): Promise<readonly LoadedMail[]>;
  /** Read .eml/.msg files dropped on the pane. */
  readDroppedFiles(files: readonly File[]): Promise<readonly LoadedMail[]>;
  /** Open a new message form (answer a mail, send documents informally). */
  newMessage(message: NewMessage): Promise<void>;
  /** Compose mode: attach a file (an archive document) to the message being written. */
  attachToCompose(file: FileContent): Promise<void>;
  /** Called when the user selects another mail (ItemChanged / SelectedItemsChanged). */
  onItemChanged(listener: () => void): () => void;
}

export const MAX_SELECTED = 100;

const FORWARD_SUBJECT = /^\s*(fw|fwd|vs|videresend)\s*:/i;
const FORWARD_FROM = /^\s*(?:from|fra)\s*:\s*(?:"?([^"<\n]*?)"?\s*)?<?([^\s<>@]+@[^\s<>]+?)>?\s*$/im;

/** The original sender of a forwarded mail, from the quoted header in its body (§10.3). */
export function originalSenderOf(subject: string, bodyText: string): MailAddress | null {
  if (!FORWARD_SUBJECT.test(subject)) return null;
  const m = FORWARD_FROM.exec(bodyText);
  if (!m || !m[2]) return null;
  const email = m[2].trim();
  return { name: (m[1] ?? '').trim() || email, email };
}

/** Sent when the sender is the user (or the mail sits in Sent Items); otherwise received. */
export function directionOf(from: MailAddress | null, user: MailAddress, inSentItems = false): Direction {
  if (inSentItems) return 'sent';
  return from && from.email.toLowerCase() === user.email.toLowerCase() ? 'sent' : 'received';
}

/** A dropped file's name without path and extension, for a title. */
export function baseName(name: string): string {
  return name.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]{1,5}$/, '');
}

export function isMailFile(name: string): boolean {
  return /\.(eml|msg)$/i.test(name);
}
