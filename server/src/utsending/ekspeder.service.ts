import type { Kysely, Transaction } from 'kysely';
import type { EkspederInput } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { BlobStore } from '../blob/blob-store';
import type { MailConfig } from '../config';
import type { DB } from '../db/schema';
import { ekspederJournalpost } from '../ekspedering/ekspeder';
import { AppError, validation } from '../errors/app-error';
import { kreverSynligUtgaaende, loadJournalpostView } from '../journalpost/journalpost.queries';
import { MERKNADSTYPER } from '@arkiv/shared';
import { SKJERMET_TEKST } from '../policies/skjerming';
import { aktiveDokumenter, valgteDokumenter } from './dokumenter.repository';
import { messageIdFor } from './mail-sender';
import { type EpostInnhold, type PapirPakke, registrerUtsendingIn, type UtsendingInput } from './utsending.repository';

export type { EkspederInput };

async function readText(blobs: BlobStore, sha256: string): Promise<string> {
  const { stream } = await blobs.open(sha256);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * §10.7 "Ekspeder", the one user-facing expedition, in one transaction: the
 * ekspederJournalpost (lock, authorize, checks incl. 422 recipient_without_address, status E,
 * channel per recipient, N-notater and kopier, pending avskrivninger take effect), then one
 * utsending row per external recipient. E-mail rows are the outbox; the caller kicks the
 * worker after commit. Paper recipients get a printable bundle (/api/utsendinger/:id/pakke.pdf).
 * A hoveddokument is required only when something is to be e-mailed.
 */
export async function ekspeder(db: Kysely<DB>, blobs: BlobStore, mail: Pick<MailConfig, 'from'>, actor: Actor, journalpostId: string, input: EkspederInput, now = new Date()): Promise<string[]> {
  return db.transaction().execute(async (trx) => (await run(trx, blobs, mail, actor, journalpostId, input, now)).ids);
}

class Preview extends Error {
  constructor(readonly rows: readonly UtsendingInput[]) {
    super('preview');
  }
}

/**
 * §10.7 "preview before sending": the same checks and the same messages as a real
 * expedition, computed in a transaction that is always rolled back.
 */
export async function forhaandsvis(db: Kysely<DB>, blobs: BlobStore, mail: Pick<MailConfig, 'from'>, actor: Actor, journalpostId: string, input: EkspederInput, now = new Date()): Promise<readonly UtsendingInput[]> {
  try {
    await db.transaction().execute(async (trx) => {
      throw new Preview((await run(trx, blobs, mail, actor, journalpostId, input, now)).rows);
    });
  } catch (err) {
    if (err instanceof Preview) return err.rows;
    throw err;
  }
  throw new Error('unreachable');
}

/**
 * §10.3 a mail sent from Outlook, archived afterwards: the same expedition, every recipient on
 * channel "annen" ("e-post, sendt fra Outlook"), one REGISTRERT utsending row each, nothing
 * queued. Used by the server's mail import and by "Ekspeder" with `alleredeSendt` (the add-in).
 */
export async function registrerSendtEpost(trx: Transaction<DB>, actor: Actor, journalpostId: string, sendt: Date): Promise<{ rows: UtsendingInput[]; ids: string[] }> {
  const { sakId, valg } = await ekspederJournalpost(trx, actor, journalpostId, [], sendt, { alleredeSendt: true });
  const rows: UtsendingInput[] = valg.map((v) => ({ korrespondansepartId: v.part.systemId, kanal: v.kanal, ...(v.kanalBeskrivelse ? { kanalBeskrivelse: v.kanalBeskrivelse } : {}), mottakerNavn: v.part.navn, mottakerEpost: v.part.epostadresse, status: 'REGISTRERT', sendtDato: sendt }));
  return { rows, ids: await registrerUtsendingIn(trx, actor, journalpostId, sakId, rows) };
}

/** The journalpost's merknader as lines ("Formell merknad: ..."), as the expediting user sees them; screened ones stay home. */
async function merknadLinjer(trx: Transaction<DB>, actor: Actor, journalpostId: string): Promise<string[]> {
  const view = await loadJournalpostView(trx, actor, journalpostId);
  return view.merknader.filter((m) => m.merknadstekst !== SKJERMET_TEKST).map((m) => `${MERKNADSTYPER.find((t) => t.kode === m.merknadstype)?.navn ?? m.merknadstype}: ${m.merknadstekst}`);
}

async function run(trx: Transaction<DB>, blobs: BlobStore, mail: Pick<MailConfig, 'from'>, actor: Actor, journalpostId: string, input: EkspederInput, now: Date) {
  if (input.alleredeSendt) {
    if (input.mottakere?.length) throw validation('/mottakere', 'angi ikke mottakere sammen med alleredeSendt');
    return registrerSendtEpost(trx, actor, journalpostId, now);
  }
  // Whoever expedites sees what goes out and to whom: a user with rights on the journalpost but
  // without the code that screens its recipients or documents is refused before anything is named.
  await kreverSynligUtgaaende(trx, actor, journalpostId, 'den som ekspederer');
  const { sakId, valg } = await ekspederJournalpost(trx, actor, journalpostId, input.mottakere ?? [], now);
  const jp = await trx
    .selectFrom('journalpost as j')
    .innerJoin('sak as s', 's.systemId', 'j.sakId')
    .select(['j.tittel', 'j.dokumentnummer', 's.mappeId'])
    .where('j.systemId', '=', journalpostId)
    .executeTakeFirstOrThrow();

  // §10.7: what goes is what the user chose (documents, versions, merknader), the same for
  // every recipient and every channel; without a choice, every document in its newest version.
  const valgte = await valgteDokumenter(trx, journalpostId, input.dokumenter);
  const merknader = input.merknader ? await merknadLinjer(trx, actor, journalpostId) : [];

  let epost: Omit<EpostInnhold, 'til'> | undefined;
  if (valg.some((v) => v.kanal === 'epost')) {
    const hoved = valgte.find((d) => d.tilknytning === 'H');
    if (!hoved?.produksjon && !hoved?.arkiv) {
      throw input.dokumenter && (await aktiveDokumenter(trx, journalpostId)).some((d) => d.tilknytning === 'H')
        ? validation('/dokumenter', 'hoveddokumentet må være med når brevet sendes på e-post')
        : new AppError('unprocessable', 'Journalposten har ikke noe hoveddokument å sende på e-post');
    }
    const somTekst = input.hoveddokumentSom === 'tekst' && !!hoved.produksjon?.format.startsWith('text/plain');
    const hovedVedlegg = (hoved.arkiv ?? hoved.produksjon)!;
    const vedlegg = [
      ...(somTekst ? [] : [{ sha256: hovedVedlegg.sha256, filnavn: hovedVedlegg.filnavn, format: hovedVedlegg.format }]),
      ...valgte.filter((d) => d.tilknytning === 'V' && (d.arkiv ?? d.produksjon)).map((d) => ({ ...(d.arkiv ?? d.produksjon)! })),
    ];
    const ref = `${jp.mappeId}-${jp.dokumentnummer}`;
    const tekst = [
      input.epostTekst?.trim(),
      somTekst ? await readText(blobs, hoved.produksjon!.sha256) : `Vedlagt følger ${jp.tittel}.`,
      merknader.length ? `Merknader:\n${merknader.map((m) => `- ${m}`).join('\n')}` : undefined,
      `Vår referanse: ${ref}`,
    ]
      .filter(Boolean)
      .join('\n\n');
    epost = { fra: mail.from, emne: `${jp.tittel} (vår ref. ${ref})`, tekst, vedlegg };
  }
  // The paper bundle is printed later (/api/utsendinger/:id/pakke.pdf): it keeps what was chosen now.
  const pakke: PapirPakke = {
    deler: valgte.filter((d) => d.arkiv ?? d.produksjon).map((d) => ({ tittel: d.tittel, ...(d.arkiv ?? d.produksjon)! })),
    ...(merknader.length ? { merknader } : {}),
  };

  const rows: UtsendingInput[] = valg.map(({ part: p, kanal, kanalBeskrivelse }) => {
    const base = { korrespondansepartId: p.systemId, kanal, mottakerNavn: p.navn, mottakerEpost: p.epostadresse, ...(kanalBeskrivelse ? { kanalBeskrivelse } : {}) };
    if (kanal === 'papir') return { ...base, status: 'REGISTRERT', sendtDato: now, pakke };
    if (kanal !== 'epost' || !epost) return { ...base, status: 'REGISTRERT', sendtDato: now };
    const innhold: EpostInnhold = { ...epost, til: p.navn ? `"${p.navn.replace(/"/g, '')}" <${p.epostadresse}>` : p.epostadresse! };
    return { ...base, status: 'VENTER', messageId: messageIdFor(journalpostId, p.systemId, mail.from), innhold };
  });
  return { rows, ids: await registrerUtsendingIn(trx, actor, journalpostId, sakId, rows) };
}
