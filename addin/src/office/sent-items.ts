import { type LoadedMail, type MailAddress, matchesSent, type SentQuery } from './port';

/**
 * "Sent Items → U" (DOMAIN.md §10.3) for mails the user did not send under their own address
 * (a shared mailbox, "send as", a delegate): whether the mail sits in the user's Sent Items,
 * asked of Microsoft Graph. Returns null whenever Graph is not available (no token, no
 * consent, offline, an unknown item), and the port then falls back to "sender = the user".
 */
export type SentItemsLookup = (itemId: string) => Promise<boolean | null>;

export interface GraphSentItemsOptions {
  /** A Graph access token with Mail.ReadBasic, or null when the user has none. */
  readonly getToken: () => Promise<string | null>;
  /** Office's EWS item id → Graph (REST v2.0) id: `mailbox.convertToRestId(id, 'v2.0')`. */
  readonly toRestId: (itemId: string) => string;
  readonly fetch?: typeof fetch;
  readonly baseUrl?: string;
}

export function graphSentItems(options: GraphSentItemsOptions): SentItemsLookup {
  const base = options.baseUrl ?? 'https://graph.microsoft.com/v1.0';
  const http = options.fetch ?? ((input, init) => fetch(input, init));
  let sentItemsId: Promise<string | null> | null = null;

  async function get<T>(token: string, path: string): Promise<T | null> {
    const res = await http(`${base}${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    if (!res.ok) return null;
    return (await res.json()) as T;
  }

  return async (itemId) => {
    try {
      const token = await options.getToken();
      if (!token) return null;
      // The well-known folder's id, once per session (a failed lookup is tried again next time).
      sentItemsId ??= get<{ id: string }>(token, '/me/mailFolders/sentitems?$select=id').then((f) => f?.id ?? null);
      const folder = await sentItemsId;
      if (!folder) {
        sentItemsId = null;
        return null;
      }
      const message = await get<{ parentFolderId?: string }>(token, `/me/messages/${encodeURIComponent(options.toRestId(itemId))}?$select=parentFolderId`);
      return message?.parentFolderId ? message.parentFolderId === folder : null;
    } catch {
      return null;
    }
  };
}

/**
 * Svar med e-post (§10.2): the answers the user sent after opening the form, found in Sent
 * Items through Graph (by the header x-arkiv-ref, the reference in the subject or body, or the
 * reply's thread) and read as MIME (`/$value`) to archive. Null when Graph is not available.
 */
export type SentMailSearch = (query: SentQuery) => Promise<readonly LoadedMail[] | null>;

interface GraphMessage {
  readonly id: string;
  readonly subject?: string;
  readonly sentDateTime?: string;
  readonly conversationId?: string;
  readonly internetMessageId?: string;
  readonly bodyPreview?: string;
  readonly from?: { emailAddress?: { name?: string; address?: string } };
  readonly toRecipients?: readonly { emailAddress?: { name?: string; address?: string } }[];
  readonly internetMessageHeaders?: readonly { name: string; value: string }[];
}

export const ARKIV_REF_HEADER = 'x-arkiv-ref';

export function graphSentMail(options: Omit<GraphSentItemsOptions, 'toRestId'>): SentMailSearch {
  const base = options.baseUrl ?? 'https://graph.microsoft.com/v1.0';
  const http = options.fetch ?? ((input, init) => fetch(input, init));
  const addr = (a: { emailAddress?: { name?: string; address?: string } } | undefined): MailAddress | null =>
    a?.emailAddress?.address ? { name: a.emailAddress.name || a.emailAddress.address, email: a.emailAddress.address } : null;
  return async (query) => {
    try {
      const token = await options.getToken();
      if (!token) return null;
      const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
      // A minute's slack for clocks; the match below is exact.
      const since = new Date(Date.parse(query.since) - 60_000).toISOString();
      const select = 'id,subject,sentDateTime,conversationId,internetMessageId,bodyPreview,from,toRecipients,internetMessageHeaders';
      const url = `${base}/me/mailFolders/sentitems/messages?$filter=${encodeURIComponent(`sentDateTime ge ${since}`)}&$orderby=sentDateTime desc&$top=50&$select=${select}`;
      const res = await http(url, { headers });
      if (!res.ok) return null;
      const list = ((await res.json()) as { value?: GraphMessage[] }).value ?? [];
      const out: LoadedMail[] = [];
      for (const m of list) {
        const header = m.internetMessageHeaders?.find((h) => h.name.toLowerCase() === ARKIV_REF_HEADER)?.value ?? null;
        if (!matchesSent(query, { subject: m.subject ?? '', sentAt: m.sentDateTime ?? '', header, conversationId: m.conversationId ?? null, body: m.bodyPreview ?? '' })) continue;
        const mime = await http(`${base}/me/messages/${encodeURIComponent(m.id)}/$value`, { headers: { authorization: `Bearer ${token}` } });
        if (!mime.ok) continue;
        const bytes = new Uint8Array(await mime.arrayBuffer());
        out.push({
          ok: true,
          item: {
            itemId: m.id,
            internetMessageId: m.internetMessageId ?? null,
            subject: m.subject ?? '',
            from: addr(m.from),
            to: (m.toRecipients ?? []).map(addr).filter((a): a is MailAddress => a !== null),
            cc: [],
            dateTimeCreated: m.sentDateTime ?? new Date().toISOString(),
            attachments: [],
            direction: 'sent',
            originalSender: null,
            conversationId: m.conversationId ?? null,
          },
          mime: { name: `${(m.subject ?? 'svar').slice(0, 80)}.eml`, contentType: 'message/rfc822', bytes },
          attachments: [],
        });
      }
      return out;
    } catch {
      return null;
    }
  };
}
