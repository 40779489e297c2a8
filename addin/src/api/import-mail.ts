import type { LoadedMail, MailAddress } from '../office/port';
import type { Api } from './client';
import { ApiError } from './http';
import type { JournalpostView, SkjermingInput } from './types';

/** What the user checked and corrected before importing one mail (§10.3). */
export interface ImportChoices {
  readonly journalposttype: 'I' | 'U' | 'N' | 'X';
  readonly tittel: string;
  readonly tittel2?: string;
  readonly forfallsdato?: string;
  /** The sender to register for an incoming mail (the original sender of a forwarded mail, if chosen). */
  readonly avsender?: MailAddress | null;
  readonly skjerming?: SkjermingInput | null;
  /** Titles per attachment, by index; empty keeps the file name. */
  readonly vedleggTitler?: readonly string[];
}

export interface ImportResult {
  readonly journalpost: JournalpostView;
  /** A sent mail must be expedited on import (§10.3); false when the server lacks the function. */
  readonly ekspedert: boolean | null;
}

const IMPORTED_KEY = 'arkiv.importert';

/** Already-imported mails: the server's lookup when it has one, else what this browser imported. */
export async function findImported(api: Api, internetMessageId: string | null): Promise<{ registreringsId: string; journalpostId: string } | null> {
  if (!internetMessageId) return null;
  try {
    const hit = await api.importertEpost(internetMessageId);
    if (hit) return hit;
  } catch (err) {
    if (!(err instanceof ApiError && err.notAvailable)) throw err;
  }
  const local = JSON.parse(localStorage.getItem(IMPORTED_KEY) ?? '{}') as Record<string, { registreringsId: string; journalpostId: string }>;
  return local[internetMessageId] ?? null;
}

function rememberImported(internetMessageId: string | null, jp: JournalpostView) {
  if (!internetMessageId) return;
  const local = JSON.parse(localStorage.getItem(IMPORTED_KEY) ?? '{}') as Record<string, unknown>;
  local[internetMessageId] = { registreringsId: jp.registreringsId, journalpostId: jp.systemId };
  localStorage.setItem(IMPORTED_KEY, JSON.stringify(local));
}

const blob = (bytes: Uint8Array, type: string) => new Blob([bytes as BlobPart], { type });

/**
 * Imports one loaded mail into a sak with the server's own calls: a journalpost with the
 * korrespondansepart from the mail, the whole message (.eml) as hoveddokument and each
 * attachment as vedlegg. A sent mail (U) is then expedited.
 */
export async function importMail(api: Api, sakId: string, mail: LoadedMail & { ok: true }, choices: ImportChoices): Promise<ImportResult> {
  const { item } = mail;
  const incoming = choices.journalposttype === 'I';
  const parter = incoming
    ? [choices.avsender ?? item.from].filter((a): a is MailAddress => !!a).map((a) => ({ korrespondanseparttype: 'EA' as const, navn: a.name || a.email, epostadresse: a.email }))
    : choices.journalposttype === 'U'
      ? item.to.map((a) => ({ korrespondanseparttype: 'EM' as const, navn: a.name || a.email, epostadresse: a.email }))
      : [];
  const dato = item.dateTimeCreated.slice(0, 10);
  let jp = await api.createJournalpost(sakId, {
    journalposttype: choices.journalposttype,
    tittel: choices.tittel.trim() || item.subject || '(uten emne)',
    ...(choices.tittel2 ? { tittel2: choices.tittel2 } : {}),
    ...(choices.forfallsdato ? { forfallsdato: choices.forfallsdato } : {}),
    ...(choices.skjerming ? { skjerming: choices.skjerming } : {}),
    dokumentdato: dato,
    ...(incoming ? { mottattDato: item.dateTimeCreated } : {}),
    ...(parter.length ? { korrespondanseparter: parter } : {}),
  });
  jp = await api.uploadDokument(jp.systemId, blob(mail.mime.bytes, mail.mime.contentType), mail.mime.name, { tittel: jp.tittel, tilknytning: 'H' });
  for (const [i, a] of mail.attachments.entries()) {
    const tittel = choices.vedleggTitler?.[i]?.trim();
    jp = await api.uploadDokument(jp.systemId, blob(a.bytes, a.contentType), a.name, { ...(tittel ? { tittel } : {}), tilknytning: 'V' });
  }
  let ekspedert: boolean | null = null;
  if (choices.journalposttype === 'U') {
    try {
      jp = await api.markerEkspedert(jp.systemId);
      ekspedert = true;
    } catch (err) {
      if (!(err instanceof ApiError && err.notAvailable)) throw err;
      ekspedert = false;
    }
  }
  rememberImported(item.internetMessageId, jp);
  return { journalpost: jp, ekspedert };
}
