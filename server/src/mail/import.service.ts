import { once } from 'node:events';
import type { Kysely, Transaction } from 'kysely';
import { type KorrespondansepartInput, type Korrespondanseparttype, type SakCreate, type SkjermingInput, vedleggTittel } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { BlobStore, StagedBlob } from '../blob/blob-store';
import type { DB } from '../db/schema';
import { AppError, forbidden, notFound, validation } from '../errors/app-error';
import { sakPolicy } from '../policies/sak.policy';
import { findSak } from '../sak/sak.repository';
import { appendHistorikk } from '../historikk/historikk.repository';
import { type JournalpostDefaults, opprettJournalpost } from '../journalpost/journalpost.service';
import { createSakIn } from '../sak/sak.service';
import { registrerSendtEpost } from '../utsending/ekspeder.service';
import { archivePdf } from './archive-pdf';
import { PDF_FORMAT_DETALJER } from './body-pdf';
import { dedupeKey as dedupeKeyOf, legacyDedupeKey } from './dedupe';
import { cleanSubject, originalSenderFromBody, referenceFrom } from './forwarded';
import { type VersjonInput, findImport, insertDokumentIn, journalpostTitles, uniqueTitle } from './import.repository';
import { readMime } from './mime-reader';
import { CFB_MAGIC, readMsg } from './msg-reader';
import { type NestedMessage, readNested } from './nested';
import { type MailAddress, type MailAttachment, type ParsedMail, discardAll, withoutNul } from './parsed-mail';
import { unpackWinmail } from './winmail';
import { dagen } from '../tid';
import { lockJournalpost } from '../journalpost/journalpost.repository';
import { registrerAvskrivning } from '../restanse/avskriv';

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
  /** Attachments (by file name) the user left out (§10.3 check before saving): kept in the original message only, not registered as documents. */
  readonly utenVedlegg?: readonly string[];
  /** Register the original sender of a forwarded mail instead of the forwarder. */
  readonly brukOpprinneligAvsender?: boolean;
  /** Svar med e-post (§10.2): the sent mail answers these journalposter of the same sak, avskrevet EP with it. */
  readonly besvarer?: readonly string[];
  /** A received mail's sender as the user corrected it before saving (§10.3); replaces From. */
  readonly avsender?: MailAddress;
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
    return withoutNul(await unpackWinmail(mail, blobs, maxBytes));
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

function parter(mail: ParsedMail, type: 'I' | 'U' | 'N' | 'X', retning: Retning, avsender: MailAddress | undefined, deresReferanse: string | null): KorrespondansepartInput[] {
  const part = (a: MailAddress, t: Korrespondanseparttype, ref?: string | null): KorrespondansepartInput => ({
    korrespondanseparttype: t,
    navn: (a.navn || a.epost).slice(0, 500),
    ...(a.epost ? { epostadresse: a.epost } : {}),
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
  const dedupeKey = dedupeKeyOf(mail.messageId, mail.emne, mail.fra[0]?.epost || mail.fra[0]?.navn, file.staged.sha256);
  const dedupeKeys = mail.messageId ? [dedupeKey, legacyDedupeKey(mail.messageId)] : [dedupeKey];
  try {
    const existing = await findImport(db, dedupeKeys);
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
    const foreslaattAvsender = opprinnelig && !sameAddress(opprinnelig, forwarder) ? opprinnelig : null;
    const avsender = options.avsender ?? (options.brukOpprinneligAvsender && foreslaattAvsender ? foreslaattAvsender : forwarder);
    const advarsler = [...mail.advarsler];
    if (options.retning === 'mottatt' && avsender && !avsender.epost) {
      advarsler.push(`Avsenderen${avsender.navn ? ` ${avsender.navn}` : ''} har bare en intern Exchange-adresse i meldingen. Fyll inn e-postadressen på avsenderen.`);
    }

    const utenVedlegg = new Set(options.utenVedlegg ?? []);
    const vedlegg = mail.vedlegg.filter((x) => !x.inline);
    const ukjent = [...utenVedlegg].find((navn) => !vedlegg.some((v) => v.filnavn === navn));
    if (ukjent !== undefined) throw validation('/utenVedlegg', `meldingen har ikke vedlegget ${ukjent.slice(0, 200)}`);

    const journalposttype = options.journalposttype ?? (options.retning === 'mottatt' ? 'I' : 'U');
    const emne = cleanSubject(mail.emne);
    const pdf = await archivePdf(mail, blobs);
    staged.push(pdf);
    // Only what a document version refers to is committed to the blob store (inline images
    // live on in the original message, P); the rest is discarded with the staging area.
    const stored = new Set<StagedBlob>();
    const insertDokument = (trx: Transaction<DB>, journalpostId: string, nr: number, tilknytning: 'H' | 'V', tittel: string, versjoner: readonly VersjonInput[]) => {
      for (const v of versjoner) stored.add(v.staged);
      return insertDokumentIn(trx, actor, journalpostId, nr, tilknytning, tittel, versjoner);
    };

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
          ...(mail.dato ? { dokumentdato: dagen(mail.dato) } : {}),
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
          merknader: advarsler,
          opprettetAvId: actor.bruker.systemId,
        })
        .execute();

      // Hoveddokument: the original message (production format) + the body as PDF (archive variant).
      const original = mail.kilde === 'msg' ? { format: 'application/vnd.ms-outlook', ext: 'msg' } : { format: 'message/rfc822', ext: 'eml' };
      const filnavn = /\.(eml|msg)$/i.test(file.filnavn) ? file.filnavn : `${(emne || 'e-post').slice(0, 100)}.${original.ext}`;
      await insertDokument(trx, journalpostId, 1, 'H', tittel, [
        { variantformat: 'P', staged: file.staged, format: original.format, filnavn },
        { variantformat: 'A', staged: pdf, format: 'application/pdf', formatDetaljer: PDF_FORMAT_DETALJER, filnavn: `${vedleggTittel(filnavn)}.pdf` },
      ]);
      const dokTitler = new Set([tittel.trim().toLowerCase()]);
      let nr = 1;
      const vedleggTitler: string[] = [];
      for (const v of vedlegg.filter((x) => !utenVedlegg.has(x.filnavn))) {
        const vt = uniqueTitle(options.vedleggTitler?.[v.filnavn]?.trim() || vedleggTittel(v.filnavn), dokTitler);
        vedleggTitler.push(vt);
        const a = nestedRead.get(v)?.pdf;
        await insertDokument(trx, journalpostId, ++nr, 'V', vt, [
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
        data: { kilde: mail.kilde, messageId: mail.messageId, sjekksum: file.staged.sha256, retning: options.retning, vedlegg: vedleggTitler, ...(utenVedlegg.size ? { utenVedlegg: [...utenVedlegg] } : {}), advarsler, foreslaattAvsender },
      });

      // §10.3: a sent mail has already gone out; expedite it so it never lingers in Dokumenter i arbeid.
      // The same expedition as "Ekspeder" (status E and its effects), every recipient on
      // channel "annen" (e-post, sendt fra Outlook); nothing is queued.
      if (options.retning === 'sendt') await registrerSendtEpost(trx, actor, journalpostId, mail.dato ?? now);
      for (const id of options.besvarer ?? []) await avskrivBesvart(trx, actor, sakId, id, journalpostId, now);

      for (const s of stored) if ((await s.commit()).created) created.push(s.sha256);
      return { sakId, journalpostId, tittel };
    });
    await Promise.all(staged.map((s) => s.discard()));
    return { filnavn: file.filnavn, status: 201, ...result, advarsler, foreslaattAvsender };
  } catch (err) {
    await Promise.all(staged.map((s) => s.discard()));
    await removeUnreferenced(db, blobs, created);
    if ((err as { code?: string }).code === '23505') {
      const existing = await findImport(db, dedupeKeys);
      if (existing) throw alreadyImported(existing.journalpostId);
    }
    throw err;
  } finally {
    await discardAll(mail);
  }
}


/** Svar med e-post: the answered journalpost (same sak) is avskrevet EP, pointing at the archived reply. */
async function avskrivBesvart(trx: Transaction<DB>, actor: Actor, sakId: string, journalpostId: string, svarJournalpostId: string, now: Date) {
  const jp = await lockJournalpost(trx, journalpostId);
  if (!jp || jp.feilregistrertDato) throw validation('/besvarer', `journalposten svaret besvarer finnes ikke: ${journalpostId}`);
  if (jp.sakId !== sakId) throw validation('/besvarer', `svaret må arkiveres i saken til journalposten det besvarer (${journalpostId} er i en annen sak)`);
  await registrerAvskrivning(trx, actor, jp, { avskrivningsmaate: 'EP', svarJournalpostId }, now);
}

/** The same correspondent: by address, or by name when neither has one. */
const sameAddress = (a: MailAddress, b: MailAddress | undefined) => (a.epost || b?.epost ? a.epost === b?.epost : a.navn === b?.navn);

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
