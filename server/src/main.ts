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
import { startTekstjobb } from './sok/tekst.worker';
import { startArkivformatWorker } from './arkivformat/arkivformat.worker';
import { finnSofficeEnGang, lagKonverterer } from './arkivformat/konverterer';
import { avbruttVedOppstart } from './noark/uttrekk/uttrekk.service';

async function main() {
  const config = loadConfig();
  await mkdir(config.dataDir, { recursive: true });
  const database = config.databaseUrl
    ? await openDatabase({ kind: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize })
    : await openDatabase({ kind: 'pglite', dataDir: path.join(config.dataDir, 'pgdata') });
  await migrateToLatest(database.db);
  const blobs = new FsBlobStore(path.join(config.dataDir, 'blobs'));
  if (config.seedDemo) {
    const seeded = await seedDemoIfEmpty(database.db, blobs, { mailFrom: config.mail.from, dataDir: config.dataDir });
    if (config.production) {
      console.warn(
        `ADVARSEL: ARKIV_SEED_DEMO=true i produksjon: demokommunens brukere (ola, kari, lise, arne, dina, sven) ${seeded ? 'er lagt inn' : 'kan finnes'} i databasen, ` +
          'noen med alle tilgangskoder. Den som har et token med et av disse navnene, er den brukeren. Fjern ARKIV_SEED_DEMO og brukerne før ekte bruk.',
      );
    }
  }

  const devSigner = config.auth.devMode ? await loadDevSigner(config.auth, config.dataDir) : undefined;
  const verify = createTokenVerifier(config.auth, devSigner?.jwks);
  // The outbox worker runs in the server process; several server processes may run it at once (SKIP LOCKED).
  const outbox = startOutboxWorker(database.db, blobs, createMailSender(config.mail), {
    leaseMs: config.mail.leaseMs,
    maxAttempts: config.mail.maxAttempts,
    pollMs: config.mail.pollMs,
    onError: (err) => console.error('utboks:', err),
  });
  // Document text for search, read after upload (never in the request).
  const tekstjobb = startTekstjobb(database.db, blobs, { leaseMs: 120_000, maxAttempts: 3, pollMs: 3_000, onError: (err) => console.error('tekstuttrekk:', err) });
  await avbruttVedOppstart(database.db);
  // Archive variants (PDF/A) of journalført documents, converted outside the requests.
  const soffice = await finnSofficeEnGang();
  if (!soffice) console.warn('ADVARSEL: LibreOffice (soffice) finnes ikke: kontordokumenter får ikke arkivformat før det er installert (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui).');
  const arkivformat = startArkivformatWorker(database.db, blobs, lagKonverterer({ soffice, timeoutMs: config.arkivformat.timeoutMs }), {
    leaseMs: config.arkivformat.timeoutMs * 2,
    maxAttempts: config.arkivformat.maxAttempts,
    pollMs: config.arkivformat.pollMs,
    onError: (err) => console.error('arkivformat:', err),
  });
  const app = await buildApp({ config, database, db: database.db, blobs, verify, outbox, ...(devSigner ? { devSigner } : {}) });

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await outbox.stop();
    await tekstjobb.stop();
    await arkivformat.stop();
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
