import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { addinPlugin } from './addin/addin.plugin';
import type { DevSigner } from './auth/dev-keys';
import type { TokenVerifier } from './auth/token-verifier';
import type { BlobStore } from './blob/blob-store';
import type { Config } from './config';
import type { Database } from './db/database';
import type { DB } from './db/schema';
import { dokumentRoutes } from './dokument/dokument.routes';
import { ekspederingRoutes } from './ekspedering/ekspedering.routes';
import { arkivstegRoutes } from './journalpost/arkivsteg.routes';
import { kryssreferanseRoutes } from './kryssreferanse/kryssreferanse.routes';
import { kurvRoutes } from './kurv/kurv.routes';
import { oppgaveRoutes } from './oppgave/oppgave.routes';
import { restanseRoutes } from './restanse/restanse.routes';
import { stedfortrederRoutes } from './stedfortreder/stedfortreder.routes';
import { utvalgRoutes } from './utvalg/utvalg.routes';
import { journalpostRoutes } from './journalpost/journalpost.routes';
import { offentligJournalRoutes } from './offentlig-journal/offentlig-journal.routes';
import { mailImportRoutes } from './mail/import.routes';
import { malRoutes } from './maler/mal.routes';
import type { OutboxWorker } from './utsending/outbox.worker';
import { utsendingRoutes } from './utsending/utsending.routes';
import { authPlugin } from './plugins/auth.plugin';
import { openapiPlugin } from './plugins/openapi.plugin';
import { problemPlugin } from './plugins/problem.plugin';
import { sakRoutes } from './sak/sak.routes';
import { sokRoutes } from './sok/sok.routes';
import { systemRoutes } from './system/system.routes';

/** Everything the routes need, passed in (no globals), so tests build the same app. */
export interface AppDeps {
  readonly config: Config;
  readonly database: Database;
  readonly db: Kysely<DB>;
  readonly blobs: BlobStore;
  readonly verify: TokenVerifier;
  readonly devSigner?: DevSigner;
  /** The built task pane to serve (default addin/dist; skipped when not built). */
  readonly addinDir?: string;
  /** The outbox worker, kicked after an expedition commits (absent in tests that drain it themselves). */
  readonly outbox?: OutboxWorker;
}

export async function buildApp(deps: AppDeps, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: deps.config.logLevel },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
    // A problem+json body for any error also when the client sends a body Fastify cannot parse.
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(problemPlugin);
  await app.register(openapiPlugin);
  await app.register(multipart, { limits: { fileSize: deps.config.maxUploadBytes, files: 1, fields: 20, fieldSize: 10_000 } });
  await app.register(authPlugin, { db: deps.db, verify: deps.verify, userClaim: deps.config.auth.userClaim });

  await app.register(systemRoutes, deps);
  await app.register(sakRoutes, deps);
  await app.register(journalpostRoutes, deps);
  await app.register(dokumentRoutes, deps);
  // Saksbehandling (issue 3): the manual's routines.
  await app.register(arkivstegRoutes, deps);
  await app.register(restanseRoutes, deps);
  await app.register(ekspederingRoutes, deps);
  await app.register(oppgaveRoutes, deps);
  await app.register(kryssreferanseRoutes, deps);
  await app.register(kurvRoutes, deps);
  await app.register(stedfortrederRoutes, deps);
  await app.register(sokRoutes, deps);
  await app.register(offentligJournalRoutes, deps);
  await app.register(mailImportRoutes, deps);
  await app.register(utsendingRoutes, deps);
  await app.register(malRoutes, deps);
  await app.register(utvalgRoutes, deps);
  await app.register(addinPlugin, deps.addinDir ? { dir: deps.addinDir } : {});
  return app;
}
