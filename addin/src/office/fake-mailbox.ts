import { readMailFiles } from './mail-files';
import { directionOf, type LoadedMail, type MailAddress, type MailboxPort, type MailItem, matchesSent, type OpenedReply, type PaneTheme, type Progress, type ReplyForm } from './port';

/**
 * A mailbox in memory with sample mails: the preview page (/preview) and the browser tests run
 * the real pane against it. `select()` plays the user clicking mails in Outlook.
 */
export interface FakeMail {
  readonly item: MailItem;
  readonly body: string;
  readonly attachments: readonly { readonly name: string; readonly contentType: string; readonly text: string }[];
  /** Extra header lines (In-Reply-To for a reply). */
  readonly headers?: Readonly<Record<string, string>>;
}

const enc = new TextEncoder();

const b64 = (text: string) => {
  let bin = '';
  for (const byte of enc.encode(text)) bin += String.fromCharCode(byte);
  return btoa(bin);
};
/** RFC 2047 for non-ASCII header text, as Outlook writes it. */
const word = (text: string) => (/^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${b64(text)}?=`);

/** The message as Outlook's getAsFileAsync gives it: RFC 5322 MIME, attachments as base64 parts. */
function mime(mail: FakeMail): string {
  const addr = (a: MailAddress) => `"${word(a.name)}" <${a.email}>`;
  const head = [
    `Message-ID: ${mail.item.internetMessageId ?? `<${mail.item.itemId}@preview>`}`,
    `Date: ${new Date(mail.item.dateTimeCreated).toUTCString()}`,
    `From: ${mail.item.from ? addr(mail.item.from) : ''}`,
    `To: ${mail.item.to.map(addr).join(', ')}`,
    `Subject: ${word(mail.item.subject)}`,
    ...Object.entries(mail.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
  ];
  const text = ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', b64(mail.body)];
  if (!mail.attachments.length) return [...head, ...text, ''].join('\r\n');
  const boundary = `=_arkiv_${mail.item.itemId}`;
  const parts = mail.attachments.map((a) => [`--${boundary}`, `Content-Type: ${a.contentType}; name="${word(a.name)}"`, `Content-Disposition: attachment; filename="${word(a.name)}"`, 'Content-Transfer-Encoding: base64', '', b64(a.text)].join('\r\n'));
  return [...head, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', `--${boundary}`, ...text, ...parts, `--${boundary}--`, ''].join('\r\n');
}

export function sampleMails(user: MailAddress, now = new Date()): FakeMail[] {
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  const mail = (id: string, subject: string, from: MailAddress, to: MailAddress[], minutesAgo: number, body: string, attachments: FakeMail['attachments'] = []): FakeMail => ({
    item: {
      itemId: id,
      internetMessageId: `<${id}@preview.arkiv>`,
      subject,
      from,
      to,
      cc: [],
      dateTimeCreated: at(minutesAgo),
      attachments: attachments.map((a, i) => ({ id: `${id}-a${i}`, name: a.name, contentType: a.contentType, size: a.text.length, isInline: false })),
      direction: directionOf(from, user),
      originalSender: null,
      conversationId: `samtale-${id}`,
    },
    body,
    attachments,
  });
  const per = { name: 'Per Hansen', email: 'per.hansen@example.no' };
  const bygg = { name: 'Byggmester AS', email: 'post@byggmester.example.no' };
  const fwd = mail(
    'mail-3',
    'VS: Klage på vedtak om barnehageplass',
    { name: 'Resepsjonen', email: 'resepsjon@kommune.example.no' },
    [user],
    30,
    'Se under.\n\n-----Opprinnelig melding-----\nFra: Anne Olsen <anne.olsen@example.no>\nSendt: mandag\nEmne: Klage på vedtak om barnehageplass\n\nJeg klager på vedtaket.',
  );
  return [
    mail('mail-1', 'Søknad om ferdigattest, Storgata 5', bygg, [user], 90, 'Vi søker om ferdigattest for tiltaket i Storgata 5.', [
      { name: 'Situasjonsplan.pdf', contentType: 'application/pdf', text: '%PDF-1.4 situasjonsplan' },
      { name: 'Samsvarserklæring.pdf', contentType: 'application/pdf', text: '%PDF-1.4 samsvar' },
    ]),
    mail('mail-2', 'Spørsmål om gebyr for byggesak', per, [user], 60, 'Hva koster behandlingen av en byggesøknad?'),
    { ...fwd, item: { ...fwd.item, originalSender: { name: 'Anne Olsen', email: 'anne.olsen@example.no' } } },
    mail('mail-4', 'Svar: Spørsmål om gebyr for byggesak', user, [per], 10, 'Gebyret følger gebyrregulativet, se vedlegg.'),
    // To the shared postmottak mailbox: the dokumentsenter registers it and distributes it (§3.1, §10.1).
    mail(
      'mail-5',
      'Søknad om tilskudd til 17. mai-arrangement',
      { name: 'Nordbygda velforening', email: 'post@nordbygda-vel.example.no' },
      [{ name: 'Postmottak', email: 'postmottak@kommune.example.no' }],
      5,
      'Nordbygda velforening søker om tilskudd til 17. mai-arrangementet på skolen. Budsjett er vedlagt.',
      [{ name: 'Budsjett 17. mai.pdf', contentType: 'application/pdf', text: '%PDF-1.4 budsjett' }],
    ),
  ];
}

export interface FakeMailbox extends MailboxPort {
  readonly mails: readonly FakeMail[];
  /** Which mails are selected (one = open in the reading pane). */
  select(itemIds: readonly string[]): void;
  selected(): readonly string[];
  /** Messages "opened" with newMessage, for the tests to inspect. */
  readonly sentForms: import('./port').NewMessage[];
  /** Files attached in compose mode, for the tests to inspect. */
  readonly composeAttachments: { name: string; size: number }[];
  /** Svar med e-post: the reply/new-message forms opened, in order. */
  readonly replyForms: { readonly form: ReplyForm; readonly opened: OpenedReply; readonly answering: string | null }[];
  /** The user presses Send on the last reply form (Outlook puts the sent mail in Sent Items); returns its itemId. */
  sendReply(): string;
  /** Categories set on each mail (itemId → names). */
  readonly categoriesOf: (itemId: string) => readonly string[];
  /** The user picks another Office theme (File → Office Account → Office Theme). */
  setTheme(theme: PaneTheme): void;
}

export function createFakeMailbox(user: MailAddress, initial: readonly FakeMail[] = sampleMails(user), options: { theme?: PaneTheme } = {}): FakeMailbox {
  const mails: FakeMail[] = [...initial];
  let theme: PaneTheme = options.theme ?? 'light';
  const themeListeners = new Set<() => void>();
  let selection: string[] = mails[0] ? [mails[0].item.itemId] : [];
  const replyForms: FakeMailbox['replyForms'][number][] = [];
  const categories = new Map<string, string[]>();
  let sentCount = 0;
  const listeners = new Set<() => void>();
  const sentForms: import('./port').NewMessage[] = [];
  const composeAttachments: { name: string; size: number }[] = [];
  const byId = (id: string) => {
    const m = mails.find((x) => x.item.itemId === id);
    return m && categories.has(id) ? { ...m, item: { ...m.item, categories: categories.get(id)! } } : m;
  };
  const load = (m: FakeMail): LoadedMail => ({
    ok: true,
    item: m.item,
    mime: { name: `${m.item.subject}.eml`, contentType: 'message/rfc822', bytes: enc.encode(mime(m)) },
    attachments: m.attachments.map((a) => ({ name: a.name, contentType: a.contentType, bytes: enc.encode(a.text) })),
  });
  return {
    kind: 'preview',
    user,
    theme: () => theme,
    setTheme(next) {
      theme = next;
      for (const l of themeListeners) l();
    },
    onThemeChanged(listener) {
      themeListeners.add(listener);
      return () => themeListeners.delete(listener);
    },
    get mails() {
      return mails;
    },
    replyForms,
    categoriesOf: (id) => categories.get(id) ?? [],
    sentForms,
    composeAttachments,
    select(ids) {
      selection = ids.filter((id) => byId(id));
      for (const l of listeners) l();
    },
    selected: () => selection,
    async currentItem() {
      return selection.length === 1 ? (byId(selection[0]!)?.item ?? null) : null;
    },
    async loadCurrent() {
      const m = selection.length === 1 ? byId(selection[0]!) : undefined;
      return m ? load(m) : null;
    },
    async selectedCount() {
      return selection.length;
    },
    async loadSelected(onProgress?: (p: Progress) => void) {
      const out: LoadedMail[] = [];
      onProgress?.({ done: 0, total: selection.length });
      for (const id of selection) {
        out.push(load(byId(id)!));
        onProgress?.({ done: out.length, total: selection.length });
      }
      return out;
    },
    readDroppedFiles: readMailFiles,
    async attachToCompose(file) {
      composeAttachments.push({ name: file.name, size: file.bytes.length });
    },
    async newMessage(message) {
      sentForms.push(message);
    },
    async openReply(form) {
      // Outlook's own reply when the answered mail is the one open; a new message otherwise.
      const open = selection.length === 1 ? byId(selection[0]!) : undefined;
      const answering = open && form.inReplyTo && open.item.internetMessageId === form.inReplyTo ? open : undefined;
      const opened: OpenedReply = answering ? { kind: 'svar', conversationId: answering.item.conversationId ?? null } : { kind: 'ny' };
      replyForms.push({ form, opened, answering: answering?.item.itemId ?? null });
      return opened;
    },
    sendReply() {
      const last = replyForms[replyForms.length - 1];
      if (!last) throw new Error('no reply form is open');
      const original = last.answering ? byId(last.answering) : undefined;
      const id = `sendt-${++sentCount}`;
      const to = last.form.to.map((email) => (original?.item.from?.email === email ? original.item.from : { name: email, email }));
      const subject = original ? `SV: ${original.item.subject}` : last.form.subject;
      const body = last.form.htmlBody.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
      mails.push({
        item: {
          itemId: id,
          internetMessageId: `<${id}@preview.arkiv>`,
          subject,
          from: user,
          to,
          cc: [],
          dateTimeCreated: new Date().toISOString(),
          attachments: [],
          direction: 'sent',
          originalSender: null,
          conversationId: original?.item.conversationId ?? `samtale-${id}`,
        },
        body,
        attachments: [],
        ...(original?.item.internetMessageId ? { headers: { 'In-Reply-To': original.item.internetMessageId } } : {}),
      });
      // Like Outlook: sending changes no selection, so no ItemChanged.
      return id;
    },
    async findSent(q) {
      return mails
        .filter((m) => m.item.direction === 'sent' && matchesSent(q, { subject: m.item.subject, sentAt: m.item.dateTimeCreated, conversationId: m.item.conversationId ?? null, body: m.body }))
        .map(load);
    },
    async addCategory(itemId, category) {
      if (!mails.some((m) => m.item.itemId === itemId)) throw new Error(`no mail ${itemId}`);
      const list = categories.get(itemId) ?? [];
      if (!list.includes(category)) categories.set(itemId, [...list, category]);
    },
    onItemChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
