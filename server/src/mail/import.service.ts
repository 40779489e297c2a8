import { once } from 'node:events';
import type { Kysely, Transaction } from 'kysely';
import { type KorrespondansepartInput, type Korrespondanseparttype, type SakCreate, type SkjermingInput, vedleggTittel } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { BlobStore, StagedBlob } from '../blob/blob-store';
import type { DB } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors/app-error';
import { sakPolicy } from '../policies/sak.policy';
import { findSak } from '../sak/sak.repository';
import { appendHistorikk } from '../historikk/historikk.repository';
import { type JournalpostDefaults, opprettJournalpost } from '../journalpost/journalpost.service';
import { createSakIn } from '../sak/sak.service';
import { registrerSendtEpost } from '../utsending/ekspeder.service';
import { archivePdf } from './archive-pdf';
import { PDF_FORMAT_DETALJER } from './body-pdf';
import { cleanSubject, originalSenderFromBody, referenceFrom } from './forwarded';
import { findImport, insertDokumentIn, journalpostTitles, uniqueTitle } from './import.repository';
import { readMime } from './mime-reader';
import { CFB_MAGIC, readMsg } from './msg-reader';
import { type NestedMessage, readNested } from './nested';
import { type MailAddress, type MailAttachment, type ParsedMail, discardAll } from './parsed-mail';
import { unpackWinmail } from './winmail';

export type Retning = 'mottatt' | 'sendt';

export interface ImportOptions {
  readonly retning: Retning;
  /** Override of the dokumenttype (manual §10.3: Sent Items → U, changeable to N or X). */
  readonly journalposttype?: 'N' | 'X';
  readonly tittel?: string;
  /** Title line 2 (§4: the screened part of the title), set at registration. */
  readonly tittel2?: string;
  readonly forfallsdato?: string;
  readonly skjerming?: SkjermingInput;
  /** Corrected attachment titles by file name (§10.3 "check and correct ... attachment titles"). */
  readonly vedleggTitler?: Readonly<Record<string, string>>;
  /** Register the original sender of a forwarded mail instead of the forwarder. */
  readonly brukOpprinneligAvsender?: boolean;
}

export type ImportTarget = { readonly sakId: string } | { readonly nySak: SakCreate };

export interface UploadedMail {
  readonly staged: StagedBlob;
  readonly filnavn: string;
}

export interface ImportResult {
  readonly filnavn: string;
  readonly status: number;
  readonly journalpostId?: string;
  readonly sakId?: string;
  readonly tittel?: string;
  readonly advarsler?: readonly string[];
  readonly foreslaattAvsender?: MailAddress | null;
  readonly problem?: { code: string; detail: string; existing?: string };
}

export { KANAL_OUTLOOK } from '../ekspedering/ekspeder';

/**
 * Manual §10.3: imports messages into one sak, each in its own transaction, so one bad
 * message neither stops the others nor leaves anything behind. A new sak is created in the
 * transaction of the first message that succeeds.
 */
export async function importMessages(
  db: Kysely<DB>,
  blobs: BlobStore,
  actor: Actor,
  target: ImportTarget,
  options: ImportOptions,
  files: readonly UploadedMail[],
  limits: { maxBytes: number },
  now = new Date(),
  defaults: JournalpostDefaults = {},
): Promise<ImportResult[]> {
  let sakId = 'sakId' in target ? target.sakId : undefined;
  const results: ImportResult[] = [];
  for (const file of files) {
    try {
      const r = await importOne(db, blobs, actor, sakId ?? (target as { nySak: SakCreate }).nySak, options, file, limits, now, defaults);
      sakId = r.sakId;
      results.push(r);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ filnavn: file.filnavn, status: err.status, problem: { code: err.code, detail: err.detail ?? err.message, ...(typeof err.extensions.existing === 'string' ? { existing: err.extensions.existing } : {}) } });
    } finally {
      await file.staged.discard();
    }
  }
  return results;
}

async function firstBytes(staged: StagedBlob, n: number): Promise<Buffer> {
  const stream = staged.read();
  const [chunk] = (await Promise.race([once(stream, 'data'), once(stream, 'end').then(() => [Buffer.alloc(0)])])) as [Buffer];
  stream.destroy();
  return chunk.subarray(0, n);
}

/** Reads the message and unpacks any winmail.dat in it; on failure nothing stays staged. */
async function parse(file: UploadedMail, blobs: BlobStore, maxBytes: number): Promise<ParsedMail> {
  const mail = await read(file, blobs, maxBytes);
  try {
    return await unpackWinmail(mail, blobs, maxBytes);
  } catch (err) {
    await discardAll(mail);
    throw err;
  }
}

async function read(file: UploadedMail, blobs: BlobStore, maxBytes: number): Promise<ParsedMail> {
  if (file.staged.size === 0) throw new AppError('mail_unreadable', `${file.filnavn}: filen er tom`);
  const head = await firstBytes(file.staged, 8);
  if (head.equals(CFB_MAGIC)) {
    if (!file.staged.localPath) throw new AppError('unsupported_media_type', 'Outlook-filer krever lokal mellomlagring');
    return readMsg(file.staged.localPath, blobs, maxBytes);
  }
  if (/\.msg$/i.test(file.filnavn)) throw new AppError('mail_unreadable', `${file.filnavn}: filen heter .msg men er ikke en Outlook-melding`);
  // A MIME message is text; a NUL byte in its first bytes means some other binary file.
  if (head.includes(0)) throw new AppError('mail_unreadable', `${file.filnavn}: filen er ikke en e-post (.eml eller .msg)`);
  return readMime(file.staged.read(), blobs, maxBytes);
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

function parter(mail: ParsedMail, type: 'I' | 'U' | 'N' | 'X', retning: Retning, avsender: MailAddress | undefined, deresReferanse: string | null): KorrespondansepartInput[] {
  const part = (a: MailAddress, t: Korrespondanseparttype, ref?: string | null): KorrespondansepartInput => ({
    korrespondanseparttype: t,
    navn: (a.navn || a.epost).slice(0, 500),
    epostadresse: a.epost,
    ...(ref ? { deresReferanse: ref } : {}),
  });
  const intern = type === 'N' || type === 'X';
  if (retning === 'mottatt') return avsender ? [part(avsender, intern ? 'IA' : 'EA', deresReferanse)] : [];
  return [...mail.til.map((a) => part(a, intern ? 'IM' : 'EM')), ...mail.kopi.map((a) => part(a, intern ? 'IK' : 'EK'))];
}

async function importOne(
  db: Kysely<DB>,
  blobs: BlobStore,
  actor: Actor,
  sak: string | SakCreate,
  options: ImportOptions,
  file: UploadedMail,
  limits: { maxBytes: number },
  now: Date,
  defaults: JournalpostDefaults,
): Promise<ImportResult & { sakId: string }> {
  // Authorize against the target sak before anything else (no duplicate hints to outsiders).
  if (typeof sak === 'string') {
    const row = await findSak(db, sak);
    if (!row) throw notFound('Saken');
    if (!sakPolicy.addJournalpost(actor, row)) {
      if (row.saksstatus === 'A' || row.saksstatus === 'U') throw new AppError('sak_closed', `Saken har status ${row.saksstatus}`);
      throw forbidden('Du kan ikke legge journalposter til denne saken');
    }
  }
  const mail = await parse(file, blobs, limits.maxBytes);
  const staged: StagedBlob[] = mail.vedlegg.map((v) => v.staged);
  const created: string[] = [];
  try {
    const dedupeKey = mail.messageId ? `mid:${mail.messageId}` : `sha256:${file.staged.sha256}`;
    const existing = await findImport(db, dedupeKey);
    if (existing) throw alreadyImported(existing.journalpostId);

    // Each attached message, read once: its archive variant, and the first one's From is the
    // original sender of a forward (else the quoted headers in the text).
    const nestedRead = new Map<MailAttachment, NestedMessage>();
    for (const v of mail.vedlegg.filter((x) => x.melding)) {
      const r = await readNested(v, blobs, limits.maxBytes);
      if (r.pdf) staged.push(r.pdf);
      nestedRead.set(v, r);
    }
    const fraNested = [...nestedRead.values()][0]?.fra ?? null;
    const forwarder = mail.fra[0];
    const opprinnelig = fraNested ?? originalSenderFromBody(mail.emne, mail.tekst);
    const foreslaattAvsender = opprinnelig && opprinnelig.epost !== forwarder?.epost ? opprinnelig : null;
    const avsender = options.brukOpprinneligAvsender && foreslaattAvsender ? foreslaattAvsender : forwarder;

    const journalposttype = options.journalposttype ?? (options.retning === 'mottatt' ? 'I' : 'U');
    const emne = cleanSubject(mail.emne);
    const pdf = await archivePdf(mail, blobs);
    staged.push(pdf);

    const result = await db.transaction().execute(async (trx) => {
      const sakId = typeof sak === 'string' ? sak : await createSakIn(trx, actor, sak, now);
      const taken = await journalpostTitles(trx, sakId);
      const tittel = uniqueTitle(options.tittel?.trim() || emne || '(uten emne)', taken);
      const journalpostId = await opprettJournalpost(
        trx,
        actor,
        sakId,
        {
          journalposttype,
          tittel,
          ...(options.tittel2 ? { tittel2: options.tittel2 } : {}),
          ...(mail.dato ? { dokumentdato: isoDate(mail.dato) } : {}),
          ...(options.retning === 'mottatt' && mail.dato ? { mottattDato: mail.dato.toISOString() } : {}),
          ...(options.forfallsdato ? { forfallsdato: options.forfallsdato } : {}),
          ...(options.skjerming ? { skjerming: options.skjerming } : {}),
          korrespondanseparter: parter(mail, journalposttype, options.retning, avsender, referenceFrom(mail.tekst, mail.emne)),
        },
        now,
        defaults,
      );
      await trx
        .insertInto('mailImport')
        .values({
          journalpostId,
          dedupeKey,
          messageId: mail.messageId,
          kilde: mail.kilde,
          originalSjekksum: file.staged.sha256,
          foreslaattAvsender: foreslaattAvsender ? JSON.stringify(foreslaattAvsender) : null,
          merknader: [...mail.advarsler],
          opprettetAvId: actor.bruker.systemId,
        })
        .execute();

      // Hoveddokument: the original message (production format) + the body as PDF (archive variant).
      const original = mail.kilde === 'msg' ? { format: 'application/vnd.ms-outlook', ext: 'msg' } : { format: 'message/rfc822', ext: 'eml' };
      const filnavn = /\.(eml|msg)$/i.test(file.filnavn) ? file.filnavn : `${(emne || 'e-post').slice(0, 100)}.${original.ext}`;
      await insertDokumentIn(trx, actor, journalpostId, 1, 'H', tittel, [
        { variantformat: 'P', staged: file.staged, format: original.format, filnavn },
        { variantformat: 'A', staged: pdf, format: 'application/pdf', formatDetaljer: PDF_FORMAT_DETALJER, filnavn: `${vedleggTittel(filnavn)}.pdf` },
      ]);
      const dokTitler = new Set([tittel.trim().toLowerCase()]);
      let nr = 1;
      const vedleggTitler: string[] = [];
      for (const v of mail.vedlegg.filter((x) => !x.inline)) {
        const vt = uniqueTitle(options.vedleggTitler?.[v.filnavn]?.trim() || vedleggTittel(v.filnavn), dokTitler);
        vedleggTitler.push(vt);
        const a = nestedRead.get(v)?.pdf;
        await insertDokumentIn(trx, actor, journalpostId, ++nr, 'V', vt, [
          { variantformat: 'P', staged: v.staged, format: v.mimeType, filnavn: v.filnavn },
          ...(a ? [{ variantformat: 'A' as const, staged: a, format: 'application/pdf', formatDetaljer: PDF_FORMAT_DETALJER, filnavn: `${vedleggTittel(v.filnavn)}.pdf` }] : []),
        ]);
      }
      await appendHistorikk(trx, actor, {
        handling: 'epost_importert',
        objekttype: 'journalpost',
        objektId: journalpostId,
        sakId,
        journalpostId,
        data: { kilde: mail.kilde, messageId: mail.messageId, sjekksum: file.staged.sha256, retning: options.retning, vedlegg: vedleggTitler, advarsler: mail.advarsler, foreslaattAvsender },
      });

      // §10.3: a sent mail has already gone out; expedite it so it never lingers in Dokumenter i arbeid.
      // The same expedition as "Ekspeder" (status E and its effects), every recipient on
      // channel "annen" (e-post, sendt fra Outlook); nothing is queued.
      if (options.retning === 'sendt') await registrerSendtEpost(trx, actor, journalpostId, mail.dato ?? now);

      for (const s of staged) if ((await s.commit()).created) created.push(s.sha256);
      if ((await file.staged.commit()).created) created.push(file.staged.sha256);
      return { sakId, journalpostId, tittel };
    });
    return { filnavn: file.filnavn, status: 201, ...result, advarsler: mail.advarsler, foreslaattAvsender };
  } catch (err) {
    await Promise.all(staged.map((s) => s.discard()));
    await removeUnreferenced(db, blobs, created);
    if ((err as { code?: string }).code === '23505') {
      const dedupeKey = mail.messageId ? `mid:${mail.messageId}` : `sha256:${file.staged.sha256}`;
      const existing = await findImport(db, dedupeKey);
      if (existing) throw alreadyImported(existing.journalpostId);
    }
    throw err;
  } finally {
    await discardAll(mail);
  }
}


function alreadyImported(journalpostId: string) {
  return new AppError('already_imported', 'Meldingen er allerede importert', { existing: `/api/journalposter/${journalpostId}` });
}

/** After a rollback: blobs this import put in place go again unless some version uses them. */
async function removeUnreferenced(db: Kysely<DB> | Transaction<DB>, blobs: BlobStore, shas: readonly string[]) {
  for (const sha of shas) {
    const ref = await db.selectFrom('dokumentversjon').select('systemId').where('sjekksum', '=', sha).executeTakeFirst();
    if (!ref) await blobs.delete(sha);
  }
}
