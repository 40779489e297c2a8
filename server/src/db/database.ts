import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import { Pool, types as pgTypes } from 'pg';
import type { DB } from './schema';
import { StripNulPlugin } from './strip-nul.plugin';

export type Dialect = 'pglite' | 'postgres';

export interface Database {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  /** Connection string the pool uses (for tools such as a job queue that need their own pool). */
  readonly connectionString: string;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

const DATE_OID = 1082;

/**
 * The service's sessions run short, indexed queries (docs/benchmarks.md): no JIT (compiling
 * costs 0.5-1.5 s where the query itself takes milliseconds) and no parallel workers (starting
 * them costs more than the few hundred index rows a basket reads, and a misestimated partial
 * index otherwise tips a basket into a parallel plan).
 */
const SESJON = '-c jit=off -c max_parallel_workers_per_gather=0';

/** `date` stays a YYYY-MM-DD string (a calendar date has no time zone); the rest as pg parses it. */
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === DATE_OID) return (value: string) => value;
    return pgTypes.getTypeParser(oid, format as 'text');
  },
} as unknown as typeof pgTypes;

export function createKysely(pool: Pool): Kysely<DB> {
  // An idle client whose server connection ends (a server restart, a terminated backend:
  // 57P01) makes the pool emit 'error'; without a listener that is an unhandled error that
  // kills the process. The pool drops that client and opens a new one on the next query.
  pool.on('error', (err) => console.warn(`database: idle connection lost (${(err as Error & { code?: string }).code ?? err.message})`));
  return new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin(), new StripNulPlugin()],
  });
}

/**
 * Opens the database. Both dialects go through the same `pg` Pool and Kysely's Postgres
 * dialect: PGlite (Postgres compiled to WebAssembly) is served on a loopback socket by
 * @electric-sql/pglite-socket, whose multiplexer serializes transactions.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    const pool = new Pool({ connectionString: options.url, max: options.poolSize ?? 10, types: typeParsers, options: SESJON });
    const db = createKysely(pool);
    return { db, dialect: 'postgres', connectionString: options.url, close: () => db.destroy() };
  }

  // PGlite is ESM-first; both packages ship CommonJS builds too.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 32 });
  await server.start();
  const connectionString = `postgres://postgres@${server.getServerConn()}/postgres`;
  // One connection: pglite-socket lets concurrent extended-protocol messages (Parse/Bind/Execute
  // from pg's parameterized queries) of different connections interleave, so one query can get
  // another's result (electric-sql/pglite#1046; seen here as a user lookup answered with the outbox
  // worker's empty result). PGlite runs one statement at a time anyway; the pool queues them.
  const pool = new Pool({ connectionString, max: 1, types: typeParsers });
  const db = createKysely(pool);
  return {
    db,
    dialect: 'pglite',
    connectionString,
    async close() {
      await db.destroy();
      await server.stop();
      await pglite.close();
    },
  };
}

/** Dumps a PGlite database (for test templates). */
export async function dumpPglite(dataDir: string): Promise<Blob> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create({ dataDir });
  try {
    return (await pglite.dumpDataDir('none')) as Blob;
  } finally {
    await pglite.close();
  }
}
