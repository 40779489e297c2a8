import { rm } from 'node:fs/promises';
import { Pool } from 'pg';

export default async function globalTeardown(): Promise<void> {
  if (process.env.ARKIV_TEST_TMP) await rm(process.env.ARKIV_TEST_TMP, { recursive: true, force: true });
  // This run's PostgreSQL template (the per-file copies are dropped by each file's context).
  const url = process.env.TEST_DATABASE_URL;
  const template = process.env.ARKIV_TEST_TEMPLATE_DB;
  if (url && template) {
    const admin = new Pool({ connectionString: url, max: 1 });
    await admin.query(`drop database if exists "${template}" with (force)`).finally(() => admin.end());
  }
}
