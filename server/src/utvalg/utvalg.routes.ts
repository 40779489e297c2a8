import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Dato, IdParams, Kodeverdi, UTVALGSSAKSTYPE_KODER, Uuid } from '@arkiv/shared';
import type { AppDeps } from '../app';
import { errorResponses } from '../plugins/openapi.plugin';
import { dagen } from '../tid';
import { listUtvalgssaker, meldOpp, opprettMoete, opprettUtvalg, registrerVedtak } from './utvalg.service';

const Created = { 201: Type.Object({ systemId: Uuid }), ...errorResponses };
const UtvalgssakView = Type.Object({
  systemId: Uuid,
  utvalgssaksnummer: Type.String(),
  utvalgssakstype: Kodeverdi(UTVALGSSAKSTYPE_KODER),
  vedtak: Type.Union([Type.String(), Type.Null()]),
  journalpostId: Uuid,
  tittel: Type.String(),
  tittel2: Type.Union([Type.String(), Type.Null()]),
  skjultNivaa: Type.Integer(),
});

/** §10.5 Committee: utvalg and møter as records, items with utvalgssaksnummer and vedtak. */
export const utvalgRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  const tags = ['Utvalg'];
  app.post('/api/utvalg', { schema: { tags, summary: 'Opprett utvalg', body: Type.Object({ kode: Type.String({ minLength: 1, maxLength: 20, pattern: '^\\S+$' }), navn: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }), response: Created } }, async (req, reply) =>
    reply.status(201).send({ systemId: await opprettUtvalg(db, req.actor, req.body) }),
  );
  app.post('/api/utvalg/:id/moeter', { schema: { tags, summary: 'Opprett møte', params: IdParams, body: Type.Object({ moetedato: Dato, sted: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }), response: Created } }, async (req, reply) =>
    reply.status(201).send({ systemId: await opprettMoete(db, req.actor, req.params.id, req.body) }),
  );
  app.post(
    '/api/journalposter/:id/meld-opp',
    { schema: { tags, summary: 'Meld opp til møte (PS etter F, DS, RS)', params: IdParams, body: Type.Object({ moeteId: Uuid, utvalgssakstype: Type.Optional(Kodeverdi(UTVALGSSAKSTYPE_KODER)) }, { additionalProperties: false }), response: Created } },
    async (req, reply) => reply.status(201).send({ systemId: await meldOpp(db, req.actor, req.params.id, req.body) }),
  );
  // §10.5 Meld opp: the meetings to choose from, from today (Norway) on, with their utvalg.
  app.get(
    '/api/moeter',
    {
      schema: {
        tags,
        summary: 'Kommende møter (fra og med fraDato, i dag som standard) med utvalg',
        querystring: Type.Object({ fraDato: Type.Optional(Dato) }, { additionalProperties: false }),
        response: { 200: Type.Array(Type.Object({ systemId: Uuid, moetedato: Type.String(), sted: Type.Union([Type.String(), Type.Null()]), utvalg: Type.Object({ systemId: Uuid, kode: Type.String(), navn: Type.String() }) })), ...errorResponses },
      },
    },
    async (req) => {
      const rows = await db
        .selectFrom('moete as m')
        .innerJoin('utvalg as u', 'u.systemId', 'm.utvalgId')
        .select(['m.systemId', 'm.moetedato', 'm.sted', 'u.systemId as utvalgId', 'u.kode', 'u.navn'])
        .where('m.moetedato', '>=', req.query.fraDato ?? dagen(new Date()))
        .orderBy('m.moetedato')
        .orderBy('u.kode')
        .limit(200)
        .execute();
      return rows.map((r) => ({ systemId: r.systemId, moetedato: String(r.moetedato), sted: r.sted, utvalg: { systemId: r.utvalgId, kode: r.kode, navn: r.navn } }));
    },
  );
  app.get('/api/moeter/:id/saker', { schema: { tags, summary: 'Møtets saksliste', params: IdParams, response: { 200: Type.Array(UtvalgssakView), ...errorResponses } } }, async (req) => listUtvalgssaker(db, req.actor, req.params.id));
  app.post('/api/utvalgssaker/:id/vedtak', { schema: { tags, summary: 'Registrer vedtak', params: IdParams, body: Type.Object({ vedtak: Type.String({ minLength: 1, maxLength: 20000, pattern: '\\S' }) }, { additionalProperties: false }), response: { 204: Type.Null(), ...errorResponses } } }, async (req, reply) => {
    await registrerVedtak(db, req.actor, req.params.id, req.body.vedtak);
    return reply.status(204).send(null);
  });
};
