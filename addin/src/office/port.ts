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
  /** Outlook categories on the mail ("Arkivert" once imported), when the client tells. */
  readonly categories?: readonly string[];
  /** The conversation (thread) the mail belongs to, when the client tells. */
  readonly conversationId?: string | null;
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

/**
 * Svar med e-post (§10.2): the form Outlook opens for the answer, addressed to the sender with
 * the sak's reference. When the answered mail is the one open in Outlook, it is Outlook's own
 * reply (same thread); otherwise a new message.
 */
export interface ReplyForm {
  /** Message-ID of the mail being answered, when it came by e-mail. */
  readonly inReplyTo: string | null;
  readonly to: readonly string[];
  /** Used for a new message; a reply keeps Outlook's own "SV: …" subject. */
  readonly subject: string;
  readonly htmlBody: string;
  /** The reference the sent answer is found again by (subject, body, header x-arkiv-ref). */
  readonly reference: string;
}

/** Which form Outlook opened: a reply in the mail's thread, or a new message. */
export type OpenedReply = { readonly kind: 'svar'; readonly conversationId: string | null } | { readonly kind: 'ny' };

/** What identifies a sent answer in Sent Items. */
export interface SentQuery {
  readonly reference: string;
  /** ISO time the form was opened: only mails sent after it count. */
  readonly since: string;
  /** For Outlook's own reply: the thread it went into. */
  readonly conversationId?: string | null;
}

/** The category the pane gives a mail once it is archived. */
export const ARKIVERT_KATEGORI = 'Arkivert';

/** Whether a sent mail is the answer the query describes: by header, subject or thread. */
export function matchesSent(q: SentQuery, m: { subject: string; sentAt: string; header?: string | null; conversationId?: string | null; body?: string }): boolean {
  if (Date.parse(m.sentAt) < Date.parse(q.since) - 60_000) return false;
  if (m.header && m.header.trim() === q.reference) return true;
  if (m.subject.includes(q.reference) || (m.body ?? '').includes(q.reference)) return true;
  return !!q.conversationId && m.conversationId === q.conversationId;
}

/** Office's theme as the pane follows it: Fluent's light, dark or high-contrast theme. */
export type PaneTheme = 'light' | 'dark' | 'highContrast';

/** Office.context.officeTheme: the colours of the Office theme the user chose (hex, "#rrggbb"). */
export interface OfficeThemeColors {
  readonly bodyBackgroundColor?: string;
  readonly bodyForegroundColor?: string;
  readonly controlBackgroundColor?: string;
  readonly controlForegroundColor?: string;
  /** Newer hosts say it outright. */
  readonly isDarkTheme?: boolean;
}

function luminance(hex: string | undefined): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex?.trim() ?? '');
  if (!m) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => {
    const c = parseInt(x!, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Which Fluent theme follows Office: high contrast when the system forces its colours (Windows
 * contrast themes reach the pane as forced colours), dark for a dark Office theme (Black, Dark
 * Gray: by `isDarkTheme` or a dark body background), light otherwise and when Office does not say.
 */
export function paneThemeOf(colors: OfficeThemeColors | null | undefined, forcedColors = false): PaneTheme {
  if (forcedColors) return 'highContrast';
  if (!colors) return 'light';
  if (typeof colors.isDarkTheme === 'boolean') return colors.isDarkTheme ? 'dark' : 'light';
  const bg = luminance(colors.bodyBackgroundColor);
  return bg !== null && bg < 0.18 ? 'dark' : 'light';
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
  /** Svar med e-post: open Outlook's reply (or a new message) for the answer. */
  openReply(form: ReplyForm): Promise<OpenedReply>;
  /** Sent answers matching the query (Sent Items), loaded to archive; none when the mailbox cannot be searched. */
  findSent(query: SentQuery): Promise<readonly LoadedMail[]>;
  /** Give a mail an Outlook category (after import: "Arkivert"), creating the category when missing. */
  addCategory(itemId: string, category: string): Promise<void>;
  /** Office's theme now (Office.context.officeTheme), for the pane's colours. */
  theme(): PaneTheme;
  /** Called when the Office theme (or the system's contrast setting) changes. */
  onThemeChanged(listener: () => void): () => void;
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
