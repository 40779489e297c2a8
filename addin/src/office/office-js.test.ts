import { parseEmlHeaders } from './mail-files';
import { createOfficePort, OfficeCallError, type OfficeLike, type ReadItemLike } from './office-js';
import { directionOf, originalSenderOf } from './port';

/** A scripted Office object: each call answers as the test says (succeed, fail with a code, or never). */
type Script = 'ok' | number | 'never';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const user = { displayName: 'Ola Nordmann', emailAddress: 'ola@kommune.example.no' };

function answer<T>(script: Script, value: T, cb: (r: { status: string; value: T; error?: { code: number; message: string } }) => void) {
  if (script === 'never') return;
  // Office.js calls back asynchronously.
  queueMicrotask(() =>
    script === 'ok' ? cb({ status: 'succeeded', value }) : cb({ status: 'failed', value: undefined as T, error: { code: script, message: script === 5001 ? 'An internal error has occurred.' : 'Feil' } }),
  );
}

function readItem(id: string, opts: { from?: string; subject?: string; file?: Script[]; body?: string } = {}): ReadItemLike & { unloaded: number } {
  const fileScript = [...(opts.file ?? ['ok'])];
  const item = {
    unloaded: 0,
    itemId: id,
    internetMessageId: `<${id}@x>`,
    subject: opts.subject ?? `Emne ${id}`,
    from: { displayName: 'Avsender', emailAddress: opts.from ?? 'kari@example.no' },
    to: [user],
    cc: [],
    dateTimeCreated: new Date('2026-11-01T10:00:00Z'),
    attachments: [
      { id: `${id}-a1`, name: 'vedlegg.pdf', contentType: 'application/pdf', size: 3, isInline: false },
      { id: `${id}-logo`, name: 'logo.png', contentType: 'image/png', size: 3, isInline: true },
    ],
    body: { getAsync: (_c: string, cb: never) => answer('ok', opts.body ?? 'tekst', cb) },
    getAsFileAsync: (cb: never) => answer(fileScript.length > 1 ? fileScript.shift()! : fileScript[0]!, b64(`Subject: ${id}\r\n\r\nhei`), cb),
    getAttachmentContentAsync: (_id: string, cb: never) => answer('ok', { format: 'base64', content: b64('PDF') }, cb),
    unloadAsync: (cb: never) => {
      item.unloaded++;
      answer('ok', undefined, cb);
    },
  };
  return item;
}

function office(opts: { item?: ReadItemLike | null; selected?: string[]; items?: Record<string, ReadItemLike>; loadScript?: Record<string, Script[]> } = {}) {
  const calls: string[] = [];
  const forms: unknown[] = [];
  const loadScript = opts.loadScript ?? {};
  const o: OfficeLike = {
    context: {
      mailbox: {
        item: opts.item ?? null,
        userProfile: user,
        getSelectedItemsAsync: (cb) => answer('ok', (opts.selected ?? []).map((itemId) => ({ itemId, subject: `Emne ${itemId}` })), cb),
        loadItemByIdAsync: (itemId, cb) => {
          calls.push(`load ${itemId}`);
          const script = loadScript[itemId];
          answer(script && script.length > 1 ? script.shift()! : (script?.[0] ?? 'ok'), opts.items?.[itemId] ?? readItem(itemId), cb);
        },
        displayNewMessageFormAsync: (params, cb) => {
          forms.push(params);
          answer('ok', undefined, cb!);
        },
      },
    },
  };
  return { office: o, calls, forms };
}

const fast = { timeoutMs: 50, retryDelayMs: 1 };

describe('the Office port over a scripted Office.js', () => {
  it('reads the open mail: full MIME from getAsFileAsync, attachments without inline images', async () => {
    const port = createOfficePort(office({ item: readItem('m1') }).office, fast);
    const loaded = await port.loadCurrent();
    expect(loaded?.ok).toBe(true);
    if (!loaded?.ok) throw new Error('not loaded');
    expect(new TextDecoder().decode(loaded.mime.bytes)).toBe('Subject: m1\r\n\r\nhei');
    expect(loaded.attachments.map((a) => a.name)).toEqual(['vedlegg.pdf']);
    expect(loaded.item.direction).toBe('received');
  });

  it('decides sent when the sender is the user, received otherwise', async () => {
    const sent = await createOfficePort(office({ item: readItem('m1', { from: 'OLA@kommune.example.no' }) }).office, fast).currentItem();
    expect(sent?.direction).toBe('sent');
    expect(directionOf({ name: 'x', email: 'x@y.no' }, { name: 'o', email: 'o@y.no' }, true)).toBe('sent');
  });

  it('decides sent for a mail in Sent Items (Graph) though another address sent it, and falls back to the sender when Graph cannot say', async () => {
    const asked: string[] = [];
    const isInSentItems = async (id: string) => {
      asked.push(id);
      return id === 'delt' ? true : null;
    };
    const delt = await createOfficePort(office({ item: readItem('delt', { from: 'postmottak@kommune.example.no' }) }).office, { ...fast, isInSentItems }).currentItem();
    expect(delt?.direction).toBe('sent');
    const annen = await createOfficePort(office({ item: readItem('annen') }).office, { ...fast, isInSentItems }).currentItem();
    expect(annen?.direction).toBe('received');
    expect(asked).toEqual(['delt', 'annen']);
  });

  it('retries getAsFileAsync after error 5001 and succeeds', async () => {
    const port = createOfficePort(office({ item: readItem('m1', { file: [5001, 5001, 'ok'] }) }).office, fast);
    const loaded = await port.loadCurrent();
    expect(loaded?.ok).toBe(true);
  });

  it('gives up after the attempts and reports the Office error', async () => {
    const port = createOfficePort(office({ item: readItem('m1', { file: [5001] }) }).office, { ...fast, attempts: 2 });
    await expect(port.loadCurrent()).rejects.toMatchObject({ name: 'OfficeCallError', code: 5001 });
  });

  it('does not retry a permanent error', async () => {
    const item = readItem('m1', { file: [9041, 'ok'] });
    const port = createOfficePort(office({ item }).office, fast);
    await expect(port.loadCurrent()).rejects.toMatchObject({ code: 9041 });
  });

  it('turns a callback that never comes into a timeout error', async () => {
    const port = createOfficePort(office({ item: readItem('m1', { file: ['never'] }) }).office, { ...fast, attempts: 1 });
    const err = await port.loadCurrent().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OfficeCallError);
    expect((err as OfficeCallError).code).toBe('timeout');
  });

  it('loads selected mails one by one with progress, retrying each and keeping the others when one fails', async () => {
    const { office: o, calls } = office({ selected: ['a', 'b', 'c'], loadScript: { b: [5001, 'ok'], c: [9041] } });
    const progress: string[] = [];
    const result = await createOfficePort(o, fast).loadSelected((p) => progress.push(`${p.done}/${p.total}`));
    expect(result.map((r) => r.ok)).toEqual([true, true, false]);
    expect(calls).toEqual(['load a', 'load b', 'load b', 'load c']);
    expect(progress).toEqual(['0/3', '1/3', '2/3', '3/3']);
    const failed = result[2]!;
    expect(!failed.ok && failed.error).toMatch(/9041/);
  });

  it('unloads every item it loaded', async () => {
    const items = { a: readItem('a'), b: readItem('b') };
    await createOfficePort(office({ selected: ['a', 'b'], items }).office, fast).loadSelected();
    expect(items.a.unloaded + items.b.unloaded).toBe(2);
  });

  it('loads at most 100 selected mails', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `m${i}`);
    const result = await createOfficePort(office({ selected: ids }).office, fast).loadSelected();
    expect(result).toHaveLength(100);
  });

  it('opens a new message form with recipients and file attachments', async () => {
    const { office: o, forms } = office({ item: readItem('m1') });
    await createOfficePort(o, fast).newMessage({ to: ['a@b.no'], subject: 'Svar', htmlBody: '<p>Hei</p>', attachments: [{ name: 'brev.pdf', url: 'https://x/brev.pdf' }] });
    expect(forms).toEqual([{ toRecipients: ['a@b.no'], subject: 'Svar', htmlBody: '<p>Hei</p>', attachments: [{ type: 'file', name: 'brev.pdf', url: 'https://x/brev.pdf' }] }]);
  });

  it('attaches a file to the message being written, as base64, retrying 5001', async () => {
    const calls: [string, string][] = [];
    const script: Script[] = [5001, 'ok'];
    const item = { addFileAttachmentFromBase64Async: (b: string, name: string, _o: unknown, cb: never) => { calls.push([b, name]); answer(script.shift()!, 'att-1', cb); } };
    await createOfficePort(office({ item }).office, fast).attachToCompose({ name: 'brev.pdf', contentType: 'application/pdf', bytes: new TextEncoder().encode('PDF') });
    expect(calls).toEqual([[b64('PDF'), 'brev.pdf'], [b64('PDF'), 'brev.pdf']]);
  });

  it('offers the original sender of a forwarded mail (§10.3)', async () => {
    const body = 'Se under\n\n-----Original Message-----\nFrom: "Anne Olsen" <anne@example.no>\nSent: Monday';
    const item = await createOfficePort(office({ item: readItem('m1', { subject: 'VS: Klage', body }) }).office, fast).currentItem();
    expect(item?.originalSender).toEqual({ name: 'Anne Olsen', email: 'anne@example.no' });
    expect(originalSenderOf('Klage', body)).toBeNull();
  });

  it('reads the headers of a dropped .eml file', () => {
    expect(parseEmlHeaders('Subject: Hei\r\n  på deg\r\nFrom: A <a@b.no>\r\n\r\nSubject: body')).toEqual({ subject: 'Hei på deg', from: 'A <a@b.no>' });
  });
});

describe('dropped files (drag and drop onto the pane)', () => {
  it('reads an .eml file with its headers and refuses other files', async () => {
    const { readMailFiles } = await import('./mail-files');
    const eml = new File(['Message-ID: <x1@example.no>\r\nFrom: "Kari Berg" <kari@example.no>\r\nTo: post@kommune.no\r\nSubject: Søknad om tilskudd\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\n\r\nHei'], 'soknad.eml', { type: 'message/rfc822' });
    const txt = new File(['x'], 'notat.txt');
    const [mail, other] = await readMailFiles([eml, txt]);
    expect(mail).toMatchObject({ ok: true, item: { subject: 'Søknad om tilskudd', internetMessageId: '<x1@example.no>', from: { name: 'Kari Berg', email: 'kari@example.no' }, dateTimeCreated: '2026-11-02T10:00:00.000Z' } });
    expect(other).toMatchObject({ ok: false, subject: 'notat.txt' });
  });
});

describe("the pane follows Office's theme", () => {
  const withTheme = (officeTheme: OfficeLike['context']['officeTheme'], handlers: string[] = []): OfficeLike => ({
    context: {
      officeTheme,
      mailbox: { item: null, userProfile: user, addHandlerAsync: (type) => void handlers.push(type), removeHandlerAsync: (type) => void handlers.push(`-${type}`) },
    },
  });
  /** The system's forced colours (a Windows contrast theme), switchable like a MediaQueryList. */
  function contrast(matches: boolean) {
    const listeners = new Set<() => void>();
    return {
      matches,
      addEventListener: (_: 'change', l: () => void) => void listeners.add(l),
      removeEventListener: (_: 'change', l: () => void) => void listeners.delete(l),
      set(on: boolean) {
        this.matches = on;
        for (const l of listeners) l();
      },
    };
  }

  it('is light for Office\'s white and colourful themes and when Office does not say', () => {
    expect(createOfficePort(withTheme({ bodyBackgroundColor: '#FFFFFF', bodyForegroundColor: '#000000' }), { forcedColors: null }).theme()).toBe('light');
    expect(createOfficePort(withTheme({ bodyBackgroundColor: '#E6E6E6' }), { forcedColors: null }).theme()).toBe('light');
    expect(createOfficePort(withTheme(undefined), { forcedColors: null }).theme()).toBe('light');
  });

  it('is dark for the black and dark grey themes, and when Office says isDarkTheme', () => {
    expect(createOfficePort(withTheme({ bodyBackgroundColor: '#000000', bodyForegroundColor: '#FFFFFF' }), { forcedColors: null }).theme()).toBe('dark');
    expect(createOfficePort(withTheme({ bodyBackgroundColor: '#262626' }), { forcedColors: null }).theme()).toBe('dark');
    expect(createOfficePort(withTheme({ bodyBackgroundColor: '#FFFFFF', isDarkTheme: true }), { forcedColors: null }).theme()).toBe('dark');
  });

  it('is high contrast when the system forces its colours, and follows the change', () => {
    const handlers: string[] = [];
    const forced = contrast(false);
    const port = createOfficePort(withTheme({ bodyBackgroundColor: '#FFFFFF' }, handlers), { forcedColors: forced });
    const seen: string[] = [];
    const stop = port.onThemeChanged(() => seen.push(port.theme()));
    expect(handlers).toEqual(['officeThemeChanged']);
    forced.set(true);
    expect(seen).toEqual(['highContrast']);
    stop();
    forced.set(false);
    expect([seen, handlers]).toEqual([['highContrast'], ['officeThemeChanged', '-officeThemeChanged']]);
  });
});
