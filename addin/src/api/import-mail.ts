import type { LoadedMail, MailItem } from '../office/port';
import type { Api } from './client';
import { ApiError } from './http';
import type { ImportFelter, ImportResultat, JournalpostView, SkjermingInput } from './types';

/** What the user checked and corrected before importing one mail (§10.3). */
export interface ImportChoices {
  readonly journalposttype: 'I' | 'U' | 'N' | 'X';
  readonly tittel: string;
  readonly tittel2?: string;
  readonly forfallsdato?: string;
  /** A forwarded mail: register the original sender instead of the last forwarder. */
  readonly brukOpprinneligAvsender?: boolean;
  /** A received mail's sender as the user corrected it (replaces From). */
  readonly avsender?: { readonly navn: string; readonly epost: string } | null;
  readonly skjerming?: SkjermingInput | null;
  /** Corrected attachment titles by file name; the server names the others from their file names. */
  readonly vedleggTitler?: Readonly<Record<string, string>>;
  /** Attachments (by file name) that do not go along: not registered as documents. */
  readonly utenVedlegg?: readonly string[];
}

/** One mail to import, with what the user checked and corrected on it (none: as the mail says). */
export interface ImportItem {
  readonly mail: LoadedMail & { ok: true };
  readonly choices?: ImportChoices | undefined;
}

/** Where the mails go: an existing sak, or a new one the server creates with the first mail that imports. */
export type ImportTarget = { readonly sakId: string } | { readonly nySak: { readonly sakTittel: string; readonly sakstype: string } };

/** One message's outcome: the journalpost, or the server's reason (with the existing one for a duplicate). */
export type ImportOutcome =
  | { readonly ok: true; readonly subject: string; readonly journalpost: JournalpostView; readonly ekspedert: boolean; readonly advarsler: readonly string[] }
  | { readonly ok: false; readonly subject: string; readonly error: string; readonly existingJournalpostId?: string };

const IMPORTED_KEY = 'arkiv.importert';
const idFromLink = (link: string | undefined) => link?.split('/').pop();

/**
 * "Already imported" for the mail the user opens (§10.3): the server knows every import by
 * Message-ID, subject and sender (some mailers reuse one Message-ID for different messages),
 * whoever made it and from which device; this browser's own list answers at once while the
 * server is asked (and when it cannot be reached). A second import is refused with 409
 * already_imported and a link either way.
 */
export async function checkImported(api: Api, item: Pick<MailItem, 'internetMessageId' | 'subject' | 'from'> | null): Promise<{ registreringsId: string; journalpostId: string } | null> {
  const internetMessageId = item?.internetMessageId ?? null;
  if (!item || !internetMessageId) return null;
  try {
    const { journalpost } = await api.importertMelding(internetMessageId, item.subject, item.from?.email ?? '');
    return journalpost ? { registreringsId: journalpost.registreringsId, journalpostId: journalpost.systemId } : null;
  } catch {
    return findImported(internetMessageId);
  }
}

export function findImported(internetMessageId: string | null): { registreringsId: string; journalpostId: string } | null {
  if (!internetMessageId) return null;
  const local = JSON.parse(localStorage.getItem(IMPORTED_KEY) ?? '{}') as Record<string, { registreringsId: string; journalpostId: string }>;
  return local[internetMessageId] ?? null;
}

function rememberImported(internetMessageId: string | null, jp: { registreringsId: string; systemId: string }) {
  if (!internetMessageId) return;
  const local = JSON.parse(localStorage.getItem(IMPORTED_KEY) ?? '{}') as Record<string, unknown>;
  local[internetMessageId] = { registreringsId: jp.registreringsId, journalpostId: jp.systemId };
  localStorage.setItem(IMPORTED_KEY, JSON.stringify(local));
}

const felterFor = (type: ImportChoices['journalposttype'], c?: ImportChoices): ImportFelter => ({
  // Inbox → I, Sent Items → U; N and X are sent mail registered as notat (§10.3).
  retning: type === 'I' ? 'mottatt' : 'sendt',
  ...(type === 'N' || type === 'X' ? { journalposttype: type } : {}),
  ...(c?.tittel.trim() ? { tittel: c.tittel.trim() } : {}),
  ...(c?.tittel2?.trim() ? { tittel2: c.tittel2.trim() } : {}),
  ...(c?.vedleggTitler && Object.keys(c.vedleggTitler).length ? { vedleggTitler: JSON.stringify(c.vedleggTitler) } : {}),
  ...(c?.utenVedlegg?.length ? { utenVedlegg: JSON.stringify(c.utenVedlegg) } : {}),
  ...(c?.forfallsdato ? { forfallsdato: c.forfallsdato } : {}),
  ...(c?.skjerming ? { tilgangskode: c.skjerming.tilgangskode, skjermingsnivaa: c.skjerming.skjermingsnivaa as 1 | 2 | 3, skjermingshjemmel: c.skjerming.skjermingshjemmel ?? '' } : {}),
  // Several mails at once: a forwarded one gets its original sender, as the user would choose (§10.3).
  ...(!c || c.brukOpprinneligAvsender ? { brukOpprinneligAvsender: true } : {}),
  ...(type === 'I' && c?.avsender ? { avsenderNavn: c.avsender.navn, avsenderEpost: c.avsender.epost } : {}),
});

/**
 * Imports mails into a sak through the server's mail import (POST /api/saker/:id/import, or
 * POST /api/import for a new sak, created in the same transaction as the first mail) with the
 * raw message from Outlook: the server parses it, registers sender/recipients (the original
 * sender of a forwarded mail on request), stores the message and its attachments, refuses a
 * duplicate (409 with a link), and expedites a sent mail (§10.3). One request per mail, each
 * with that mail's own choices; `onProgress` hears how many are done.
 */
export async function importMails(api: Api, target: ImportTarget, items: readonly ImportItem[], onProgress?: (done: number) => void): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  let sakId = 'sakId' in target ? target.sakId : undefined;
  for (const { mail: m, choices } of items) {
    const felter = felterFor(choices?.journalposttype ?? (m.item.direction === 'sent' ? 'U' : 'I'), choices);
    try {
      const { resultater } = sakId ? await api.importer(sakId, felter, [m.mime]) : await api.importerNySak((target as Extract<ImportTarget, { nySak: unknown }>).nySak, felter, [m.mime]);
      const r = resultater[0];
      if (!r?.journalpostId) {
        const existing = idFromLink(r?.problem?.existing);
        outcomes.push({ ok: false, subject: m.item.subject, error: r?.problem?.detail ?? 'Ukjent feil', ...(existing ? { existingJournalpostId: existing } : {}) });
      } else {
        sakId ??= r.sakId;
        const jp = await api.getJournalpost(r.journalpostId);
        rememberImported(m.item.internetMessageId, jp);
        outcomes.push({ ok: true, subject: m.item.subject, journalpost: jp, ekspedert: jp.journalstatus === 'E', advarsler: r.advarsler ?? [] });
      }
    } catch (err) {
      // The server answers one message with the problem itself (e.g. 409 already_imported).
      if (!(err instanceof ApiError)) throw err;
      const existing = idFromLink(err.problem.existing);
      outcomes.push({ ok: false, subject: m.item.subject, error: err.message, ...(existing ? { existingJournalpostId: existing } : {}) });
    }
    onProgress?.(outcomes.length);
  }
  return outcomes;
}
