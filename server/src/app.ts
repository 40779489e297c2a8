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
import { enhetRoutes } from './enhet/enhet.routes';
import { journalpostRoutes } from './journalpost/journalpost.routes';
import { offentligJournalRoutes } from './offentlig-journal/offentlig-journal.routes';
import { mailImportRoutes } from './mail/import.routes';
import { malRoutes } from './maler/mal.routes';
import type { OutboxWorker } from './utsending/outbox.worker';
import { utsendingRoutes } from './utsending/utsending.routes';
import { authPlugin } from './plugins/auth.plugin';
import { openapiPlugin } from './plugins/openapi.plugin';
import { buildValidator, inputPlugin } from './plugins/input.plugin';
import { MULTIPART_FIELD_BYTES } from './plugins/multipart-form';
import { clientErrorHandler, problemPlugin } from './plugins/problem.plugin';
import { securityHeadersPlugin } from './plugins/security-headers.plugin';
import { versjonPlugin } from './plugins/versjon.plugin';
import { arkivbordRoutes } from './arkivbord/arkivbord.routes';
import { sakRoutes } from './sak/sak.routes';
import { sokRoutes } from './sok/sok.routes';
import { systemRoutes } from './system/system.routes';
import { korrespondansepartRoutes } from './korrespondansepart/korrespondansepart.routes';
import { tilknytningRoutes } from './dokument/tilknytning.routes';
import { settTidssone } from './tid';
import { arkivformatRoutes } from './arkivformat/arkivformat.routes';
import { uttrekkRoutes } from './noark/uttrekk/uttrekk.routes';

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
  settTidssone(deps.config.tidssone);
  const app = Fastify({
    logger: opts.logger === false ? false : { level: deps.config.logLevel },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
    schemaController: { compilersFactory: { buildValidator } },
    // A problem+json body for any error, also when Node's HTTP parser refuses the request.
    clientErrorHandler,
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(problemPlugin);
  await app.register(inputPlugin);
  await app.register(securityHeadersPlugin);
  await app.register(openapiPlugin);
  await app.register(versjonPlugin);
  await app.register(multipart, { limits: { fileSize: deps.config.maxUploadBytes, files: 1, fields: 20, fieldSize: MULTIPART_FIELD_BYTES } });
  await app.register(authPlugin, { db: deps.db, verify: deps.verify, userClaim: deps.config.auth.userClaim });

  await app.register(systemRoutes, deps);
  await app.register(sakRoutes, deps);
  await app.register(journalpostRoutes, deps);
  await app.register(dokumentRoutes, deps);
  // Saksbehandling: the manual's routines.
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
  await app.register(enhetRoutes, deps);
  await app.register(arkivbordRoutes, deps);
  await app.register(arkivformatRoutes, deps);
  await app.register(uttrekkRoutes, deps);
  await app.register(korrespondansepartRoutes, deps);
  await app.register(tilknytningRoutes, deps);
  await app.register(addinPlugin, deps.addinDir ? { dir: deps.addinDir } : {});
  return app;
}
