import path from 'node:path';
import { FsBlobStore } from '../../blob/fs-blob-store';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import { importerUttrekk, UttrekkAvvist } from './import';

/**
 * `npm run import-uttrekk -- <mappe>`: loads a Noark 5 deposit (v3.1, v4.0 or v5.0) as a
 * read-only arkivdel (the historic base), or refuses it whole with every problem and where.
 */
async function main() {
  const mappe = process.argv[2];
  if (!mappe) {
    console.error('Bruk: npm run import-uttrekk -- <mappe med arkivuttrekk.xml>');
    process.exit(2);
  }
  const config = loadConfig();
  const database = config.databaseUrl ? await openDatabase({ kind: 'postgres', url: config.databaseUrl }) : await openDatabase({ kind: 'pglite', dataDir: path.join(config.dataDir, 'pgdata') });
  try {
    await migrateToLatest(database.db);
    const r = await importerUttrekk(database.db, new FsBlobStore(path.join(config.dataDir, 'blobs')), path.resolve(mappe));
    console.log(`Importert (Noark 5 ${r.versjon}) som skrivebeskyttet arkivdel ${r.arkivdelId}: ${r.saker} saker, ${r.journalposter} journalposter, ${r.dokumentfiler} dokumentfiler, ${r.historikk} historikkposter.`);
  } catch (err) {
    if (err instanceof UttrekkAvvist) {
      console.error(err.message);
      process.exitCode = 1;
    } else throw err;
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
