import path from 'node:path';
import { parseArgs } from 'node:util';
import { FsBlobStore } from '../../blob/fs-blob-store';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import { eksporterArkivdel } from './eksport';
import { finnArkivdel } from './uttrekk.service';

/**
 * `npm run uttrekk -- --arkivdel <systemID eller tittel> --til <mappe>`: writes the Noark 5
 * deposit of one arkivdel to a folder. Uses the server's configuration (DATABASE_URL or the
 * embedded database in ARKIV_DATA_DIR; the embedded one cannot be open in a running server).
 */
async function main() {
  const { values } = parseArgs({ options: { arkivdel: { type: 'string' }, til: { type: 'string' } } });
  if (!values.arkivdel || !values.til) {
    console.error('Bruk: npm run uttrekk -- --arkivdel <systemID eller tittel> --til <mappe>');
    process.exit(2);
  }
  const config = loadConfig();
  const database = config.databaseUrl ? await openDatabase({ kind: 'postgres', url: config.databaseUrl }) : await openDatabase({ kind: 'pglite', dataDir: path.join(config.dataDir, 'pgdata') });
  try {
    await migrateToLatest(database.db);
    const del = await finnArkivdel(database.db, values.arkivdel);
    const til = path.resolve(values.til);
    const start = Date.now();
    const r = await eksporterArkivdel(database.db, new FsBlobStore(path.join(config.dataDir, 'blobs')), {
      arkivdelId: del.systemId,
      til,
      fremdrift: (skrevet, totalt) => void process.stdout.write(`\r${skrevet}/${totalt} journalposter`),
    });
    process.stdout.write('\n');
    console.log(`Arkivuttrekk av «${del.tittel}» i ${til}: ${r.saker} saker, ${r.journalposter} journalposter, ${r.dokumentfiler} dokumentfiler (${((Date.now() - start) / 1000).toFixed(1)} s).`);
    if (r.utenArkivformat.length) {
      console.warn(`ADVARSEL: ${r.utenArkivformat.length} dokumentversjoner har ikke arkivformat og er levert i produksjonsformat (se GET /api/arkivformat):`);
      for (const d of r.utenArkivformat.slice(0, 50)) console.warn(`  ${d}`);
    }
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
