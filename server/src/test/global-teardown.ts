import { rm } from 'node:fs/promises';
import { Pool } from 'pg';
import { RUN_PREFIX, runId } from './db';

/** Removes this run's PGlite template, or this run's PostgreSQL databases. */
export default async function globalTeardown(): Promise<void> {
  if (process.env.ARKIV_TEST_TMP) await rm(process.env.ARKIV_TEST_TMP, { recursive: true, force: true });
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const admin = new Pool({ connectionString: url, max: 1 });
  try {
    const mine = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${RUN_PREFIX}${runId()}\\_%`]);
    for (const { datname } of mine.rows) await admin.query(`drop database if exists "${datname}" with (force)`);
  } finally {
    await admin.end();
  }
}
