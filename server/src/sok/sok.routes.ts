import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { JournalpostViewSchema, Page, SakViewSchema } from '@arkiv/shared';
import type { AppDeps } from '../app';
import { presentJournalpost } from '../journalpost/journalpost.presenter';
import { errorResponses } from '../plugins/openapi.plugin';
import { presentSak } from '../sak/sak.presenter';
import { sok } from './sok.repository';

const SokQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);

export const sokRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  app.get(
    '/api/sok',
    {
      schema: {
        tags: ['Søk'],
        summary: 'Søk i saker og journalposter (bare det brukeren har tilgang til å se)',
        querystring: SokQuery,
        response: { 200: Type.Object({ saker: Page(SakViewSchema), journalposter: Page(JournalpostViewSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const { saker, journalposter } = await sok(db, req.actor, req.query.q, req.query.limit ?? 20);
      return {
        saker: { ...saker, items: saker.items.map((r) => presentSak(req.actor, r)) },
        journalposter: {
          items: journalposter.rows.map((r) => presentJournalpost(req.actor, r, journalposter.children)),
          total: journalposter.total,
          limit: journalposter.limit,
          offset: journalposter.offset,
        },
      };
    },
  );
};
