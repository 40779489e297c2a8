import { isLocked } from '@arkiv/shared';
import type { LoadedMail } from '../office/port';
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
  readonly skjerming?: SkjermingInput | null;
}

/** One message's outcome: the journalpost, or the server's reason (with the existing one for a duplicate). */
export type ImportOutcome =
  | { readonly ok: true; readonly subject: string; readonly journalpost: JournalpostView; readonly ekspedert: boolean; readonly advarsler: readonly string[] }
  | { readonly ok: false; readonly subject: string; readonly error: string; readonly existingJournalpostId?: string };

const IMPORTED_KEY = 'arkiv.importert';
const idFromLink = (link: string | undefined) => link?.split('/').pop();

/**
 * Mails this browser imported, to say "already imported" before the user tries again. The server
 * is the authority: it answers a second import with 409 already_imported and a link.
 */
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
  ...(c?.forfallsdato ? { forfallsdato: c.forfallsdato } : {}),
  ...(c?.skjerming ? { tilgangskode: c.skjerming.tilgangskode, skjermingsnivaa: c.skjerming.skjermingsnivaa as 1 | 2 | 3, skjermingshjemmel: c.skjerming.skjermingshjemmel ?? '' } : {}),
  // Several mails at once: a forwarded one gets its original sender, as the user would choose (§10.3).
  ...(!c || c.brukOpprinneligAvsender ? { brukOpprinneligAvsender: true } : {}),
});

/**
 * Imports mails into a sak through the server's mail import (POST /api/saker/:id/import) with
 * the raw message from Outlook: the server parses it, registers sender/recipients (the original
 * sender of a forwarded mail on request), stores the message and its attachments, refuses a
 * duplicate (409 with a link), and expedites a sent mail (§10.3). Received and sent mails go in
 * one request each; `choices` apply when a single mail is imported.
 */
export async function importMails(api: Api, sakId: string, mails: readonly (LoadedMail & { ok: true })[], choices?: ImportChoices): Promise<ImportOutcome[]> {
  const groups = new Map<ImportChoices['journalposttype'], (LoadedMail & { ok: true })[]>();
  for (const m of mails) {
    const type = choices?.journalposttype ?? (m.item.direction === 'sent' ? 'U' : 'I');
    groups.set(type, [...(groups.get(type) ?? []), m]);
  }
  const outcomes = new Map<LoadedMail, ImportOutcome>();
  for (const [type, group] of groups) {
    let resultater: readonly ImportResultat[];
    try {
      resultater = (await api.importer(sakId, felterFor(type, choices), group.map((m) => m.mime))).resultater;
    } catch (err) {
      // One message: the server answers with the problem itself (e.g. 409 already_imported).
      if (!(err instanceof ApiError) || group.length !== 1) throw err;
      const existing = idFromLink(err.problem.existing);
      outcomes.set(group[0]!, { ok: false, subject: group[0]!.item.subject, error: err.message, ...(existing ? { existingJournalpostId: existing } : {}) });
      continue;
    }
    for (const [i, m] of group.entries()) {
      const r = resultater[i];
      if (!r?.journalpostId) {
        const existing = idFromLink(r?.problem?.existing);
        outcomes.set(m, { ok: false, subject: m.item.subject, error: r?.problem?.detail ?? 'Ukjent feil', ...(existing ? { existingJournalpostId: existing } : {}) });
        continue;
      }
      let jp = await api.getJournalpost(r.journalpostId);
      // Title line 2 is not a field of the import; set it on the new journalpost.
      if (choices?.tittel2?.trim() && group.length === 1 && !isLocked(jp.journalstatus)) jp = await api.updateJournalpost(jp.systemId, { tittel2: choices.tittel2.trim() });
      rememberImported(m.item.internetMessageId, jp);
      outcomes.set(m, { ok: true, subject: m.item.subject, journalpost: jp, ekspedert: jp.journalstatus === 'E', advarsler: r.advarsler ?? [] });
    }
  }
  return mails.map((m) => outcomes.get(m)!);
}
