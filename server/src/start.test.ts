import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from './test/db';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from the live server, checked by the assertions
const json = async (res: Response): Promise<any> => res.json();

const ROOT = path.resolve(__dirname, '../..');

/** Starts the built server the way `npm start` does and waits for the line that says where it listens. */
function start(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'server/dist/main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, url: m[1]!, output: () => out });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((r) => child.once('exit', r));
  child.kill('SIGTERM');
  return exited;
}

/** The two-command promise: `npm start` on the embedded default, and data that survives a restart. */
/**
 * DATABASE_URL for the child. pglite-socket mixes up concurrent queries of different connections
 * (electric-sql/pglite#1046): against PGlite behind its socket the child, whose background jobs
 * query beside its requests, gets one connection.
 */
const viaUrl = (database: { connectionString: string; dialect: string }) => ({ DATABASE_URL: database.connectionString, ...(database.dialect === 'pglite' ? { ARKIV_DB_POOL_SIZE: '1' } : {}) });

describe('npm start (server/dist/main.js)', () => {
  let dataDir: string;
  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'shared', 'server'], { cwd: ROOT });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'arkiv-start-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('migrates, seeds, answers /api/health with pglite, and keeps the data across a restart', async () => {
    const first = await start({ ARKIV_DATA_DIR: dataDir });
    let sakId: string;
    try {
      expect(await json(await fetch(`${first.url}/api/health`))).toEqual({ status: 'ok', database: 'pglite' });
      const { token } = await json(await fetch(`${first.url}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ brukernavn: 'kari' }) }));
      const created = await fetch(`${first.url}/api/saker`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ tittel: 'Sak som skal overleve en omstart', sakstype: 'GS' }),
      });
      expect(created.status).toBe(201);
      sakId = (await json(created)).systemId;
    } finally {
      expect(await stop(first.child)).toBe(0);
    }

    const second = await start({ ARKIV_DATA_DIR: dataDir });
    try {
      const { token } = await json(await fetch(`${second.url}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ brukernavn: 'kari' }) }));
      const res = await fetch(`${second.url}/api/saker/${sakId}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect((await json(res)).tittel).toBe('Sak som skal overleve en omstart');
      const all = await json(await fetch(`${second.url}/api/saker?limit=200`, { headers: { authorization: `Bearer ${token}` } }));
      const titles = (all.items as { tittel: string }[]).map((s) => s.tittel);
      expect(titles.filter((t) => t === 'Sak som skal overleve en omstart')).toHaveLength(1);
      // seeded once, not twice
      expect(new Set(titles).size).toBe(titles.length);
    } finally {
      expect(await stop(second.child)).toBe(0);
    }
  }, 240_000); // two starts of the real server, each migrating and seeding

  it('refuses to start in dev mode with NODE_ENV=production, with a clear message', async () => {
    await expect(start({ ARKIV_DATA_DIR: dataDir, NODE_ENV: 'production', ARKIV_AUTH_MODE: 'dev' })).rejects.toThrow(/Konfigurasjonsfeil: Dev login/);
  });

  it('with DATABASE_URL speaks PostgreSQL through pg (health says postgres); in production seeds no demo users and has no dev routes; ARKIV_SEED_DEMO=true seeds them with a loud warning', async () => {
    const entra = { NODE_ENV: 'production', AUTH_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0', AUTH_AUDIENCE: 'api://arkiv', AUTH_JWKS_URL: 'https://login.microsoftonline.com/tenant/discovery/v2.0/keys' };
    // A fresh migrated database reachable over the PostgreSQL wire protocol: real PostgreSQL in CI,
    // otherwise PGlite behind its socket server, which the child process cannot tell apart.
    const database = await createTestDatabase({ poolSize: 2 });
    try {
      const server = await start({ ...entra, ARKIV_DATA_DIR: dataDir, ...viaUrl(database) });
      try {
        expect(await json(await fetch(`${server.url}/api/health`))).toEqual({ status: 'ok', database: 'postgres' });
        for (const [method, url] of [['POST', '/api/dev/login'], ['GET', '/api/dev/brukere'], ['GET', '/api/dev/jwks.json'], ['GET', '/api/dev/utsendt'], ['GET', '/dev/utsendt']] as const) {
          const res = await fetch(`${server.url}${url}`, { method, ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ brukernavn: 'arne' }) } : {}) });
          expect({ url, status: res.status, type: res.headers.get('content-type') }).toEqual({ url, status: 404, type: expect.stringContaining('application/problem+json') });
        }
        expect(server.output()).not.toMatch(/ARKIV_SEED_DEMO/);
      } finally {
        expect(await stop(server.child)).toBe(0);
      }
      expect(await database.db.selectFrom('bruker').select('brukernavn').execute()).toEqual([]);

      const asked = await start({ ...entra, ARKIV_DATA_DIR: dataDir, ...viaUrl(database), ARKIV_SEED_DEMO: 'true' });
      try {
        expect(asked.output()).toMatch(/ADVARSEL: ARKIV_SEED_DEMO=true i produksjon/);
      } finally {
        expect(await stop(asked.child)).toBe(0);
      }
      const brukere = await database.db.selectFrom('bruker').select('brukernavn').execute();
      expect(brukere.map((b) => b.brukernavn)).toEqual(expect.arrayContaining(['ola', 'kari', 'lise', 'arne', 'dina', 'sven']));
    } finally {
      await database.close();
    }
  }, 240_000); // two starts of the real server over the wire protocol, the second seeding the demo archive
});
