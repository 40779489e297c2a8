import { readMailFiles } from './office-js';
import { directionOf, type LoadedMail, type MailAddress, type MailboxPort, type MailItem, type Progress } from './port';

/**
 * A mailbox in memory with sample mails: the preview page (/preview) and the browser tests run
 * the real pane against it. `select()` plays the user clicking mails in Outlook.
 */
export interface FakeMail {
  readonly item: MailItem;
  readonly body: string;
  readonly attachments: readonly { readonly name: string; readonly contentType: string; readonly text: string }[];
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
}

export function createFakeMailbox(user: MailAddress, mails: readonly FakeMail[] = sampleMails(user)): FakeMailbox {
  let selection: string[] = mails[0] ? [mails[0].item.itemId] : [];
  const listeners = new Set<() => void>();
  const sentForms: import('./port').NewMessage[] = [];
  const composeAttachments: { name: string; size: number }[] = [];
  const byId = (id: string) => mails.find((m) => m.item.itemId === id);
  const load = (m: FakeMail): LoadedMail => ({
    ok: true,
    item: m.item,
    mime: { name: `${m.item.subject}.eml`, contentType: 'message/rfc822', bytes: enc.encode(mime(m)) },
    attachments: m.attachments.map((a) => ({ name: a.name, contentType: a.contentType, bytes: enc.encode(a.text) })),
  });
  return {
    kind: 'preview',
    user,
    mails,
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
    onItemChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
