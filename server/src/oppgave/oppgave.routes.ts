import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BrukerRef, IdParams, OppgaveCreateSchema, OppgaveSvarSchema, OppgaveView, Uuid } from '@arkiv/shared';
import type { AppDeps } from '../app';
import { notFound } from '../errors/app-error';
import { loadJournalpostView } from '../journalpost/journalpost.queries';
import { errorResponses } from '../plugins/openapi.plugin';
import { erMeg } from '../policies/predicates';
import { besvarOppgave } from './besvar-oppgave';
import { presentOppgave, selectOppgave } from './oppgave.presenter';
import { deaktiver, fjernFraKurv, markerLest, opprettOppgave } from './oppgave.service';

const GodkjenningSchema = Type.Object(
  {
    mottakerId: Uuid,
    merknad: Type.Optional(Type.String({ minLength: 1, maxLength: 10000, pattern: '\\S' })),
    merknadForAlle: Type.Optional(Type.Boolean()),
    videre: Type.Optional(Type.Array(Uuid, { maxItems: 10, description: 'godkjenningsløp: lederne som godkjenner etter mottakeren, i rekkefølge' })),
  },
  { additionalProperties: false },
);

export const oppgaveRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  const tags = ['Oppgave'];
  const one = async (actor: Parameters<typeof presentOppgave>[0], id: string) => {
    const row = await selectOppgave(db, actor).where('o.systemId', '=', id).executeTakeFirst();
    if (!row || !(erMeg(actor, row.avsenderId) || erMeg(actor, row.mottakerId))) throw notFound('Oppgaven');
    return presentOppgave(actor, row);
  };
  const many = async (actor: Parameters<typeof presentOppgave>[0], ids: string[]) =>
    ids.length === 0 ? [] : (await selectOppgave(db, actor).where('o.systemId', 'in', ids).orderBy('o.opprettetDato').execute()).map((r) => presentOppgave(actor, r));

  app.post('/api/oppgaver', { schema: { tags, summary: 'Send oppgave til en eller flere mottakere (§12.1)', body: OppgaveCreateSchema, response: { 201: Type.Array(OppgaveView), ...errorResponses } } }, async (req, reply) => {
    const ids = await opprettOppgave(db, req.actor, req.body);
    return reply.status(201).send(await many(req.actor, ids));
  });

  app.post(
    '/api/journalposter/:id/til-godkjenning',
    { schema: { tags, summary: 'Send til godkjenning (§10.6, bare fra status R)', params: IdParams, body: GodkjenningSchema, response: { 201: Type.Array(OppgaveView), ...errorResponses } } },
    async (req, reply) => {
      const ids = await opprettOppgave(db, req.actor, { oppgavetype: 'GODKJENNING', journalpostId: req.params.id, mottakerIds: [req.body.mottakerId], ...(req.body.merknad ? { merknad: req.body.merknad } : {}), ...(req.body.merknadForAlle !== undefined ? { merknadForAlle: req.body.merknadForAlle } : {}) }, req.body.videre ?? []);
      return reply.status(201).send(await many(req.actor, ids));
    },
  );

  app.get('/api/journalposter/:id/oppgaver', { schema: { tags, summary: 'Journalpostens oppgaver (deaktiverte vises gjennomstreket)', params: IdParams, response: { 200: Type.Array(OppgaveView), ...errorResponses } } }, async (req) => {
    await loadJournalpostView(db, req.actor, req.params.id);
    const rows = await selectOppgave(db, req.actor).where('o.journalpostId', '=', req.params.id).orderBy('o.opprettetDato').execute();
    return rows.map((r) => presentOppgave(req.actor, r));
  });

  // Who a journalpost can be sent to for approval, or forwarded to (§10.6, §11.2): the active leaders.
  app.get('/api/godkjennere', { schema: { tags, summary: 'Ledere som kan godkjenne (mottakere av Til godkjenning)', response: { 200: Type.Array(BrukerRef), ...errorResponses } } }, async () =>
    db
      .selectFrom('bruker as b')
      .select(['b.systemId', 'b.brukernavn', 'b.navn'])
      .where('b.aktiv', '=', true)
      .where((eb) => eb.exists(eb.selectFrom('brukerRolle as r').select('r.brukerId').whereRef('r.brukerId', '=', 'b.systemId').where('r.rolle', '=', 'LED')))
      .orderBy('b.navn')
      .execute(),
  );

  // §12.8/§12.6: who gets a Beskjed til dokumentsenteret (the dokumentsenter and the archive).
  app.get('/api/dokumentsenteret', { schema: { tags, summary: 'Dokumentsenterets brukere (mottakere av Beskjed til dokumentsenteret)', response: { 200: Type.Array(BrukerRef), ...errorResponses } } }, async () =>
    db
      .selectFrom('bruker as b')
      .select(['b.systemId', 'b.brukernavn', 'b.navn'])
      .where('b.aktiv', '=', true)
      .where((eb) => eb.exists(eb.selectFrom('brukerRolle as r').select('r.brukerId').whereRef('r.brukerId', '=', 'b.systemId').where('r.rolle', 'in', ['DOK', 'ARK'])))
      .orderBy('b.navn')
      .execute(),
  );

  app.get('/api/oppgaver/:id', { schema: { tags, summary: 'Hent oppgave', params: IdParams, response: { 200: OppgaveView, ...errorResponses } } }, async (req) => one(req.actor, req.params.id));

  app.post('/api/oppgaver/:id/lest', { schema: { tags, summary: 'Marker som lest', params: IdParams, response: { 200: OppgaveView, ...errorResponses } } }, async (req) => {
    await markerLest(db, req.actor, req.params.id);
    return one(req.actor, req.params.id);
  });

  app.post('/api/oppgaver/:id/svar', { schema: { tags, summary: 'Behandle oppgave (svar)', params: IdParams, body: OppgaveSvarSchema, response: { 200: OppgaveView, ...errorResponses } } }, async (req) => {
    await besvarOppgave(db, req.actor, req.params.id, req.body);
    return one(req.actor, req.params.id);
  });

  app.post('/api/oppgaver/:id/fjern', { schema: { tags, summary: 'Fjern fra kurv (typer uten svar)', params: IdParams, response: { 200: OppgaveView, ...errorResponses } } }, async (req) => {
    await fjernFraKurv(db, req.actor, req.params.id);
    return one(req.actor, req.params.id);
  });

  app.post('/api/oppgaver/:id/deaktiver', { schema: { tags, summary: 'Deaktiver (før mottakeren har lest den)', params: IdParams, response: { 200: OppgaveView, ...errorResponses } } }, async (req) => {
    await deaktiver(db, req.actor, req.params.id);
    return one(req.actor, req.params.id);
  });
};
