import {
  type AttachmentInfo,
  baseName,
  directionOf,
  type FileContent,
  type LoadedMail,
  type MailAddress,
  type MailboxPort,
  type MailItem,
  MAX_SELECTED,
  type OfficeThemeColors,
  paneThemeOf,
  type NewMessage,
  type OpenedReply,
  originalSenderOf,
  type Progress,
  type ReplyForm,
  type SentQuery,
} from './port';
import { readMailFiles } from './mail-files';
import type { SentItemsLookup, SentMailSearch } from './sent-items';

/**
 * The real port over Office.js (Mailbox requirement sets 1.8–1.15). It receives the `Office`
 * object instead of reading a global, so the tests drive it with a scripted Office whose
 * callbacks succeed, fail (5001 …) or never come.
 */

// The parts of Office.js this port uses, structurally (the real `Office` satisfies them).
export interface AsyncResultLike<T> {
  readonly status: string; // Office.AsyncResultStatus: 'succeeded' | 'failed'
  readonly value: T;
  readonly error?: { readonly code: number; readonly name?: string; readonly message: string } | null;
}
type Callback<T> = (result: AsyncResultLike<T>) => void;

export interface EmailAddressLike {
  readonly displayName: string;
  readonly emailAddress: string;
}
export interface ReadItemLike {
  readonly itemId?: string;
  readonly internetMessageId?: string;
  readonly subject?: string;
  readonly from?: EmailAddressLike | null;
  readonly to?: readonly EmailAddressLike[];
  readonly cc?: readonly EmailAddressLike[];
  readonly dateTimeCreated?: Date;
  readonly attachments?: readonly { id: string; name: string; contentType: string; size: number; isInline: boolean }[];
  readonly body?: { getAsync(coercion: string, cb: Callback<string>): void };
  getAsFileAsync?(cb: Callback<string>): void;
  addFileAttachmentFromBase64Async?(base64: string, name: string, options: unknown, cb: Callback<string>): void;
  getAttachmentContentAsync?(id: string, cb: Callback<{ format: string; content: string }>): void;
  unloadAsync?(cb: Callback<void>): void;
  readonly conversationId?: string;
  /** Read mode: Outlook's own reply form (Mailbox 1.9 async, 1.1 sync). */
  displayReplyFormAsync?(data: { htmlBody: string }, cb?: Callback<void>): void;
  displayReplyForm?(data: { htmlBody: string }): void;
  /** Mailbox 1.8. */
  readonly categories?: { addAsync(categories: string[], cb: Callback<void>): void; getAsync?(cb: Callback<readonly { displayName: string }[]>): void };
}
export interface SelectedItemLike {
  readonly itemId: string;
  readonly subject?: string;
}
export interface OfficeLike {
  readonly context: {
    /** The Office theme's colours (absent in hosts that do not tell). */
    readonly officeTheme?: OfficeThemeColors;
    readonly mailbox: {
      readonly item: ReadItemLike | null | undefined;
      readonly userProfile: { readonly displayName: string; readonly emailAddress: string };
      getSelectedItemsAsync?(cb: Callback<readonly SelectedItemLike[]>): void;
      loadItemByIdAsync?(itemId: string, cb: Callback<ReadItemLike>): void;
      displayNewMessageFormAsync?(params: unknown, cb?: Callback<void>): void;
      displayNewMessageForm?(params: unknown): void;
      addHandlerAsync?(eventType: string, handler: () => void, cb?: Callback<void>): void;
      /** Mailbox 1.8, ReadWriteMailbox: the mailbox's category list. */
      readonly masterCategories?: { addAsync(categories: { displayName: string; color: string }[], cb: Callback<void>): void };
      removeHandlerAsync?(eventType: string, cb?: Callback<void>): void;
    };
  };
}

export interface OfficePortOptions {
  /** How long one Office.js call may take before it counts as failed. */
  readonly timeoutMs?: number;
  /** Attempts per call for transient errors (5001 internal error, timeouts). */
  readonly attempts?: number;
  /** Wait between attempts. */
  readonly retryDelayMs?: number;
  /** Whether a mail sits in Sent Items (Graph, when available); null falls back to "sender = the user". */
  readonly isInSentItems?: SentItemsLookup;
  /** Sent answers in Sent Items (Graph, when available); null or absent: none can be found. */
  readonly findSentMail?: SentMailSearch;
  /** The system's forced colours (Windows contrast themes); by default the browser's `(forced-colors: active)`. */
  readonly forcedColors?: ContrastQuery | null;
}

/** The part of a MediaQueryList the theme needs. */
export interface ContrastQuery {
  readonly matches: boolean;
  addEventListener(type: 'change', listener: () => void): void;
  removeEventListener(type: 'change', listener: () => void): void;
}

const OFFICE_THEME_CHANGED = 'officeThemeChanged';

export class OfficeCallError extends Error {
  constructor(
    message: string,
    readonly code: number | 'timeout',
  ) {
    super(message);
    this.name = 'OfficeCallError';
  }
}

/** 5001 "internal error" and 9020 "generic response error" are documented as worth retrying. */
const TRANSIENT = new Set<number | 'timeout'>([5001, 9020, 'timeout']);

export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createOfficePort(office: OfficeLike, options: OfficePortOptions = {}): MailboxPort {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const attempts = Math.max(1, options.attempts ?? 3);
  const retryDelayMs = options.retryDelayMs ?? 250;
  const mailbox = office.context.mailbox;
  const user: MailAddress = { name: mailbox.userProfile.displayName, email: mailbox.userProfile.emailAddress };
  const forcedColors = options.forcedColors === undefined ? (globalThis.matchMedia?.('(forced-colors: active)') ?? null) : options.forcedColors;

  /** One callback-style call as a promise, failing on an error result or when no callback comes in time. */
  function call<T>(what: string, start: (cb: Callback<T>) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        reject(new OfficeCallError(`${what}: Outlook svarte ikke innen ${timeoutMs} ms`, 'timeout'));
      }, timeoutMs);
      try {
        start((result) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if (result.status === 'succeeded') resolve(result.value);
          else reject(new OfficeCallError(`${what}: ${result.error?.message ?? 'ukjent feil'} (${result.error?.code ?? '?'})`, result.error?.code ?? 0));
        });
      } catch (err) {
        settled = true;
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /** Retries transient failures; anything else fails at once. */
  async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
    let last: unknown;
    for (let i = 0; i < attempts; i++) {
      try {
        return await fn();
      } catch (err) {
        last = err;
        if (!(err instanceof OfficeCallError) || !TRANSIENT.has(err.code) || i === attempts - 1) break;
        await sleep(retryDelayMs * (i + 1));
      }
    }
    throw last;
  }

  const address = (a: EmailAddressLike | null | undefined): MailAddress | null => (a ? { name: a.displayName || a.emailAddress, email: a.emailAddress } : null);

  async function bodyText(item: ReadItemLike): Promise<string> {
    if (!item.body) return '';
    try {
      return await call<string>('body.getAsync', (cb) => item.body!.getAsync('text', cb));
    } catch {
      return '';
    }
  }

  async function categoriesOf(item: ReadItemLike): Promise<readonly string[]> {
    if (!item.categories?.getAsync) return [];
    try {
      return (await call<readonly { displayName: string }[]>('categories.getAsync', (cb) => item.categories!.getAsync!(cb))).map((c) => c.displayName);
    } catch {
      return [];
    }
  }

  async function describe(item: ReadItemLike, fallbackId: string): Promise<MailItem> {
    const from = address(item.from);
    const subject = item.subject ?? '';
    const attachments: AttachmentInfo[] = (item.attachments ?? []).map((a) => ({ id: a.id, name: a.name, contentType: a.contentType, size: a.size, isInline: a.isInline }));
    const itemId = item.itemId ?? fallbackId;
    const inSentItems = itemId && options.isInSentItems ? ((await options.isInSentItems(itemId)) ?? false) : false;
    return {
      itemId,
      internetMessageId: item.internetMessageId ?? null,
      subject,
      from,
      to: (item.to ?? []).map((a) => address(a)!),
      cc: (item.cc ?? []).map((a) => address(a)!),
      dateTimeCreated: (item.dateTimeCreated ?? new Date()).toISOString(),
      attachments,
      direction: directionOf(from, user, inSentItems),
      originalSender: originalSenderOf(subject, await bodyText(item)),
      categories: await categoriesOf(item),
      conversationId: item.conversationId ?? null,
    };
  }

  async function loadFull(item: ReadItemLike, fallbackId: string): Promise<LoadedMail & { ok: true }> {
    const described = await describe(item, fallbackId);
    if (!item.getAsFileAsync) throw new OfficeCallError('Outlook støtter ikke getAsFileAsync (Mailbox 1.14)', 0);
    const mime = await call<string>('getAsFileAsync', (cb) => item.getAsFileAsync!(cb));
    const attachments: FileContent[] = [];
    for (const a of described.attachments) {
      if (a.isInline || !item.getAttachmentContentAsync) continue;
      const content = await call<{ format: string; content: string }>('getAttachmentContentAsync', (cb) => item.getAttachmentContentAsync!(a.id, cb));
      if (content.format === 'base64') attachments.push({ name: a.name, contentType: a.contentType, bytes: fromBase64(content.content) });
      else if (content.format === 'eml') attachments.push({ name: a.name.endsWith('.eml') ? a.name : `${a.name}.eml`, contentType: 'message/rfc822', bytes: new TextEncoder().encode(content.content) });
      // 'url' (cloud attachments) and 'iCalendar' are not archived as files.
    }
    return { ok: true, item: described, mime: { name: `${baseName(described.subject) || 'epost'}.eml`, contentType: 'message/rfc822', bytes: fromBase64(mime) }, attachments };
  }

  return {
    kind: 'outlook',
    user,

    async currentItem() {
      const item = mailbox.item;
      if (!item) return null;
      return describe(item, item.itemId ?? '');
    },

    async loadCurrent() {
      const item = mailbox.item;
      if (!item) return null;
      return withRetry(() => loadFull(item, item.itemId ?? ''));
    },

    async selectedCount() {
      if (!mailbox.getSelectedItemsAsync) return mailbox.item ? 1 : 0;
      const items = await withRetry(() => call<readonly SelectedItemLike[]>('getSelectedItemsAsync', (cb) => mailbox.getSelectedItemsAsync!(cb)));
      return items.length;
    },

    async loadSelected(onProgress?: (p: Progress) => void) {
      if (!mailbox.getSelectedItemsAsync || !mailbox.loadItemByIdAsync) {
        const one = await this.loadCurrent();
        onProgress?.({ done: one ? 1 : 0, total: one ? 1 : 0 });
        return one ? [one] : [];
      }
      const selected = (await withRetry(() => call<readonly SelectedItemLike[]>('getSelectedItemsAsync', (cb) => mailbox.getSelectedItemsAsync!(cb)))).slice(0, MAX_SELECTED);
      const results: LoadedMail[] = [];
      onProgress?.({ done: 0, total: selected.length });
      // One at a time: Outlook allows only one item loaded by loadItemByIdAsync at once.
      for (const sel of selected) {
        try {
          results.push(
            await withRetry(async () => {
              const item = await call<ReadItemLike>('loadItemByIdAsync', (cb) => mailbox.loadItemByIdAsync!(sel.itemId, cb));
              try {
                return await loadFull(item, sel.itemId);
              } finally {
                if (item.unloadAsync) await call<void>('unloadAsync', (cb) => item.unloadAsync!(cb)).catch(() => undefined);
              }
            }),
          );
        } catch (err) {
          results.push({ ok: false, itemId: sel.itemId, subject: sel.subject ?? '', error: err instanceof Error ? err.message : String(err) });
        }
        onProgress?.({ done: results.length, total: selected.length });
      }
      return results;
    },

    readDroppedFiles: readMailFiles,

    async newMessage(message: NewMessage) {
      const params = {
        toRecipients: [...message.to],
        subject: message.subject,
        htmlBody: message.htmlBody,
        attachments: (message.attachments ?? []).map((a) => ({ type: 'file', name: a.name, url: a.url })),
      };
      if (mailbox.displayNewMessageFormAsync) await call<void>('displayNewMessageFormAsync', (cb) => mailbox.displayNewMessageFormAsync!(params, cb));
      else if (mailbox.displayNewMessageForm) mailbox.displayNewMessageForm(params);
      else throw new OfficeCallError('Outlook kan ikke åpne en ny melding her', 0);
    },

    async openReply(form: ReplyForm): Promise<OpenedReply> {
      const item = mailbox.item;
      // Outlook's own reply keeps the thread (In-Reply-To, conversation) and its "SV:" subject.
      if (item && form.inReplyTo && item.internetMessageId === form.inReplyTo && (item.displayReplyFormAsync || item.displayReplyForm)) {
        if (item.displayReplyFormAsync) await call<void>('displayReplyFormAsync', (cb) => item.displayReplyFormAsync!({ htmlBody: form.htmlBody }, cb));
        else item.displayReplyForm!({ htmlBody: form.htmlBody });
        return { kind: 'svar', conversationId: item.conversationId ?? null };
      }
      await this.newMessage({ to: form.to, subject: form.subject, htmlBody: form.htmlBody });
      return { kind: 'ny' };
    },

    async findSent(query: SentQuery) {
      if (!options.findSentMail) return [];
      return (await options.findSentMail(query)) ?? [];
    },

    async addCategory(itemId: string, category: string) {
      // The category must exist in the mailbox's list to show with a colour; "already there" is fine.
      if (mailbox.masterCategories) {
        await call<void>('masterCategories.addAsync', (cb) => mailbox.masterCategories!.addAsync([{ displayName: category, color: 'Preset4' }], cb)).catch(() => undefined);
      }
      const add = (item: ReadItemLike) => {
        if (!item.categories) throw new OfficeCallError('Outlook støtter ikke kategorier her (Mailbox 1.8)', 0);
        return withRetry(() => call<void>('categories.addAsync', (cb) => item.categories!.addAsync([category], cb)));
      };
      const open = mailbox.item;
      if (open && (open.itemId === itemId || !mailbox.loadItemByIdAsync)) return add(open);
      const item = await withRetry(() => call<ReadItemLike>('loadItemByIdAsync', (cb) => mailbox.loadItemByIdAsync!(itemId, cb)));
      try {
        await add(item);
      } finally {
        if (item.unloadAsync) await call<void>('unloadAsync', (cb) => item.unloadAsync!(cb)).catch(() => undefined);
      }
    },

    async attachToCompose(file: FileContent) {
      const item = mailbox.item;
      if (!item?.addFileAttachmentFromBase64Async) throw new OfficeCallError('Vedlegg kan bare legges til en melding under skriving (Mailbox 1.8)', 0);
      await withRetry(() => call<string>('addFileAttachmentFromBase64Async', (cb) => item.addFileAttachmentFromBase64Async!(toBase64(file.bytes), file.name, { isInline: false }, cb)));
    },

    theme() {
      return paneThemeOf(office.context.officeTheme, forcedColors?.matches ?? false);
    },

    onThemeChanged(listener: () => void) {
      forcedColors?.addEventListener('change', listener);
      // Office.EventType.OfficeThemeChanged, where the host raises it; elsewhere the theme is read at start.
      mailbox.addHandlerAsync?.(OFFICE_THEME_CHANGED, listener, () => undefined);
      return () => {
        forcedColors?.removeEventListener('change', listener);
        mailbox.removeHandlerAsync?.(OFFICE_THEME_CHANGED);
      };
    },

    onItemChanged(listener: () => void) {
      if (!mailbox.addHandlerAsync) return () => undefined;
      mailbox.addHandlerAsync('olkItemSelectedChanged', listener);
      mailbox.addHandlerAsync('olkSelectedItemsChanged', listener);
      return () => {
        mailbox.removeHandlerAsync?.('olkItemSelectedChanged');
        mailbox.removeHandlerAsync?.('olkSelectedItemsChanged');
      };
    },
  };
}
