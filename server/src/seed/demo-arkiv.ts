import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { type Actor, loadActor } from '../auth/actor';
import type { BlobStore } from '../blob/blob-store';
import type { DB } from '../db/schema';
import { processArkivformat, planleggArkivformat } from '../arkivformat/arkivformat.worker';
import { lagKonverterer } from '../arkivformat/konverterer';
import { addDokument, addVersjon } from '../dokument/dokument.service';
import { ekspederJournalpost } from '../ekspedering/ekspeder';
import { createJournalpost, journalfoer } from '../journalpost/journalpost.service';
import { opprettOppgave } from '../oppgave/oppgave.service';
import { kjoerUttrekk } from '../noark/uttrekk/uttrekk.service';
import { createSak } from '../sak/sak.service';

/**
 * The archive's and the dokumentsenter's desk on a first start (§3.1, §5, §12.8): paper post
 * waiting for journalføring, one letter complete and one with findings, a sak ready to close,
 * and a *Beskjed til dokumentsenteret* about a misspelt sender.
 */
export async function seedArkivbord(db: Kysely<DB>, blobs: BlobStore): Promise<void> {
  const as = async (b: string): Promise<Actor> => (await loadActor(db, b))!;
  const [ola, kari, arne, dina] = await Promise.all(['ola', 'kari', 'arne', 'dina'].map(as));
  const fil = async (actor: Actor, jpId: string, tittel: string, body: string, arkivformat: boolean) => {
    const staged = await blobs.stage(Readable.from([Buffer.from(body, 'utf8')]));
    const dokId = await addDokument(db, blobs, actor, jpId, { tittel }, { staged, filnavn: `${tittel}.txt`, mimeType: 'text/plain; charset=utf-8' });
    if (arkivformat) {
      const a = await blobs.stage(Readable.from([Buffer.from(body, 'utf8')]));
      await addVersjon(db, blobs, actor, dokId, 'A', { staged: a, filnavn: `${tittel}.pdf`, mimeType: 'application/pdf' });
    }
  };

  const skole = await createSak(db, dina!, { tittel: 'Skoleskyss for elever i Nordbygda', sakstype: 'GS', saksansvarligId: kari!.bruker.systemId });
  // Paper post scanned by the dokumentsenter: one complete, one missing its archive variant and sender.
  const brev = await createJournalpost(db, dina!, skole, { journalposttype: 'I', tittel: 'Søknad om skyss for skoleåret 2027', saksbehandlerId: kari!.bruker.systemId, korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Fjordvik Foreldreutvalg', postadresse: 'Skoleveien 2' }] });
  await fil(dina!, brev, 'Søknad om skyss', 'Søknad om skoleskyss (skannet).\n', true);
  const uten = await createJournalpost(db, dina!, skole, { journalposttype: 'I', tittel: 'Håndskrevet brev om busstider', saksbehandlerId: kari!.bruker.systemId });
  await fil(dina!, uten, 'Brev om busstider', 'Brev om busstider (skannet).\n', false);
  // Ola asks the dokumentsenter to correct the sender, which he may no longer change.
  await opprettOppgave(db, ola!, { oppgavetype: 'DOKUMENTSENTER', journalpostId: uten, mottakerIds: [dina!.bruker.systemId], merknad: 'Avsender mangler: brevet er fra Nordbygda velforening.' });

  // A sak whose only record is journalført: ready to close.
  const ferdig = await createSak(db, ola!, { tittel: 'Vintervedlikehold av gangveier 2025', sakstype: 'ES' });
  const notat = await createJournalpost(db, ola!, ferdig, { journalposttype: 'X', tittel: 'Notat om avsluttet brøytesesong' });
  await db.transaction().execute((trx) => ekspederJournalpost(trx, ola!, notat));
  await journalfoer(db, arne!, notat);
}

/**
 * The archive formats and the deposit on a first start: a journalført record whose attachment
 * (a zip of map data) cannot be converted to PDF/A, flagged on the archive desk with the reason,
 * and, given a data folder, a finished arkivuttrekk of the demo arkivdel to download.
 */
export async function seedArkivformatOgUttrekk(db: Kysely<DB>, blobs: BlobStore, dataDir?: string): Promise<void> {
  const as = async (b: string): Promise<Actor> => (await loadActor(db, b))!;
  const [ola, arne] = await Promise.all(['ola', 'arne'].map(as));
  const sak = await createSak(db, ola!, { tittel: 'Kartgrunnlag for ny gang- og sykkelvei', sakstype: 'ES' });
  const jp = await createJournalpost(db, ola!, sak, { journalposttype: 'X', tittel: 'Kartdata fra oppmåling' });
  const staged = await blobs.stage(Readable.from([Buffer.from('PK\u0003\u0004 kartdata (demo)', 'latin1')]));
  const dok = await addDokument(db, blobs, ola!, jp, { tittel: 'Kartdata fra oppmåling' }, { staged, filnavn: 'kartdata.zip', mimeType: 'application/zip' });
  await db.transaction().execute((trx) => ekspederJournalpost(trx, ola!, jp));
  await journalfoer(db, arne!, jp);
  // The job itself finds that a zip has no conversion (the server's worker does the rest at start).
  await planleggArkivformat(db);
  await processArkivformat(db, blobs, lagKonverterer({ soffice: null, timeoutMs: 60_000 }), { leaseMs: 60_000, maxAttempts: 3, dokumentIder: [dok] });

  if (!dataDir) return;
  const del = await db.selectFrom('arkivdel').select('systemId').where('tittel', '=', 'Sakarkiv 2024–').executeTakeFirstOrThrow();
  const mappe = path.join(dataDir, 'uttrekk', `${del.systemId}-demo`);
  await mkdir(path.dirname(mappe), { recursive: true });
  const jobb = await db.insertInto('uttrekkJobb').values({ arkivdelId: del.systemId, mappe, bestiltAvId: arne!.bruker.systemId }).returning('systemId').executeTakeFirstOrThrow();
  await kjoerUttrekk(db, blobs, jobb.systemId);
}
