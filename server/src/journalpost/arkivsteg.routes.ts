import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FeilregistrertJournalpostView, FeilregistrertQuerySchema, FlyttSchema, FordelSchema, IdParams, JournalpostViewSchema, Page } from '@arkiv/shared';
import type { AppDeps } from '../app';
import { errorResponses } from '../plugins/openapi.plugin';
import { feilregistrer, flytt } from './feilregistrer-flytt';
import { listFeilregistrerte } from './feilregistrerte';
import { fordel } from './fordel';
import { loadJournalpostView } from './journalpost.queries';

/** Distribution (§10.1) and the archive's corrections (§12.6, §12.7). */
export const arkivstegRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  const tags = ['Journalpost'];
  const view = { 200: JournalpostViewSchema, ...errorResponses };

  app.post('/api/journalposter/:id/fordel', { schema: { tags, summary: 'Fordel / send videre (§10.1)', params: IdParams, body: FordelSchema, response: view } }, async (req) => {
    await fordel(db, req.actor, req.params.id, req.body);
    return loadJournalpostView(db, req.actor, req.params.id);
  });

  app.post('/api/journalposter/:id/feilregistrer', { schema: { tags, summary: 'Feilregistrer (§12.6)', params: IdParams, response: { 204: { type: 'null' }, ...errorResponses } } }, async (req, reply) => {
    await feilregistrer(db, req.actor, req.params.id);
    return reply.status(204).send(null);
  });

  app.get(
    '/api/journalposter/feilregistrerte',
    { schema: { tags, summary: 'Feilregistrerte journalposter (arkivet, §12.6)', querystring: FeilregistrertQuerySchema, response: { 200: Page(FeilregistrertJournalpostView), ...errorResponses } } },
    async (req) => listFeilregistrerte(db, req.actor, req.query),
  );

  app.post('/api/journalposter/:id/flytt', { schema: { tags, summary: 'Flytt til annen sak (§12.7, arkivet)', params: IdParams, body: FlyttSchema, response: view } }, async (req) => {
    await flytt(db, req.actor, req.params.id, req.body);
    return loadJournalpostView(db, req.actor, req.params.id);
  });
};
