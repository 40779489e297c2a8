import { graphSentItems } from './sent-items';

/** A Graph endpoint as a table of paths; every request is recorded with its Authorization. */
function graph(routes: Record<string, { status?: number; body?: unknown } | 'offline'>) {
  const requests: { path: string; authorization: string | null }[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input).replace('https://graph.example/v1.0', '');
    requests.push({ path: url, authorization: new Headers(init?.headers).get('authorization') });
    const route = routes[url];
    if (route === 'offline') throw new TypeError('Failed to fetch');
    return new Response(route?.body === undefined ? '{"error":{"code":"ErrorItemNotFound"}}' : JSON.stringify(route.body), { status: route ? (route.status ?? 200) : 404, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetchFn, requests };
}

const SENT = '/me/mailFolders/sentitems?$select=id';
const msg = (id: string) => `/me/messages/${encodeURIComponent(`rest-${id}`)}?$select=parentFolderId`;
const lookup = (fetchFn: typeof fetch, token: string | null = 'tok') => graphSentItems({ getToken: async () => token, toRestId: (id) => `rest-${id}`, fetch: fetchFn, baseUrl: 'https://graph.example/v1.0' });

describe('Sent Items via Graph (§10.3 Sent Items → U)', () => {
  it('says sent for a mail in Sent Items and received for one elsewhere, asking for the folder once', async () => {
    const { fetchFn, requests } = graph({ [SENT]: { body: { id: 'F-SENT' } }, [msg('a/1')]: { body: { parentFolderId: 'F-SENT' } }, [msg('b')]: { body: { parentFolderId: 'F-INBOX' } } });
    const isSent = lookup(fetchFn);
    expect(await isSent('a/1')).toBe(true);
    expect(await isSent('b')).toBe(false);
    expect(requests.map((r) => r.path)).toEqual([SENT, msg('a/1'), msg('b')]);
    expect(requests.every((r) => r.authorization === 'Bearer tok')).toBe(true);
  });

  it('is not available (null) without a token, when Graph refuses, for an unknown item, or offline — and asks again later', async () => {
    expect(await lookup(graph({}).fetchFn, null)('a')).toBeNull();
    const forbidden = graph({ [SENT]: { status: 403, body: { error: { code: 'ErrorAccessDenied' } } } });
    const isSent = lookup(forbidden.fetchFn);
    expect(await isSent('a')).toBeNull();
    expect(await isSent('a')).toBeNull();
    expect(forbidden.requests.filter((r) => r.path === SENT)).toHaveLength(2);
    expect(await lookup(graph({ [SENT]: { body: { id: 'F' } } }).fetchFn)('ukjent')).toBeNull();
    expect(await lookup(graph({ [SENT]: 'offline' }).fetchFn)('a')).toBeNull();
  });
});
