import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, KryssreferanseCreateSchema, KryssreferanseListe } from '@arkiv/shared';
import type { AppDeps } from '../app';
import { errorResponses } from '../plugins/openapi.plugin';
import type { Ende } from './kryssreferanse.repository';
import { fjernKryssreferanse, listKryssreferanser, opprettKryssreferanse } from './kryssreferanse.service';

/** Kryssreferanser (Noark 5) from and to saker and journalposter: list both ways, add, remove. */
export const kryssreferanseRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  const tags = ['Kryssreferanse'];
  const liste = { 200: KryssreferanseListe, ...errorResponses };
  const opprettet = { 201: KryssreferanseListe, ...errorResponses };

  for (const [sti, type, navn] of [
    ['saker', 'sak', 'saken'],
    ['journalposter', 'journalpost', 'journalposten'],
  ] as const) {
    const ende = (id: string): Ende => ({ type, id });
    app.get(
      `/api/${sti}/:id/kryssreferanser`,
      { schema: { tags, summary: `Kryssreferanser fra og til ${navn} (skjermet som alle lister)`, params: IdParams, response: liste } },
      async (req) => listKryssreferanser(db, req.actor, ende(req.params.id)),
    );
    app.post(
      `/api/${sti}/:id/kryssreferanser`,
      {
        schema: {
          tags,
          summary: `Legg til kryssreferanse fra ${navn} til en sak eller journalpost (også på låste poster)`,
          params: IdParams,
          body: KryssreferanseCreateSchema,
          response: opprettet,
        },
      },
      async (req, reply) => {
        await opprettKryssreferanse(db, req.actor, ende(req.params.id), req.body);
        return reply.status(201).send(await listKryssreferanser(db, req.actor, ende(req.params.id)));
      },
    );
  }

  app.delete(
    '/api/kryssreferanser/:id',
    { schema: { tags, summary: 'Fjern en kryssreferanse (rettigheter på posten den hører til)', params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await fjernKryssreferanse(db, req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );
};
