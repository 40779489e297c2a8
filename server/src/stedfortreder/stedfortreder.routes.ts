import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BrukerRef, IdParams, StedfortrederCreateSchema, Uuid } from '@arkiv/shared';
import type { AppDeps } from '../app';
import { errorResponses } from '../plugins/openapi.plugin';
import { aktiveLedere, avsluttStedfortreder, listStedfortredere, oppnevnStedfortreder } from './stedfortreder.service';

const StedfortrederView = Type.Object({
  systemId: Uuid,
  fraDato: Type.String(),
  tilDato: Type.String(),
  tilgangskoder: Type.Array(Type.String()),
  lederId: Uuid,
  lederBrukernavn: Type.String(),
  lederNavn: Type.String(),
  stedfortrederId: Uuid,
  stedfortrederBrukernavn: Type.String(),
  stedfortrederNavn: Type.String(),
});

export const stedfortrederRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  const tags = ['Stedfortreder'];
  app.post('/api/stedfortredere', { schema: { tags, summary: 'Oppnevn stedfortreder (§11.3)', body: StedfortrederCreateSchema, response: { 201: Type.Object({ systemId: Uuid }), ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send({ systemId: await oppnevnStedfortreder(db, req.actor, req.body) }),
  );
  app.get('/api/stedfortredere', { schema: { tags, summary: 'Mine stedfortredere og dem jeg er stedfortreder for', response: { 200: Type.Array(StedfortrederView), ...errorResponses } } }, async (req) =>
    listStedfortredere(db, req.actor),
  );
  app.post(
    '/api/stedfortredere/:id/avslutt',
    {
      schema: {
        tags,
        summary: 'Avslutt stedfortrederen (§11.3): en som løper slutter i dag (siste dag), en som ikke har begynt slettes',
        params: IdParams,
        response: { 200: Type.Object({ resultat: Type.Union([Type.Literal('avsluttet'), Type.Literal('slettet')]) }), ...errorResponses },
      },
    },
    async (req) => ({ resultat: await avsluttStedfortreder(db, req.actor, req.params.id) }),
  );
  app.get(
    '/api/meg/pult',
    {
      schema: {
        tags,
        summary: 'Hvem er jeg, og hvem sitt arbeidsbord (stedfortreder vises i rødt i klienten)',
        response: {
          200: Type.Object({ bruker: BrukerRef, paaVegneAv: Type.Union([BrukerRef, Type.Null()]), roller: Type.Array(Type.Object({ enhetId: Uuid, rolle: Type.String() })), stedfortrederFor: Type.Array(BrukerRef) }),
          ...errorResponses,
        },
      },
    },
    async (req) => ({ bruker: req.actor.bruker, paaVegneAv: req.actor.paaVegneAv, roller: [...req.actor.roller], stedfortrederFor: await aktiveLedere(db, req.actor) }),
  );
};
