import { sql, type Kysely, type Transaction } from 'kysely';
import type { Tilknytning, Variantformat } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { BlobStore, StagedBlob } from '../blob/blob-store';
import type { DB } from '../db/schema';
import { AppError, notFound } from '../errors/app-error';
import { appendHistorikk } from '../historikk/historikk.repository';
import { lockForAction } from '../journalpost/journalpost.service';
import { dokumentSkjult, journalpostFinnes } from '../journalpost/journalpost.presenter';
import { findJournalpost } from '../journalpost/journalpost.repository';

export interface UploadedFile {
  readonly staged: StagedBlob;
  readonly filnavn: string;
  readonly mimeType: string;
}

/**
 * Runs a document write in one transaction and puts the blob in place just before commit.
 * If anything fails, the staged file is discarded and a blob this call created is removed
 * again unless another version references the same content.
 */
async function withBlob<T>(db: Kysely<DB>, blobs: BlobStore, file: UploadedFile, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  let created = false;
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await work(trx);
      created = (await file.staged.commit()).created;
      return result;
    });
  } catch (err) {
    await file.staged.discard();
    if (created) {
      const ref = await db.selectFrom('dokumentversjon').select('systemId').where('sjekksum', '=', file.staged.sha256).executeTakeFirst();
      if (!ref) await blobs.delete(file.staged.sha256);
    }
    throw err;
  }
}

function versjonValues(dokumentbeskrivelseId: string, versjonsnummer: number, variantformat: Variantformat, file: UploadedFile, actor: Actor) {
  return {
    dokumentbeskrivelseId,
    versjonsnummer,
    variantformat,
    format: file.mimeType,
    filnavn: file.filnavn,
    sjekksum: file.staged.sha256,
    filstoerrelse: file.staged.size,
    opprettetAvId: actor.bruker.systemId,
  };
}

/** Adds a document (hoveddokument or vedlegg) with its first version to a journalpost in R or S. */
export async function addDokument(
  db: Kysely<DB>,
  blobs: BlobStore,
  actor: Actor,
  journalpostId: string,
  input: { tittel: string; tilknytning?: Tilknytning },
  file: UploadedFile,
): Promise<string> {
  return withBlob(db, blobs, file, async (trx) => {
    const { jp } = await lockForAction(trx, actor, journalpostId, 'endre_dokument');
    const existing = await trx.selectFrom('dokumentbeskrivelse').select(['tittel', 'tilknyttetRegistreringSom']).where('journalpostId', '=', journalpostId).execute();
    const tittel = input.tittel.trim();
    const harHoved = existing.some((d) => d.tilknyttetRegistreringSom === 'H');
    const tilknytning = input.tilknytning ?? (harHoved ? 'V' : 'H');
    if (tilknytning === 'H' && harHoved) {
      throw new AppError('unprocessable', 'Journalposten har allerede et hoveddokument', {
        errors: [{ field: '/tilknytning', message: 'bare ett hoveddokument per journalpost' }],
      });
    }
    const dok = await trx
      .insertInto('dokumentbeskrivelse')
      .values({
        journalpostId,
        dokumentnummer: existing.length + 1,
        tilknyttetRegistreringSom: tilknytning,
        tittel,
        opprettetAvId: actor.bruker.systemId,
      })
      .returning('systemId')
      .executeTakeFirstOrThrow();
    await trx.insertInto('dokumentversjon').values(versjonValues(dok.systemId, 1, 'P', file, actor)).execute();
    await appendHistorikk(trx, actor, {
      handling: 'dokument_lagt_til',
      objekttype: 'dokumentbeskrivelse',
      objektId: dok.systemId,
      sakId: jp.sakId,
      journalpostId,
      data: { tittel, tilknytning, filnavn: file.filnavn, sjekksum: file.staged.sha256, filstoerrelse: file.staged.size },
    });
    return dok.systemId;
  });
}

/** Adds a new version of a document; the newest version of a variant is the active one. */
export async function addVersjon(
  db: Kysely<DB>,
  blobs: BlobStore,
  actor: Actor,
  dokumentId: string,
  variantformat: Variantformat,
  file: UploadedFile,
): Promise<number> {
  return withBlob(db, blobs, file, async (trx) => {
    const dok = await trx.selectFrom('dokumentbeskrivelse').select(['journalpostId']).where('systemId', '=', dokumentId).executeTakeFirst();
    if (!dok) throw notFound('Dokumentet');
    // §11.2: the approver may make a new version, whichever unit she leads.
    const { jp } = await lockForAction(trx, actor, dok.journalpostId, 'endre_dokument', { godkjenner: true });
    const { n } = await trx
      .selectFrom('dokumentversjon')
      .select(sql<number>`coalesce(max(versjonsnummer), 0)::int`.as('n'))
      .where('dokumentbeskrivelseId', '=', dokumentId)
      .executeTakeFirstOrThrow();
    const versjonsnummer = n + 1;
    await trx.insertInto('dokumentversjon').values(versjonValues(dokumentId, versjonsnummer, variantformat, file, actor)).execute();
    await appendHistorikk(trx, actor, {
      handling: 'dokumentversjon_lagt_til',
      objekttype: 'dokumentbeskrivelse',
      objektId: dokumentId,
      sakId: jp.sakId,
      journalpostId: dok.journalpostId,
      data: { versjonsnummer, variantformat, filnavn: file.filnavn, sjekksum: file.staged.sha256, filstoerrelse: file.staged.size },
    });
    return versjonsnummer;
  });
}

/**
 * Finds a version for download, honouring skjerming and drafts through the journalpost
 * policy: a document the user may not see is a 404. Without a version number, the active
 * (newest) version of the variant.
 */
export async function findVersjonForDownload(db: Kysely<DB>, actor: Actor, dokumentId: string, versjonsnummer: number | undefined, variantformat: Variantformat) {
  const dok = await db.selectFrom('dokumentbeskrivelse').select(['journalpostId', 'tilgangskode', 'skjermingsnivaa', 'skjermingshjemmel']).where('systemId', '=', dokumentId).executeTakeFirst();
  const jp = dok && (await findJournalpost(db, dok.journalpostId));
  if (!dok || !jp || !journalpostFinnes(actor, jp) || dokumentSkjult(actor, jp, dok)) throw notFound('Dokumentet');

  let q = db.selectFrom('dokumentversjon').selectAll().where('dokumentbeskrivelseId', '=', dokumentId).where('variantformat', '=', variantformat);
  q = versjonsnummer === undefined ? q.orderBy('versjonsnummer', 'desc').limit(1) : q.where('versjonsnummer', '=', versjonsnummer);
  const versjon = await q.executeTakeFirst();
  if (!versjon) throw notFound('Dokumentversjonen');
  return versjon;
}
