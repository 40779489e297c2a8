import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { createKysely, openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { RUN_PREFIX, databaseUrl, runId, templateDb } from './db';

/**
 * Prepares one migrated template the test files copy: a PGlite dump (loaded in ~0.5 s per
 * file) or, with TEST_DATABASE_URL, a PostgreSQL template database (CREATE DATABASE … TEMPLATE).
 */
function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export default async function globalSetup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new Pool({ connectionString: url, max: 1 });
    try {
      process.env.ARKIV_TEST_RUN = runId();
      // Leftovers of runs whose process is gone (a crash or a kill); a live run's databases stay.
      const old = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${RUN_PREFIX}%`]);
      for (const { datname } of old.rows) {
        const pid = Number(datname.slice(RUN_PREFIX.length).split('_')[0]);
        if (pid === process.pid || !isAlive(pid)) await admin.query(`drop database if exists "${datname}" with (force)`);
      }
      await admin.query(`create database "${templateDb()}"`);
    } finally {
      await admin.end();
    }
    const database = await openDatabase({ kind: 'postgres', url: databaseUrl(url, templateDb()), poolSize: 1 });
    try {
      await migrateToLatest(database.db);
    } finally {
      await database.close();
    }
    console.log(`\n[arkiv] tests run against PostgreSQL (${new URL(url).host})`);
    return;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'arkiv-test-'));
  // Migrate an in-memory instance and dump its data dir.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const pglite = await PGlite.create();
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  const pool = new Pool({ connectionString: `postgres://postgres@${server.getServerConn()}/postgres`, max: 1 });
  const db = createKysely(pool);
  await migrateToLatest(db);
  await db.destroy();
  await server.stop();
  const dump = (await pglite.dumpDataDir('none')) as Blob;
  await pglite.close();
  const file = path.join(dir, 'template.tar');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  process.env.ARKIV_TEST_PGLITE_TEMPLATE = file;
  process.env.ARKIV_TEST_TMP = dir;
  console.log('\n[arkiv] tests run against PGlite (set TEST_DATABASE_URL for PostgreSQL)');
}
