import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BrukerRef, EnhetRef } from '@arkiv/shared';
import type { AppDeps } from '../app';
import { errorResponses } from '../plugins/openapi.plugin';
import { ledetEnheter } from './enhet.repository';

const LedetEnhet = Type.Object({ enhet: EnhetRef, brukere: Type.Array(BrukerRef) });

export const enhetRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  app.get(
    '/api/enheter/ledet',
    {
      schema: {
        tags: ['Arbeidsbord'],
        summary: 'Enhetene jeg leder (eller lederen jeg er stedfortreder for), med enhetens brukere: saksfordeling og restanserapport (§6, §11.1)',
        response: { 200: Type.Array(LedetEnhet), ...errorResponses },
      },
    },
    async (req) => ledetEnheter(db, req.actor),
  );
};
