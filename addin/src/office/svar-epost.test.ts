import { createOfficePort, type OfficeLike, type ReadItemLike } from './office-js';
import { ARKIVERT_KATEGORI, matchesSent, type ReplyForm } from './port';
import { graphSentMail } from './sent-items';

/**
 * Svar med e-post (§10.2) and the "Arkivert" category through the Office.js port, against a
 * scripted Office object whose calls answer as the test says, and against a scripted Graph.
 */
type Result = { status: string; value: never; error?: { code: number; message: string } };
const ok = (cb: ((r: Result) => void) | undefined, value: unknown = undefined) => queueMicrotask(() => cb?.({ status: 'succeeded', value: value as never }));
const fail = (cb: (r: Result) => void, code: number, message: string) => queueMicrotask(() => cb({ status: 'failed', value: undefined as never, error: { code, message } }));
const user = { displayName: 'Ola Nordmann', emailAddress: 'ola@kommune.example.no' };
const fast = { timeoutMs: 50, retryDelayMs: 1 };

function scripted(opts: { item?: ReadItemLike | null; items?: Record<string, ReadItemLike>; duplicateCategory?: boolean } = {}) {
  const calls: unknown[][] = [];
  const o: OfficeLike = {
    context: {
      mailbox: {
        item: opts.item ?? null,
        userProfile: user,
        displayNewMessageFormAsync: (params, cb) => {
          calls.push(['displayNewMessageFormAsync', params]);
          ok(cb);
        },
        loadItemByIdAsync: (id, cb) => {
          calls.push(['loadItemByIdAsync', id]);
          ok(cb as never, opts.items?.[id]);
        },
        masterCategories: {
          addAsync: (cats, cb) => {
            calls.push(['masterCategories.addAsync', cats]);
            // Outlook answers an existing category with an error; the port goes on.
            if (opts.duplicateCategory) fail(cb as never, 9045, 'DuplicateCategory');
            else ok(cb);
          },
        },
      },
    },
  };
  return { office: o, calls };
}

function item(id: string, calls: unknown[][]): ReadItemLike & { unloaded: number } {
  const it = {
    unloaded: 0,
    itemId: id,
    internetMessageId: `<${id}@example.no>`,
    conversationId: `conv-${id}`,
    subject: 'Spørsmål om gebyr',
    displayReplyFormAsync: (data: { htmlBody: string }, cb?: (r: Result) => void) => {
      calls.push(['displayReplyFormAsync', id, data]);
      ok(cb);
    },
    categories: {
      addAsync: (cats: string[], cb: (r: Result) => void) => {
        calls.push(['categories.addAsync', id, cats]);
        ok(cb);
      },
    },
    unloadAsync: (cb: (r: Result) => void) => {
      it.unloaded++;
      ok(cb);
    },
  };
  return it;
}

const form = (inReplyTo: string | null): ReplyForm => ({
  inReplyTo,
  to: ['per.hansen@example.no'],
  subject: 'SV: Spørsmål om gebyr [Vår ref. 2026/12]',
  htmlBody: '<p></p><p>Vår ref. 2026/12</p>',
  reference: 'Vår ref. 2026/12',
});

describe('Svar med e-post through the Office.js port', () => {
  it("opens Outlook's own reply on the open mail when it is the one answered, with the reference in the body, and tells its thread", async () => {
    const calls: unknown[][] = [];
    const { office } = scripted({ item: item('m1', calls) });
    const opened = await createOfficePort(office, fast).openReply(form('<m1@example.no>'));
    expect(opened).toEqual({ kind: 'svar', conversationId: 'conv-m1' });
    expect(calls).toEqual([['displayReplyFormAsync', 'm1', { htmlBody: '<p></p><p>Vår ref. 2026/12</p>' }]]);
  });

  it('opens a new message to the sender with the reference in the subject when another mail (or none) is open', async () => {
    const calls: unknown[][] = [];
    const s = scripted({ item: item('annen', calls) });
    const opened = await createOfficePort(s.office, fast).openReply(form('<m1@example.no>'));
    expect(opened).toEqual({ kind: 'ny' });
    expect(calls).toEqual([]);
    expect(s.calls).toEqual([['displayNewMessageFormAsync', { toRecipients: ['per.hansen@example.no'], subject: 'SV: Spørsmål om gebyr [Vår ref. 2026/12]', htmlBody: '<p></p><p>Vår ref. 2026/12</p>', attachments: [] }]]);
    const none = scripted({ item: null });
    expect(await createOfficePort(none.office, fast).openReply(form(null))).toEqual({ kind: 'ny' });
  });

  it('finds nothing to archive when the mailbox cannot be searched (no Graph)', async () => {
    expect(await createOfficePort(scripted().office, fast).findSent({ reference: 'Vår ref. 2026/12', since: new Date().toISOString() })).toEqual([]);
  });
});

describe('the "Arkivert" category through the Office.js port', () => {
  it('adds the category to the open mail, creating it in the mailbox and going on when it already exists', async () => {
    const calls: unknown[][] = [];
    const s = scripted({ item: item('m1', calls), duplicateCategory: true });
    await createOfficePort(s.office, fast).addCategory('m1', ARKIVERT_KATEGORI);
    expect(s.calls).toEqual([['masterCategories.addAsync', [{ displayName: 'Arkivert', color: 'Preset4' }]]]);
    expect(calls).toEqual([['categories.addAsync', 'm1', ['Arkivert']]]);
  });

  it('loads a mail that is not the open one (several imported at once), adds the category and unloads it', async () => {
    const calls: unknown[][] = [];
    const b = item('b', calls);
    const s = scripted({ item: item('a', calls), items: { b } });
    await createOfficePort(s.office, fast).addCategory('b', ARKIVERT_KATEGORI);
    expect(s.calls.filter((c) => c[0] === 'loadItemByIdAsync')).toEqual([['loadItemByIdAsync', 'b']]);
    expect(calls).toEqual([['categories.addAsync', 'b', ['Arkivert']]]);
    expect(b.unloaded).toBe(1);
  });

  it('reports a client without categories as an Office error', async () => {
    const s = scripted({ item: { itemId: 'm1' } });
    await expect(createOfficePort(s.office, fast).addCategory('m1', ARKIVERT_KATEGORI)).rejects.toMatchObject({ name: 'OfficeCallError' });
  });
});

describe('finding the sent answer in Sent Items (Graph)', () => {
  const since = '2026-11-27T10:00:00.000Z';
  const messages = [
    { id: 'by-header', subject: 'Svar', sentDateTime: '2026-11-27T10:05:00Z', internetMessageHeaders: [{ name: 'X-Arkiv-Ref', value: 'Vår ref. 2026/12' }] },
    { id: 'by-subject', subject: 'SV: Gebyr [Vår ref. 2026/12]', sentDateTime: '2026-11-27T10:06:00Z' },
    { id: 'by-thread', subject: 'SV: Gebyr', sentDateTime: '2026-11-27T10:07:00Z', conversationId: 'conv-m1' },
    { id: 'other', subject: 'Middag?', sentDateTime: '2026-11-27T10:08:00Z', conversationId: 'conv-x' },
  ];
  function graph() {
    const requests: string[] = [];
    const fetchFn = (async (input: RequestInfo | URL) => {
      const url = String(input).replace('https://graph.example/v1.0', '');
      requests.push(url);
      if (url.startsWith('/me/mailFolders/sentitems/messages?')) return new Response(JSON.stringify({ value: messages }), { status: 200 });
      const m = /^\/me\/messages\/([^/]+)\/\$value$/.exec(url);
      if (m) return new Response(`Subject: ${m[1]}\r\n\r\nsvar`, { status: 200 });
      return new Response('{}', { status: 404 });
    }) as typeof fetch;
    return { fetchFn, requests };
  }

  it('returns the answers by header, subject or thread, as MIME ready to archive, and asks only for mails sent since the form opened', async () => {
    const g = graph();
    const search = graphSentMail({ getToken: async () => 'tok', fetch: g.fetchFn, baseUrl: 'https://graph.example/v1.0' });
    const found = (await search({ reference: 'Vår ref. 2026/12', since, conversationId: 'conv-m1' }))!;
    expect(found.map((f) => f.ok && f.item.itemId)).toEqual(['by-header', 'by-subject', 'by-thread']);
    expect(found.every((f) => f.ok && f.item.direction === 'sent')).toBe(true);
    const first = found[0]!;
    expect(first.ok && new TextDecoder().decode(first.mime.bytes)).toBe('Subject: by-header\r\n\r\nsvar');
    expect(decodeURIComponent(g.requests[0]!)).toContain('sentDateTime ge 2026-11-27T09:59:00.000Z');
  });

  it('is not available (null) without a token', async () => {
    expect(await graphSentMail({ getToken: async () => null, fetch: graph().fetchFn })({ reference: 'x', since })).toBeNull();
  });

  it('matches by the reference, or the thread, and never a mail sent before the form was opened', () => {
    const q = { reference: 'Vår ref. 2026/12', since, conversationId: 'conv-m1' };
    expect(matchesSent(q, { subject: 'SV: [Vår ref. 2026/12]', sentAt: '2026-11-27T09:00:00Z' })).toBe(false);
    expect(matchesSent(q, { subject: 'SV: Gebyr', sentAt: '2026-11-27T10:01:00Z', conversationId: 'conv-m1' })).toBe(true);
    expect(matchesSent(q, { subject: 'SV: Gebyr', sentAt: '2026-11-27T10:01:00Z', body: 'Hei. Vår ref. 2026/12' })).toBe(true);
    expect(matchesSent({ reference: 'Vår ref. 2026/12', since }, { subject: 'SV: Gebyr', sentAt: '2026-11-27T10:01:00Z', conversationId: 'conv-m1' })).toBe(false);
  });
});
