import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AvskrivSchema, BesvarSchema, Dato, IdParams, JournalpostViewSchema, RestanserapportView, Uuid } from '@arkiv/shared';
import type { AppDeps } from '../app';
import { loadJournalpostView } from '../journalpost/journalpost.queries';
import { errorResponses } from '../plugins/openapi.plugin';
import { avskriv } from './avskriv';
import { besvar } from './besvar';
import { restanserapport } from './restanserapport';
import { dagen } from '../tid';

const RapportQuery = Type.Object(
  { enhetId: Type.Optional(Uuid), saksbehandlerId: Type.Optional(Uuid), fra: Type.Optional(Dato), til: Type.Optional(Dato) },
  { additionalProperties: false },
);

export const restanseRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  const tags = ['Restanse'];

  app.post(
    '/api/journalposter/:id/avskrivninger',
    { schema: { tags, summary: 'Avskriv (§10.2.1; koden må gjelde dokumenttypen, TLF krever merknad)', params: IdParams, body: AvskrivSchema, response: { 201: JournalpostViewSchema, ...errorResponses } } },
    async (req, reply) => {
      await avskriv(db, req.actor, req.params.id, req.body);
      return reply.status(201).send(await loadJournalpostView(db, req.actor, req.params.id));
    },
  );

  app.post(
    '/api/svar',
    { schema: { tags, summary: 'Svar skriftlig (§10.2.2): besvar og avskriv, foreløpig svar, besvar uten å avskrive', body: BesvarSchema, response: { 201: JournalpostViewSchema, ...errorResponses } } },
    async (req, reply) => {
      const id = await besvar(db, req.actor, req.body);
      return reply.status(201).header('location', `/api/journalposter/${id}`).send(await loadJournalpostView(db, req.actor, id));
    },
  );

  app.get(
    '/api/rapporter/restanse',
    { schema: { tags, summary: 'Restanserapport (§11.1): enhet eller saksbehandler, periode; siste kriterier huskes', querystring: RapportQuery, response: { 200: RestanserapportView, ...errorResponses } } },
    async (req) => restanserapport(db, req.actor, req.query, dagen(new Date())),
  );
};
