import type { Transaction } from 'kysely';
import type { Actor } from '../auth/actor';
import type { DB, Utsendingskanal, Utsendingsstatus } from '../db/schema';
import { appendHistorikk } from '../historikk/historikk.repository';

/** What goes into an e-mail: stored on the outbox row so the worker needs nothing else. */
export interface EpostInnhold {
  readonly fra: string;
  readonly til: string;
  readonly emne: string;
  readonly tekst: string;
  readonly html?: string;
  readonly vedlegg: readonly { readonly sha256: string; readonly filnavn: string; readonly format: string }[];
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
}

/**
 * Writes one utsending row per recipient and the expedition's historikk entry, in the
 * expedition's transaction. E-mail rows (status VENTER) are the outbox: the worker picks
 * them up after commit.
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
        innhold: JSON.stringify(r.innhold ?? {}),
        opprettetAvId: actor.bruker.systemId,
      })),
    )
    .returning(['systemId'])
    .execute();
  await appendHistorikk(trx, actor, {
    handling: 'journalpost_ekspedert',
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
