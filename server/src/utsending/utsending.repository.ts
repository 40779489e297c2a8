import type { Kysely, Transaction } from 'kysely';
import type { JournalpostView, UtsendingView } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB, Utsendingskanal, Utsendingsstatus } from '../db/schema';
import { appendHistorikk } from '../historikk/historikk.repository';
import { SKJERMET_TEKST, utgaaendeSkjult } from '../policies/skjerming';

/** What goes into an e-mail: stored on the outbox row so the worker needs nothing else. */
export interface EpostInnhold {
  readonly fra: string;
  readonly til: string;
  readonly emne: string;
  readonly tekst: string;
  readonly html?: string;
  readonly vedlegg: readonly { readonly sha256: string; readonly filnavn: string; readonly format: string }[];
}

/** What a paper recipient's bundle holds, chosen at expedition (§10.7): documents in their versions, merknader. */
export interface PapirPakke {
  readonly deler: readonly { readonly tittel: string; readonly sha256: string; readonly filnavn: string; readonly format: string }[];
  readonly merknader?: readonly string[];
}

export interface UtsendingInput {
  readonly korrespondansepartId?: string;
  readonly kanal: Utsendingskanal;
  readonly kanalBeskrivelse?: string;
  readonly mottakerNavn: string;
  readonly mottakerEpost?: string | null;
  readonly status: Utsendingsstatus;
  readonly sendtDato?: Date;
  readonly messageId?: string;
  readonly innhold?: EpostInnhold;
  /** Paper: the bundle's contents, kept on the row so the bundle printed later is what was chosen. */
  readonly pakke?: PapirPakke;
}

/**
 * Writes one utsending row per recipient and a historikk entry naming them (with Message-IDs),
 * in the expedition's transaction, after ekspederJournalpost. E-mail rows (status VENTER) are
 * the outbox: the worker picks them up after commit.
 */
export async function registrerUtsendingIn(trx: Transaction<DB>, actor: Actor, journalpostId: string, sakId: string, rows: readonly UtsendingInput[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await trx
    .insertInto('utsending')
    .values(
      rows.map((r) => ({
        journalpostId,
        korrespondansepartId: r.korrespondansepartId ?? null,
        kanal: r.kanal,
        kanalBeskrivelse: r.kanalBeskrivelse ?? null,
        mottakerNavn: r.mottakerNavn,
        mottakerEpost: r.mottakerEpost ?? null,
        messageId: r.messageId ?? null,
        status: r.status,
        sendtDato: r.sendtDato ?? null,
        innhold: JSON.stringify(r.innhold ?? (r.pakke ? { pakke: r.pakke } : {})),
        opprettetAvId: actor.bruker.systemId,
      })),
    )
    .returning(['systemId'])
    .execute();
  await appendHistorikk(trx, actor, {
    handling: 'utsending_registrert',
    objekttype: 'journalpost',
    objektId: journalpostId,
    sakId,
    journalpostId,
    data: {
      mottakere: rows.map((r, i) => ({
        utsendingId: inserted[i]!.systemId,
        navn: r.mottakerNavn,
        kanal: r.kanal,
        ...(r.kanalBeskrivelse ? { kanalBeskrivelse: r.kanalBeskrivelse } : {}),
        ...(r.mottakerEpost ? { epost: r.mottakerEpost } : {}),
        ...(r.messageId ? { messageId: r.messageId } : {}),
        status: r.status,
      })),
    },
  });
  return inserted.map((r) => r.systemId);
}

/**
 * A journalpost's utsendinger for one reader, screened as the reader's journalpost view is.
 * Recipients are korrespondanseparter: where the view hides the parties (skjerming level 3),
 * names, addresses and SMTP errors (which name the address) are hidden here too. The link to
 * a paper recipient's bundle is given only to a reader the bundle route serves: one who sees
 * everything that goes out (`utgaaendeSkjult`).
 */
export async function listUtsendinger(db: Kysely<DB>, view: Pick<JournalpostView, 'systemId' | 'korrespondanseparterSkjermet' | 'dokumenter'>): Promise<UtsendingView[]> {
  const parterSkjermet = view.korrespondanseparterSkjermet;
  const pakkeSkjult = utgaaendeSkjult(parterSkjermet, view.dokumenter.map((d) => d.skjermet));
  const rows = await db.selectFrom('utsending').selectAll().where('journalpostId', '=', view.systemId).orderBy('opprettetDato').orderBy('mottakerNavn').execute();
  return rows.map((r) => ({
    systemId: r.systemId,
    kanal: r.kanal,
    kanalBeskrivelse: r.kanalBeskrivelse,
    mottakerNavn: parterSkjermet ? SKJERMET_TEKST : r.mottakerNavn,
    mottakerEpost: parterSkjermet ? null : r.mottakerEpost,
    messageId: r.messageId,
    status: r.status,
    forsoek: r.forsoek,
    sendtDato: r.sendtDato?.toISOString() ?? null,
    sistFeil: parterSkjermet ? null : r.sistFeil,
    pakke: r.kanal === 'papir' && !pakkeSkjult ? `/api/utsendinger/${r.systemId}/pakke.pdf` : null,
  }));
}
