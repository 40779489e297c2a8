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
