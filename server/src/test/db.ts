import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Pool } from 'pg';
import { type Database, openDatabase } from '../db/database';

/**
 * Each test run gets its own namespace on a shared PostgreSQL server (arkiv_r<pid>_...), so
 * concurrent runs (parallel CI jobs, several worktrees) never drop each other's databases.
 */
export const runNamespace = () => process.env.ARKIV_TEST_PG_NS ?? `arkiv_r${process.pid}`;
export const templateDb = () => `${runNamespace()}_template`;

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
    const name = `${runNamespace()}_t_${process.pid}_${randomBytes(4).toString('hex')}`;
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
        // pg-pool's end() resolves before the sockets are closed. Dropping WITH (FORCE) then
        // kills those backends, and the FATAL 57P01 surfaces as an unhandled error in whatever
        // test file runs next in this worker. Wait for them to leave instead; force only as a last resort.
        const drop = new Pool({ connectionString: url, max: 1 });
        try {
          for (let attempt = 0; ; attempt++) {
            try {
              await drop.query(`drop database if exists "${name}"${attempt >= 100 ? ' with (force)' : ''}`);
              break;
            } catch (err) {
              if ((err as { code?: string }).code !== '55006' || attempt >= 100) throw err;
              await new Promise((r) => setTimeout(r, 20));
            }
          }
        } finally {
          await drop.end();
        }
      },
    };
  }
  const file = process.env.ARKIV_TEST_PGLITE_TEMPLATE;
  if (!file) throw new Error('ARKIV_TEST_PGLITE_TEMPLATE is not set: run the tests through jest (global setup)');
  const dump = new Blob([await readFile(file)]);
  return openDatabase({ kind: 'pglite', loadDataDir: dump });
}
