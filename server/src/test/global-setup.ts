import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { createKysely, openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { databaseUrl, runNamespace, templateDb } from './db';

/** True when a process with this pid is alive on this host (namespaces of dead runs are cleaned up). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Prepares one migrated template the test files copy: a PGlite dump (loaded in ~0.5 s per
 * file) or, with TEST_DATABASE_URL, a PostgreSQL template database (CREATE DATABASE … TEMPLATE).
 */
export default async function globalSetup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    process.env.ARKIV_TEST_PG_NS = runNamespace();
    const admin = new Pool({ connectionString: url, max: 1 });
    try {
      // Leftovers of runs that died (their pid is gone); never another live run's databases.
      const old = await admin.query<{ datname: string }>(`select datname from pg_database where datname ~ '^arkiv_r[0-9]+_'`);
      for (const { datname } of old.rows) {
        const pid = Number(/^arkiv_r(\d+)_/.exec(datname)![1]);
        if (pid === process.pid || !alive(pid)) await admin.query(`drop database if exists "${datname}" with (force)`);
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
