import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { BrukerRef, KODELISTER, Uuid } from '@arkiv/shared';
import type { AppDeps } from '../app';
import { loadActor } from '../auth/actor';
import { AppError } from '../errors/app-error';
import { errorResponses } from '../plugins/openapi.plugin';

export const systemRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db, database, devSigner }) => {
  app.get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['System'], summary: 'Helsesjekk', security: [], response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]) }), ...errorResponses } } },
    async () => {
      await sql`select 1`.execute(db);
      return { status: 'ok' as const, database: database.dialect };
    },
  );

  app.get('/api/kodelister', { config: { public: true }, schema: { tags: ['System'], summary: 'Kodelister (Noark 5 og kommunens rutiner)', security: [] } }, async () => KODELISTER);

  app.get(
    '/api/meg',
    {
      schema: {
        tags: ['System'],
        summary: 'Innlogget bruker med roller og tilgangskoder',
        response: {
          200: Type.Object({
            bruker: BrukerRef,
            roller: Type.Array(Type.Object({ enhetId: Type.String(), rolle: Type.String() })),
            tilganger: Type.Array(Type.Object({ tilgangskode: Type.String(), enhetId: Type.Union([Type.String(), Type.Null()]) })),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => ({ bruker: req.actor.bruker, roller: [...req.actor.roller], tilganger: [...req.actor.tilganger] }),
  );

  // Who an oppgave or approval can go to (§12.1): the active users by name (no roles or access codes).
  // With enhetId: those with a role in that unit (whom a journalpost can be fordelt to, §10.1).
  app.get(
    '/api/brukere',
    { schema: { tags: ['System'], summary: 'Aktive brukere (mottakere av oppgaver); med enhetId bare de med en rolle i enheten', querystring: Type.Object({ enhetId: Type.Optional(Uuid) }, { additionalProperties: false }), response: { 200: Type.Array(BrukerRef), ...errorResponses } } },
    async (req) => {
      const { enhetId } = req.query;
      return db
        .selectFrom('bruker')
        .select(['systemId', 'brukernavn', 'navn'])
        .where('aktiv', '=', true)
        .$if(enhetId !== undefined, (qb) => qb.where('systemId', 'in', (eb) => eb.selectFrom('brukerRolle').select('brukerId').where('enhetId', '=', enhetId!)))
        .orderBy('navn')
        .execute();
    },
  );

  if (!devSigner) return;

  app.get('/api/dev/jwks.json', { config: { public: true }, schema: { tags: ['Dev'], summary: 'Dev-modusens offentlige nøkler', security: [] } }, async () => devSigner.jwks);

  app.get(
    '/api/dev/brukere',
    { config: { public: true }, schema: { tags: ['Dev'], summary: 'Brukere å logge inn som (bare i dev-modus)', security: [] } },
    async () =>
      db
        .selectFrom('bruker as b')
        .leftJoin('brukerRolle as r', 'r.brukerId', 'b.systemId')
        .select(['b.brukernavn', 'b.navn', sql<string[]>`coalesce(array_agg(distinct r.rolle) filter (where r.rolle is not null), '{}')`.as('roller')])
        .where('b.aktiv', '=', true)
        .groupBy(['b.brukernavn', 'b.navn'])
        .orderBy('b.brukernavn')
        .execute(),
  );

  app.post(
    '/api/dev/login',
    {
      config: { public: true },
      schema: {
        tags: ['Dev'],
        summary: 'Logg inn som en bruker (bare i dev-modus)',
        security: [],
        body: Type.Object({ brukernavn: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ token: Type.String(), tokenType: Type.Literal('Bearer'), expiresIn: Type.Integer(), bruker: BrukerRef }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = await loadActor(db, req.body.brukernavn);
      if (!actor) throw new AppError('unknown_user', `Brukeren ${req.body.brukernavn} finnes ikke`);
      const expiresIn = 8 * 3600;
      const token = await devSigner.sign({ sub: actor.bruker.systemId, preferred_username: actor.bruker.brukernavn, name: actor.bruker.navn }, expiresIn);
      return { token, tokenType: 'Bearer' as const, expiresIn, bruker: actor.bruker };
    },
  );
};
