import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Pool } from 'pg';
import { type Database, openDatabase } from '../db/database';

/**
 * Names are per run (`arkivtpl_<epoch>_<pid>`, `arkivdb_<epoch>_<pid>_<rand>`) so several
 * suites can share one PostgreSQL server without dropping each other's databases; leftovers
 * of crashed runs are dropped by age in global setup.
 */
export const TEMPLATE_PREFIX = 'arkivtpl_';
export const DB_PREFIX = 'arkivdb_';
export const templateDb = () => process.env.ARKIV_TEST_TEMPLATE_DB ?? 'arkiv_template';

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
    const name = `${DB_PREFIX}${Math.floor(Date.now() / 1000)}_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new Pool({ connectionString: url, max: 1 });
    try {
      await admin.query(`create database "${name}" template "${templateDb()}"`);
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
