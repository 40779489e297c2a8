import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EkspederSchema, IdParams, JournalpostViewSchema } from '@arkiv/shared';
import type { AppDeps } from '../app';
import { loadJournalpostView } from '../journalpost/journalpost.queries';
import { errorResponses } from '../plugins/openapi.plugin';
import { ekspeder } from './ekspeder';

export const ekspederingRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  app.post(
    '/api/journalposter/:id/ekspeder',
    { schema: { tags: ['Ekspedering'], summary: 'Ekspeder (§10.7): status E, kanal per mottaker, kopier, avskrivninger trer i kraft', params: IdParams, body: EkspederSchema, response: { 200: JournalpostViewSchema, ...errorResponses } } },
    async (req) => {
      await ekspeder(db, req.actor, req.params.id, req.body);
      return loadJournalpostView(db, req.actor, req.params.id);
    },
  );
};
