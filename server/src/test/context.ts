import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { type Actor, loadActor } from '../auth/actor';
import { type DevSigner, loadDevSigner } from '../auth/dev-keys';
import { createTokenVerifier } from '../auth/token-verifier';
import { FsBlobStore } from '../blob/fs-blob-store';
import { type Config, loadConfig } from '../config';
import type { Database } from '../db/database';
import { createTestDatabase } from './db';

export interface TestContext {
  readonly app: FastifyInstance;
  readonly database: Database;
  readonly db: Database['db'];
  readonly blobs: FsBlobStore;
  readonly config: Config;
  readonly devSigner: DevSigner;
  readonly dataDir: string;
  /** A bearer header for a user (through the dev signer, i.e. the real validation path). */
  auth(brukernavn: string): Promise<{ authorization: string }>;
  actor(brukernavn: string): Promise<Actor>;
  close(): Promise<void>;
}

/** The whole service against a fresh real database, for one test file. */
export async function createTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'arkiv-ctx-'));
  const config = loadConfig({ ARKIV_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  const database = await createTestDatabase();
  const devSigner = await loadDevSigner(config.auth);
  const verify = createTokenVerifier(config.auth, devSigner.jwks);
  const blobs = new FsBlobStore(path.join(dataDir, 'blobs'));
  let app: FastifyInstance;
  try {
    app = await buildApp({ config, database, db: database.db, blobs, verify, devSigner }, { logger: false });
    await app.ready();
  } catch (err) {
    await database.close();
    throw err;
  }
  const tokens = new Map<string, string>();
  return {
    app,
    database,
    db: database.db,
    blobs,
    config,
    devSigner,
    dataDir,
    async auth(brukernavn) {
      let token = tokens.get(brukernavn);
      if (!token) {
        const actor = await loadActor(database.db, brukernavn);
        if (!actor) throw new Error(`no test user ${brukernavn}`);
        token = await devSigner.sign({ sub: actor.bruker.systemId, preferred_username: actor.bruker.brukernavn, name: actor.bruker.navn });
        tokens.set(brukernavn, token);
      }
      return { authorization: `Bearer ${token}` };
    },
    async actor(brukernavn) {
      const actor = await loadActor(database.db, brukernavn);
      if (!actor) throw new Error(`no test user ${brukernavn}`);
      return actor;
    },
    async close() {
      await app.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
