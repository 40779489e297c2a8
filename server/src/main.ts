import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { buildApp } from './app';
import { loadDevSigner } from './auth/dev-keys';
import { createTokenVerifier } from './auth/token-verifier';
import { FsBlobStore } from './blob/fs-blob-store';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { seedDemoIfEmpty } from './seed/demo-seed';

async function main() {
  const config = loadConfig();
  await mkdir(config.dataDir, { recursive: true });
  const database = config.databaseUrl
    ? await openDatabase({ kind: 'postgres', url: config.databaseUrl })
    : await openDatabase({ kind: 'pglite', dataDir: path.join(config.dataDir, 'pgdata') });
  await migrateToLatest(database.db);
  const blobs = new FsBlobStore(path.join(config.dataDir, 'blobs'));
  if (config.seedDemo) await seedDemoIfEmpty(database.db, blobs);

  const devSigner = config.auth.devMode ? await loadDevSigner(config.auth, config.dataDir) : undefined;
  const verify = createTokenVerifier(config.auth, devSigner?.jwks);
  const app = await buildApp({ config, database, db: database.db, blobs, verify, ...(devSigner ? { devSigner } : {}) });

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    `Arkiv på http://localhost:${config.port} (database: ${database.dialect}${config.databaseUrl ? '' : `, data i ${config.dataDir}`}; API-dokumentasjon: /docs${devSigner ? '; dev-innlogging: POST /api/dev/login' : ''})`,
  );
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(`Konfigurasjonsfeil: ${err.message}`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
