import { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { BlobStore, StagedBlob } from '../blob/blob-store';
import type { DB } from '../db/schema';
import { AppError, notFound } from '../errors/app-error';
import { appendHistorikk } from '../historikk/historikk.repository';
import { kreverSynligUtgaaende } from '../journalpost/journalpost.queries';
import { lockForAction } from '../journalpost/journalpost.service';
import { PDF_FORMAT_DETALJER, renderPdf, type Tekstbit } from '../mail/body-pdf';
import { insertDokumentIn } from '../mail/import.repository';
import { type Flettefelt, merge, norskDato } from './flettefelt';
import { brevHtmlTilAvsnitt, brevHtmlTilTekst, rensBrevHtml } from './brev-html';
import { findMal } from './mal.service';

/** Merge values from the journalpost, its sak, its first recipient and its saksbehandler. */
async function values(db: Kysely<DB>, journalpostId: string, now: Date): Promise<Partial<Record<Flettefelt, string>>> {
  const jp = await db
    .selectFrom('journalpost as j')
    .innerJoin('sak as s', 's.systemId', 'j.sakId')
    .innerJoin('bruker as b', 'b.systemId', 'j.saksbehandlerId')
    .innerJoin('administrativEnhet as e', 'e.systemId', 'j.administrativEnhetId')
    .select(['j.tittel', 'j.dokumentnummer', 's.mappeId', 's.tittel as sakstittel', 'b.navn as saksbehandler', 'e.navn as enhet'])
    .where('j.systemId', '=', journalpostId)
    .executeTakeFirstOrThrow();
  const mottaker = await db.selectFrom('korrespondansepart').selectAll().where('journalpostId', '=', journalpostId).where('korrespondanseparttype', 'in', ['EM', 'IM']).orderBy('rekkefolge').executeTakeFirst();
  return {
    saksnummer: jp.mappeId,
    vaarRef: `${jp.mappeId}-${jp.dokumentnummer}`,
    deresRef: mottaker?.deresReferanse ?? '',
    dato: norskDato(now),
    tittel: jp.tittel,
    sakstittel: jp.sakstittel,
    mottakerNavn: mottaker?.navn ?? '',
    mottakerAdresse: [mottaker?.kontaktperson ? `v/ ${mottaker.kontaktperson}` : null, mottaker?.postadresse, [mottaker?.postnummer, mottaker?.poststed].filter(Boolean).join(' ')].filter((l) => l && l.trim()).join('\n'),
    saksbehandler: jp.saksbehandler,
    enhet: jp.enhet,
  };
}

async function stageText(blobs: BlobStore, text: string): Promise<StagedBlob> {
  return blobs.stage(Readable.from([Buffer.from(text, 'utf8')]));
}

/**
 * Writes the letter as the journalpost's hoveddokument, or as a new version of it: the
 * editable form (UTF-8 text, variant P) and the PDF (variant A) in one transaction.
 */
async function writeLetter(
  db: Kysely<DB>,
  blobs: BlobStore,
  actor: Actor,
  journalpostId: string,
  tekst: string,
  data: Record<string, unknown>,
  versjon?: number,
  redigerbar: { innhold: string; format: string; endelse: string } = { innhold: tekst, format: 'text/plain; charset=utf-8', endelse: 'txt' },
  /** The letter with its emphasis (written in the pane's editor): drawn instead of the plain text. */
  avsnitt?: readonly (readonly Tekstbit[])[],
): Promise<{ dokumentId: string; versjonsnummer: number }> {
  const jp = await db.selectFrom('journalpost').select(['tittel']).where('systemId', '=', journalpostId).executeTakeFirst();
  if (!jp) throw notFound('Journalposten');
  const pdf = await blobs.stage(Readable.from([Buffer.from(await renderPdf(jp.tittel, [avsnitt ? { avsnitt } : { tekst }]))]));
  const editable = await stageText(blobs, redigerbar.innhold);
  const created: string[] = [];
  try {
    return await db.transaction().execute(async (trx) => {
      const { jp: locked } = await lockForAction(trx, actor, journalpostId, 'endre_dokument', { versjon });
      const hoved = await trx.selectFrom('dokumentbeskrivelse').select(['systemId']).where('journalpostId', '=', journalpostId).where('tilknyttetRegistreringSom', '=', 'H').executeTakeFirst();
      const filnavn = `${locked.tittel.replace(/[\\/:*?"<>|]+/g, '-').slice(0, 100)}`;
      let result: { dokumentId: string; versjonsnummer: number };
      if (!hoved) {
        const { n } = await trx.selectFrom('dokumentbeskrivelse').select(sql<number>`count(*)::int`.as('n')).where('journalpostId', '=', journalpostId).executeTakeFirstOrThrow();
        const dokumentId = await insertDokumentIn(trx, actor, journalpostId, n + 1, 'H', locked.tittel, [
          { variantformat: 'P', staged: editable, format: redigerbar.format, filnavn: `${filnavn}.${redigerbar.endelse}` },
          { variantformat: 'A', staged: pdf, format: 'application/pdf', formatDetaljer: PDF_FORMAT_DETALJER, filnavn: `${filnavn}.pdf` },
        ]);
        result = { dokumentId, versjonsnummer: 1 };
      } else {
        const { n } = await trx.selectFrom('dokumentversjon').select(sql<number>`coalesce(max(versjonsnummer), 0)::int`.as('n')).where('dokumentbeskrivelseId', '=', hoved.systemId).executeTakeFirstOrThrow();
        const base = { dokumentbeskrivelseId: hoved.systemId, versjonsnummer: n + 1, opprettetAvId: actor.bruker.systemId };
        await trx
          .insertInto('dokumentversjon')
          .values([
            { ...base, variantformat: 'P', format: redigerbar.format, filnavn: `${filnavn}.${redigerbar.endelse}`, sjekksum: editable.sha256, filstoerrelse: editable.size },
            { ...base, variantformat: 'A', format: 'application/pdf', formatDetaljer: PDF_FORMAT_DETALJER, filnavn: `${filnavn}.pdf`, sjekksum: pdf.sha256, filstoerrelse: pdf.size },
          ])
          .execute();
        result = { dokumentId: hoved.systemId, versjonsnummer: n + 1 };
      }
      await appendHistorikk(trx, actor, { handling: 'brev_skrevet', objekttype: 'dokumentbeskrivelse', objektId: result.dokumentId, sakId: locked.sakId, journalpostId, data: { ...data, versjonsnummer: result.versjonsnummer } });
      for (const s of [editable, pdf]) if ((await s.commit()).created) created.push(s.sha256);
      return result;
    });
  } catch (err) {
    await Promise.all([editable.discard(), pdf.discard()]);
    for (const sha of created) {
      const ref = await db.selectFrom('dokumentversjon').select('systemId').where('sjekksum', '=', sha).executeTakeFirst();
      if (!ref) await blobs.delete(sha);
    }
    throw err;
  }
}

/** §10.4: write the letter of a journalpost from a template and standard texts. */
export async function skrivBrevFraMal(
  db: Kysely<DB>,
  blobs: BlobStore,
  actor: Actor,
  journalpostId: string,
  input: { malId: string; standardtekstIds?: readonly string[]; fritekst?: string },
  now = new Date(),
) {
  // The letter is what goes out: merged from the recipients, written as the hoveddokument.
  await kreverSynligUtgaaende(db, actor, journalpostId, 'den som skriver brevet');
  const mal = await findMal(db, input.malId);
  const aktiv = mal.versjoner.at(-1)!;
  const ids = [...(input.standardtekstIds ?? [])];
  const tekster = ids.length ? await db.selectFrom('standardtekst').select(['systemId', 'tekst']).where('systemId', 'in', ids).execute() : [];
  if (tekster.length !== new Set(ids).size) throw new AppError('validation_failed', 'Ukjent standardtekst', { errors: [{ field: '/standardtekstIds', message: 'ukjent standardtekst' }] });
  const standardtekster = [...ids.map((id) => tekster.find((t) => t.systemId === id)!.tekst), input.fritekst ?? ''].filter((t) => t.trim()).join('\n\n');
  const tekst = merge(aktiv.innhold, { ...(await values(db, journalpostId, now)), standardtekster });
  return writeLetter(db, blobs, actor, journalpostId, tekst, { mal: mal.navn, malversjon: aktiv.versjonsnummer });
}

/** Editing the letter's text makes a new version (text + PDF); the newest is active. */
export async function endreBrev(db: Kysely<DB>, blobs: BlobStore, actor: Actor, journalpostId: string, tekst: string, versjon?: number) {
  await kreverSynligUtgaaende(db, actor, journalpostId, 'den som skriver brevet');
  return writeLetter(db, blobs, actor, journalpostId, tekst, { endret: true }, versjon);
}

/**
 * The letter as edited in the pane's editor: the HTML is cleaned to the markup a letter keeps,
 * stored as the editable variant (P, text/html), and rendered as the archive variant (PDF/A) with its bold and italic kept.
 */
export async function endreBrevHtml(db: Kysely<DB>, blobs: BlobStore, actor: Actor, journalpostId: string, html: string, versjon?: number) {
  await kreverSynligUtgaaende(db, actor, journalpostId, 'den som skriver brevet');
  const ren = rensBrevHtml(html);
  const tekst = brevHtmlTilTekst(ren);
  if (!tekst.trim()) throw new AppError('validation_failed', 'Brevet er tomt', { errors: [{ field: '/html', message: 'brevet har ingen tekst' }] });
  return writeLetter(db, blobs, actor, journalpostId, tekst, { endret: true, html: true }, versjon, { innhold: ren, format: 'text/html; charset=utf-8', endelse: 'html' }, brevHtmlTilAvsnitt(ren));
}
