import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { loadActor } from '../auth/actor';
import { FsBlobStore } from '../blob/fs-blob-store';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { eksporterArkivdel } from '../noark/uttrekk/eksport';
import { seedReferenceData } from '../seed/demo-seed';

const MB = 1024 * 1024;

/**
 * Arkivuttrekk of a generated arkivdel (BENCH_UTTREKK_JP journalposter, default 5000, five per
 * sak, each with a party and a PDF document), against embedded PGlite: journalposter per second
 * and peak memory while the package is written. Memory is sampled every 5 ms.
 */
export async function benchUttrekk(antall = Number(process.env.BENCH_UTTREKK_JP ?? 5000)): Promise<string[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'arkiv-bench-uttrekk-'));
  const database = await openDatabase({ kind: 'pglite' });
  try {
    const db = database.db;
    await migrateToLatest(db);
    await seedReferenceData(db);
    const actor = (await loadActor(db, 'ola'))!;
    const uid = actor.bruker.systemId;
    const enhet = actor.roller[0]!.enhetId;
    const del = (await db.selectFrom('arkivdel').select('systemId').executeTakeFirstOrThrow()).systemId;
    const blobs = new FsBlobStore(path.join(dir, 'blobs'));
    const staged = await blobs.stage(Readable.from([Buffer.from('%PDF-1.7\n% benchmark document\n')]));
    await staged.commit();
    const saker = Math.ceil(antall / 5);
    await sql`insert into sak (arkivdel_id, saksaar, sakssekvensnummer, mappe_id, tittel, sakstype, saksdato, saksansvarlig_id, administrativ_enhet_id, opprettet_av_id)
      select ${del}, 1990, g, '1990/' || g, 'Målesak ' || g, 'GS', date '1990-01-01', ${uid}, ${enhet}, ${uid} from generate_series(1, ${saker}) g`.execute(db);
    await sql`insert into journalpost (sak_id, dokumentnummer, journalaar, journalsekvensnummer, journalposttype, journalstatus, tittel, journaldato, saksbehandler_id, administrativ_enhet_id, opprettet_av_id)
      select s.system_id, d, 1990, (s.sakssekvensnummer - 1) * 5 + d, 'I', 'J', 'Brev ' || d || ' i ' || s.mappe_id, date '1990-01-02', ${uid}, ${enhet}, ${uid}
        from sak s cross join generate_series(1, 5) d where s.saksaar = 1990 and (s.sakssekvensnummer - 1) * 5 + d <= ${antall}`.execute(db);
    await sql`insert into korrespondansepart (journalpost_id, korrespondanseparttype, rekkefolge, navn) select system_id, 'EA', 1, 'Avsender ' || journalsekvensnummer from journalpost where journalaar = 1990`.execute(db);
    await sql`insert into dokumentbeskrivelse (journalpost_id, dokumentnummer, tilknyttet_registrering_som, tittel, opprettet_av_id) select system_id, 1, 'H', 'Brev', ${uid} from journalpost where journalaar = 1990`.execute(db);
    await sql`insert into dokumentversjon (dokumentbeskrivelse_id, versjonsnummer, variantformat, format, format_detaljer, filnavn, sjekksum, filstoerrelse, opprettet_av_id)
      select d.system_id, 1, 'A', 'application/pdf', 'PDF/A-2b (ISO 19005-2)', 'brev.pdf', ${staged.sha256}, ${staged.size}, ${uid} from dokumentbeskrivelse d join journalpost j on j.system_id = d.journalpost_id where j.journalaar = 1990`.execute(db);

    global.gc?.();
    const base = process.memoryUsage();
    let peak = { rss: base.rss, heapUsed: base.heapUsed };
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = { rss: Math.max(peak.rss, m.rss), heapUsed: Math.max(peak.heapUsed, m.heapUsed) };
    }, 5);
    const started = process.hrtime.bigint();
    const r = await eksporterArkivdel(db, blobs, { arkivdelId: del, til: path.join(dir, 'uttrekk') });
    const s = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    return [
      `Arkivuttrekk av ${r.journalposter} journalposter i ${r.saker} saker (${r.dokumentfiler} dokumentfiler), PGlite:`,
      `  tid:                   ${s.toFixed(1)} s (${(r.journalposter / s).toFixed(0)} journalposter/s)`,
      `  RSS før / topp / økning: ${(base.rss / MB).toFixed(1)} MB / ${(peak.rss / MB).toFixed(1)} MB / ${((peak.rss - base.rss) / MB).toFixed(1)} MB`,
      `  heapUsed topp:         ${(peak.heapUsed / MB).toFixed(1)} MB (før ${(base.heapUsed / MB).toFixed(1)} MB)`,
    ];
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}
