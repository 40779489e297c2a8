import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, JournalpostViewSchema, Uuid } from '@arkiv/shared';
import type { AppDeps } from '../app';
import { loadJournalpostView } from '../journalpost/journalpost.queries';
import { errorResponses } from '../plugins/openapi.plugin';
import { tilknyttDokument } from './tilknytning.service';

/** Filtilknytning: another document of the sak attached as a vedlegg (§10.4). */
export const tilknytningRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  app.post(
    '/api/journalposter/:id/dokumenter/tilknytning',
    {
      schema: {
        tags: ['Dokument'],
        summary: 'Knytt et dokument fra en annen journalpost i saken til som vedlegg (filtilknytning)',
        params: IdParams,
        body: Type.Object({ dokumentId: Uuid }, { additionalProperties: false }),
        response: { 201: JournalpostViewSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      await tilknyttDokument(db, req.actor, req.params.id, req.body.dokumentId);
      return reply.status(201).send(await loadJournalpostView(db, req.actor, req.params.id));
    },
  );
};
