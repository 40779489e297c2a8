import type { Api } from '../api/client';
import { ApiError } from '../api/http';
import type { JournalpostView } from '../api/types';
import { ARKIVERT_KATEGORI, type MailboxPort, type ReplyForm } from '../office/port';

/**
 * Svar med e-post (§10.2). The pane opens Outlook's reply (or a new message) addressed to the
 * senders with the sak's reference, and remembers the answer it waits for. Once the user has
 * sent it, the pane finds it in Sent Items (by the reference or the reply's thread) and the
 * server archives it in the same sak as a U that has gone out (E), avskriving the answered
 * journalposter EP in the same transaction: no second import by hand.
 */
export interface VentendeSvar {
  readonly reference: string;
  readonly sakId: string;
  readonly journalpostIds: readonly string[];
  readonly tittel: string;
  /** When the form was opened: only mails sent after it count. */
  readonly since: string;
  /** Outlook's own reply: the thread it goes into. */
  readonly conversationId: string | null;
}

const KEY = 'arkiv.ventendeSvar';
/** An answer never sent is forgotten after two weeks. */
const MAX_AGE_MS = 14 * 24 * 3600_000;

export function ventendeSvar(): VentendeSvar[] {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]') as VentendeSvar[];
    return list.filter((v) => Date.now() - Date.parse(v.since) < MAX_AGE_MS);
  } catch {
    return [];
  }
}
function save(list: readonly VentendeSvar[]) {
  localStorage.setItem(KEY, JSON.stringify(list));
}
function forget(reference: string) {
  save(ventendeSvar().filter((v) => v.reference !== reference));
}

/** The reference the answer carries: the first answered journalpost's number ("Vår ref. 2026/12-3"). */
export const referanseFor = (jp: Pick<JournalpostView, 'registreringsId'>) => `Vår ref. ${jp.registreringsId}`;

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The form for an answer to `jps` (the first is the one opened): to their senders, with the reference. */
export function svarSkjema(jps: readonly JournalpostView[], messageId: string | null): ReplyForm {
  const first = jps[0]!;
  const reference = referanseFor(first);
  const to = [...new Set(jps.flatMap((jp) => jp.korrespondanseparter.filter((p) => p.korrespondanseparttype === 'EA' && p.epostadresse).map((p) => p.epostadresse!)))];
  return { inReplyTo: messageId, to, subject: `SV: ${first.tittel} [${reference}]`, htmlBody: `<p></p><p>${escape(reference)}</p>`, reference };
}

/** Opens the form and remembers the answer the pane now waits for. */
export async function svarMedEpost(port: MailboxPort, jps: readonly JournalpostView[], messageId: string | null): Promise<VentendeSvar> {
  const form = svarSkjema(jps, messageId);
  const since = new Date().toISOString();
  const opened = await port.openReply(form);
  const v: VentendeSvar = {
    reference: form.reference,
    sakId: jps[0]!.sakId,
    journalpostIds: jps.map((j) => j.systemId),
    tittel: jps[0]!.tittel,
    since,
    conversationId: opened.kind === 'svar' ? opened.conversationId : null,
  };
  save([...ventendeSvar().filter((x) => x.reference !== v.reference), v]);
  window.dispatchEvent(new Event('arkiv-svar-venter'));
  return v;
}

export interface Arkivert {
  readonly tittel: string;
  readonly journalpostId: string;
}

/** Archives every waiting answer that has been sent; each one is forgotten once archived (or found archived already). */
export async function arkiverSendteSvar(api: Api, port: MailboxPort): Promise<{ arkivert: Arkivert[]; feil: string[] }> {
  const arkivert: Arkivert[] = [];
  const feil: string[] = [];
  for (const v of ventendeSvar()) {
    let found;
    try {
      found = await port.findSent({ reference: v.reference, since: v.since, conversationId: v.conversationId });
    } catch (e) {
      feil.push(e instanceof Error ? e.message : String(e));
      continue;
    }
    const mail = found.find((m) => m.ok);
    if (!mail?.ok) continue;
    const importer = async (besvarer: boolean) => {
      const { resultater } = await api.importer(v.sakId, { retning: 'sendt', ...(besvarer ? { besvarer: v.journalpostIds.join(',') } : {}) }, [mail.mime]);
      const r = resultater[0];
      if (r?.journalpostId) arkivert.push({ tittel: r.tittel ?? v.tittel, journalpostId: r.journalpostId });
      forget(v.reference);
      await port.addCategory(mail.item.itemId, ARKIVERT_KATEGORI).catch(() => undefined);
    };
    const melding = (e: unknown) => `${v.tittel}: ${e instanceof Error ? e.message : String(e)}`;
    try {
      await importer(true);
    } catch (e) {
      if (e instanceof ApiError && e.problem.code === 'already_imported') {
        forget(v.reference);
        continue;
      }
      if (!(e instanceof ApiError) || e.status >= 500) {
        feil.push(melding(e));
        continue;
      }
      // The answered journalposter could not be avskrevet (done meanwhile, moved …): the answer is archived all the same.
      feil.push(melding(e));
      await importer(false).catch((e2: unknown) => feil.push(melding(e2)));
    }
  }
  return { arkivert, feil };
}
