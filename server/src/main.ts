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
import { createMailSender } from './utsending/mail-sender';
import { startOutboxWorker } from './utsending/outbox.worker';

async function main() {
  const config = loadConfig();
  await mkdir(config.dataDir, { recursive: true });
  const database = config.databaseUrl
    ? await openDatabase({ kind: 'postgres', url: config.databaseUrl })
    : await openDatabase({ kind: 'pglite', dataDir: path.join(config.dataDir, 'pgdata') });
  await migrateToLatest(database.db);
  const blobs = new FsBlobStore(path.join(config.dataDir, 'blobs'));
  if (config.seedDemo) await seedDemoIfEmpty(database.db, blobs, { mailFrom: config.mail.from });

  const devSigner = config.auth.devMode ? await loadDevSigner(config.auth, config.dataDir) : undefined;
  const verify = createTokenVerifier(config.auth, devSigner?.jwks);
  // The outbox worker runs in the server process; several server processes may run it at once (SKIP LOCKED).
  const outbox = startOutboxWorker(database.db, blobs, createMailSender(config.mail), {
    leaseMs: config.mail.leaseMs,
    maxAttempts: config.mail.maxAttempts,
    pollMs: config.mail.pollMs,
    onError: (err) => console.error('utboks:', err),
  });
  const app = await buildApp({ config, database, db: database.db, blobs, verify, outbox, ...(devSigner ? { devSigner } : {}) });

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await outbox.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    `Arkiv på http://localhost:${config.port} (database: ${database.dialect}${config.databaseUrl ? '' : `, data i ${config.dataDir}`}; API-dokumentasjon: /docs${devSigner ? '; dev-innlogging: POST /api/dev/login' : ''}; e-post: ${config.mail.smtpUrl ? 'SMTP' : `lokal utboks, se /dev/utsendt`})`,
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
