import { rm } from 'node:fs/promises';
import { Pool } from 'pg';
import { runNamespace } from './db';

export default async function globalTeardown(): Promise<void> {
  if (process.env.ARKIV_TEST_TMP) await rm(process.env.ARKIV_TEST_TMP, { recursive: true, force: true });
  const url = process.env.TEST_DATABASE_URL;
  if (url && process.env.ARKIV_TEST_PG_NS) {
    // This run's template and any database a crashed test file left behind.
    const admin = new Pool({ connectionString: url, max: 1 });
    try {
      const ns = runNamespace();
      const mine = await admin.query<{ datname: string }>(`select datname from pg_database where starts_with(datname, $1)`, [`${ns}_`]);
      for (const { datname } of mine.rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    } finally {
      await admin.end();
    }
  }
}
