import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../auth/actor';
import type { BlobStore } from '../blob/blob-store';
import type { MailConfig } from '../config';
import type { DB, Utsendingskanal } from '../db/schema';
import { AppError } from '../errors/app-error';
import { aktiveDokumenter } from './dokumenter.repository';
import { settEkspedert } from './ekspeder-status';
import { messageIdFor } from './mail-sender';
import { type EpostInnhold, registrerUtsendingIn, type UtsendingInput } from './utsending.repository';

export interface EkspederInput {
  /** Channel per recipient; recipients left out get e-mail when they have an address, else paper. */
  readonly mottakere?: readonly { readonly korrespondansepartId: string; readonly kanal: Utsendingskanal; readonly kanalBeskrivelse?: string }[];
  /** §10.7: the main document as the mail body (text documents) or as a PDF attachment. */
  readonly hoveddokumentSom?: 'tekst' | 'vedlegg';
  /** Free mail text; sent, not archived as a document. */
  readonly epostTekst?: string;
}

const MOTTAKERTYPER = ['EM', 'EK', 'IM', 'IK'] as const;

async function readText(blobs: BlobStore, sha256: string): Promise<string> {
  const { stream } = await blobs.open(sha256);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * §10.7 Ekspedere, in one transaction: lock, authorize and set E (through the seam), check
 * every e-mail recipient has an address (422 listing those without), then write one
 * utsending row per recipient. E-mail rows are the outbox; the caller kicks the worker after
 * commit. Paper recipients get a printable bundle (/api/utsendinger/:id/pakke.pdf).
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

async function run(trx: Transaction<DB>, blobs: BlobStore, mail: Pick<MailConfig, 'from'>, actor: Actor, journalpostId: string, input: EkspederInput, now: Date) {
  const { sakId } = await settEkspedert(trx, actor, journalpostId, now);
  const jp = await trx
    .selectFrom('journalpost as j')
    .innerJoin('sak as s', 's.systemId', 'j.sakId')
    .select(['j.tittel', 'j.dokumentnummer', 's.mappeId'])
    .where('j.systemId', '=', journalpostId)
    .executeTakeFirstOrThrow();
  const parter = await trx.selectFrom('korrespondansepart').selectAll().where('journalpostId', '=', journalpostId).where('korrespondanseparttype', 'in', [...MOTTAKERTYPER]).orderBy('rekkefolge').execute();
  if (parter.length === 0) throw new AppError('unprocessable', 'Journalposten har ingen mottakere å ekspedere til');
  const valgt = new Map((input.mottakere ?? []).map((m) => [m.korrespondansepartId, m]));
  for (const id of valgt.keys()) {
    if (!parter.some((p) => p.systemId === id)) throw new AppError('validation_failed', 'Ukjent mottaker', { errors: [{ field: '/mottakere', message: `${id} er ikke mottaker på journalposten` }] });
  }
  const kanaler = parter.map((p) => ({ p, valg: valgt.get(p.systemId), kanal: valgt.get(p.systemId)?.kanal ?? (p.epostadresse ? 'epost' : 'papir') }));
  const utenAdresse = kanaler.filter((k) => k.kanal === 'epost' && !k.p.epostadresse);
  if (utenAdresse.length > 0) {
    throw new AppError('recipient_without_address', `E-postmottakere uten adresse: ${utenAdresse.map((k) => k.p.navn).join(', ')}`, {
      mottakere: utenAdresse.map((k) => ({ korrespondansepartId: k.p.systemId, navn: k.p.navn })),
      errors: utenAdresse.map((k) => ({ field: `/mottakere/${k.p.systemId}`, message: `${k.p.navn} mangler e-postadresse` })),
    });
  }

  const dokumenter = await aktiveDokumenter(trx, journalpostId);
  const hoved = dokumenter.find((d) => d.tilknytning === 'H');
  if (!hoved?.produksjon) throw new AppError('unprocessable', 'Journalposten har ikke noe hoveddokument å sende');
  const somTekst = input.hoveddokumentSom === 'tekst' && hoved.produksjon.format.startsWith('text/plain');
  const hovedVedlegg = hoved.arkiv ?? hoved.produksjon;
  const vedlegg = [
    ...(somTekst ? [] : [{ sha256: hovedVedlegg.sha256, filnavn: hovedVedlegg.filnavn, format: hovedVedlegg.format }]),
    ...dokumenter.filter((d) => d.tilknytning === 'V' && d.produksjon).map((d) => ({ ...(d.arkiv ?? d.produksjon)! })),
  ];
  const ref = `${jp.mappeId}-${jp.dokumentnummer}`;
  const tekst = [input.epostTekst?.trim(), somTekst ? await readText(blobs, hoved.produksjon.sha256) : `Vedlagt følger ${jp.tittel}.`, `Vår referanse: ${ref}`].filter(Boolean).join('\n\n');

  const rows: UtsendingInput[] = kanaler.map(({ p, valg, kanal }) => {
    const base = { korrespondansepartId: p.systemId, kanal, mottakerNavn: p.navn, mottakerEpost: p.epostadresse, ...(valg?.kanalBeskrivelse ? { kanalBeskrivelse: valg.kanalBeskrivelse } : {}) };
    if (kanal !== 'epost') return { ...base, status: 'REGISTRERT', sendtDato: now };
    const innhold: EpostInnhold = { fra: mail.from, til: p.navn ? `"${p.navn.replace(/"/g, '')}" <${p.epostadresse}>` : p.epostadresse!, emne: `${jp.tittel} (vår ref. ${ref})`, tekst, vedlegg };
    return { ...base, status: 'VENTER', messageId: messageIdFor(journalpostId, p.systemId, mail.from), innhold };
  });
  return { rows, ids: await registrerUtsendingIn(trx, actor, journalpostId, sakId, rows) };
}
