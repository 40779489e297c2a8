import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SokQuerySchema, SokResultSchema } from '@arkiv/shared';
import type { AppDeps } from '../app';
import { presentJournalpost } from '../journalpost/journalpost.presenter';
import { errorResponses } from '../plugins/openapi.plugin';
import { presentSak } from '../sak/sak.presenter';
import { sok } from './sok.repository';

export const sokRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  app.get(
    '/api/sok',
    {
      schema: {
        tags: ['Søk'],
        summary: 'Søk i saker, journalposter og dokumenttekst (bare det brukeren har tilgang til å se)',
        description:
          'q er et saksnummer eller journalnummer (2023/4711), en registreringsID (2023/4711-3) eller ord i vilkårlig rekkefølge og bøyning. ' +
          'Skjermede ord (tittel 2, korrespondanseparter, dokumenttekst) gir bare treff for den som kan se dem. Rangert, sidevis; antallet telles opp til 1000.',
        querystring: SokQuerySchema,
        response: { 200: SokResultSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { saker, journalposter } = await sok(db, req.actor, { ...req.query, limit: req.query.limit ?? 20, offset: req.query.offset ?? 0 });
      const { children, ...side } = journalposter;
      return {
        saker: { ...saker, items: saker.items.map((r) => presentSak(req.actor, r)) },
        journalposter: { ...side, items: side.items.map((r) => presentJournalpost(req.actor, r, children)) },
      };
    },
  );
};
