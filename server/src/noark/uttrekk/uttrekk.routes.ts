import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { IdParams, UttrekkArkivdelView, UttrekkBestillingSchema, UttrekkJobbView } from '@arkiv/shared';
import { Type } from 'typebox';
import type { AppDeps } from '../../app';
import { errorResponses } from '../../plugins/openapi.plugin';
import { arkivdelerForUttrekk, bestillUttrekk, uttrekkPakke, visUttrekk } from './uttrekk.service';

/** Arkivuttrekk (Noark 5 deposit) as a job: the archive manager orders it and follows its progress. */
export const uttrekkRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db, blobs, config }) => {
  const tags = ['Arkivuttrekk'];
  app.post(
    '/api/uttrekk',
    { schema: { tags, summary: 'Bestill arkivuttrekk av en arkivdel (arkivansvarlig); kjører som jobb', body: UttrekkBestillingSchema, response: { 202: UttrekkJobbView, ...errorResponses } } },
    async (req, reply) => reply.status(202).send(await bestillUttrekk(db, blobs, req.actor, config.dataDir, req.body.arkivdel)),
  );
  app.get('/api/uttrekk', { schema: { tags, summary: 'Arkivuttrekk og framdrift (arkivansvarlig)', response: { 200: Type.Array(UttrekkJobbView), ...errorResponses } } }, async (req) => visUttrekk(db, req.actor));
  app.get('/api/uttrekk/:id', { schema: { tags, summary: 'Ett arkivuttrekk med framdrift', params: IdParams, response: { 200: UttrekkJobbView, ...errorResponses } } }, async (req) => (await visUttrekk(db, req.actor, req.params.id))[0]!);
  app.get('/api/uttrekk/arkivdeler', { schema: { tags, summary: 'Arkivdeler det kan lages uttrekk av (arkivansvarlig)', response: { 200: Type.Array(UttrekkArkivdelView), ...errorResponses } } }, async (req) => arkivdelerForUttrekk(db, req.actor));
  app.get(
    '/api/uttrekk/:id/pakke',
    { schema: { tags, summary: 'Last ned et ferdig arkivuttrekk som tar-fil (arkivansvarlig)', params: IdParams, response: errorResponses } },
    async (req, reply) => {
      const { jobb, tar } = await uttrekkPakke(db, req.actor, req.params.id);
      // A stream, not a schema'd body (as a document download).
      return (reply as unknown as FastifyReply)
        .header('content-type', 'application/x-tar')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="arkivuttrekk-${jobb.id}.tar"`)
        .send(tar);
    },
  );
};
