import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { KurvItem, KurvParams, KURVER, Kodeverdi, Uuid } from '@arkiv/shared';
import type { AppDeps } from '../app';
import { errorResponses } from '../plugins/openapi.plugin';
import { listKurv, tellKurver } from './kurv.repository';
import { dagen } from '../tid';

const idag = () => dagen(new Date());

export const kurvRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  const tags = ['Arbeidsbord'];
  app.get(
    '/api/kurver',
    { schema: { tags, summary: 'Kurvene med antall (for brukeren eller lederen man er stedfortreder for)', response: { 200: Type.Array(Type.Object({ kurv: Kodeverdi(KURVER), antall: Type.Integer() })), ...errorResponses } } },
    async (req) => tellKurver(db, req.actor, idag()),
  );
  app.get(
    '/api/kurver/:kurv',
    { schema: { tags, summary: 'Innholdet i en kurv (enhetId: lederens saksfordeling, Ubehandlet, Forfall og Dokumenter i arbeid for enheten)', params: KurvParams, querystring: Type.Object({ enhetId: Type.Optional(Uuid) }, { additionalProperties: false }), response: { 200: Type.Array(KurvItem), ...errorResponses } } },
    async (req) => listKurv(db, req.actor, req.params.kurv, idag(), req.query.enhetId),
  );
};
