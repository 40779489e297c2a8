import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Pool } from 'pg';
import { type Database, openDatabase } from '../db/database';

/**
 * Database names on a shared PostgreSQL server: `<prefix>_template` and `<prefix>_t_*`.
 * ARKIV_TEST_DB_PREFIX lets concurrent runs (several worktrees, CI jobs) on one server keep
 * out of each other's way: global setup drops stale copies of its own prefix only.
 */
export const DB_PREFIX = (() => {
  const p = process.env.ARKIV_TEST_DB_PREFIX ?? 'arkiv';
  if (!/^[a-z][a-z0-9]{0,30}$/.test(p)) throw new Error(`ARKIV_TEST_DB_PREFIX must be lowercase letters and digits, got "${p}"`);
  return p;
})();
export const TEMPLATE_DB = `${DB_PREFIX}_template`;

export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** True when the suite runs against a PostgreSQL server (CI) rather than PGlite. */
export const onPostgres = () => Boolean(process.env.TEST_DATABASE_URL);

/**
 * A fresh, migrated database for one test file: a copy of the template made in global setup.
 * Closing it drops the copy.
 */
export async function createTestDatabase(opts: { poolSize?: number } = {}): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `${DB_PREFIX}_t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new Pool({ connectionString: url, max: 1 });
    try {
      await admin.query(`create database "${name}" template "${TEMPLATE_DB}"`);
    } finally {
      await admin.end();
    }
    const database = await openDatabase({ kind: 'postgres', url: databaseUrl(url, name), poolSize: opts.poolSize ?? 25 });
    return {
      ...database,
      async close() {
        await database.close();
        const drop = new Pool({ connectionString: url, max: 1 });
        await drop.query(`drop database if exists "${name}" with (force)`).finally(() => drop.end());
      },
    };
  }
  const file = process.env.ARKIV_TEST_PGLITE_TEMPLATE;
  if (!file) throw new Error('ARKIV_TEST_PGLITE_TEMPLATE is not set: run the tests through jest (global setup)');
  const dump = new Blob([await readFile(file)]);
  return openDatabase({ kind: 'pglite', loadDataDir: dump, poolSize: opts.poolSize ?? 25 });
}
