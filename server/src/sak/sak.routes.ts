import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BrukerRef, HistorikkView, IdParams, JournalpostListQuerySchema, JournalpostViewSchema, Page, SakCreateSchema, SakListQuerySchema, SakUpdateSchema, SakViewSchema, SkjermedeOrdSchema, Uuid } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import { errorResponses } from '../plugins/openapi.plugin';
import { forventetVersjon, IfMatchHeaders, medGjeldende } from '../plugins/versjon.plugin';
import { notFound } from '../errors/app-error';
import { presentHistorikk } from '../historikk/historikk.presenter';
import { listHistorikk } from '../historikk/historikk.repository';
import { listJournalposterInSak } from '../journalpost/journalpost.queries';
import type { AppDeps } from '../app';
import { findSak, listSaker } from './sak.repository';
import { presentSak } from './sak.presenter';
import { createSak, updateSak } from './sak.service';
import { setSakSkjermedeOrd } from './skjermede-ord';
import { endreSaksstatus, merkSakBrukt } from './sak-status';
import { lignendeSaker } from './lignende-saker';
import { fjernTilgang, giTilgang, listTilganger } from './sak-tilgang';
import { SakStatusHandlingSchema } from '@arkiv/shared';

export const sakRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  const tags = ['Sak'];
  const gjeldendeSak = async (actor: Actor, id: string) => presentSak(actor, (await findSak(db, id))!);

  app.get('/api/saker', { schema: { tags, summary: 'Søk og list saker', querystring: SakListQuerySchema, response: { 200: Page(SakViewSchema), ...errorResponses } } }, async (req) => {
    const page = await listSaker(db, req.actor, req.query);
    return { ...page, items: page.items.map((row) => presentSak(req.actor, row)) };
  });

  app.post('/api/saker', { schema: { tags, summary: 'Opprett sak', body: SakCreateSchema, response: { 201: SakViewSchema, ...errorResponses } } }, async (req, reply) => {
    const id = await createSak(db, req.actor, req.body);
    const row = await findSak(db, id);
    const advarsler = await lignendeSaker(db, req.body.tittel, id);
    return reply.status(201).header('location', `/api/saker/${id}`).send({ ...presentSak(req.actor, row!), advarsler });
  });

  app.get(
    '/api/saker/lignende',
    { schema: { tags, summary: 'Søk etter lignende saker før ny sak opprettes (§4)', querystring: Type.Object({ tittel: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false }), response: { 200: Type.Array(Type.Object({ kode: Type.String(), melding: Type.String(), sakId: Type.String(), saksnummer: Type.String(), tittel: Type.String() })), ...errorResponses } } },
    async (req) => lignendeSaker(db, req.query.tittel),
  );

  app.get('/api/saker/:id', { schema: { tags, summary: 'Hent sak', params: IdParams, response: { 200: SakViewSchema, ...errorResponses } } }, async (req) => {
    const row = await findSak(db, req.params.id);
    if (!row) throw notFound('Saken');
    await merkSakBrukt(db, req.actor.paaVegneAv?.systemId ?? req.actor.bruker.systemId, row.systemId);
    return presentSak(req.actor, row);
  });

  app.post(
    '/api/saker/:id/tilganger',
    { schema: { tags, summary: 'Gi en bruker tilgang til å legge journalposter i saken (saksansvarlig, §6)', params: IdParams, body: Type.Object({ brukerId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }), response: { 200: SakViewSchema, ...errorResponses } } },
    async (req) => {
      await giTilgang(db, req.actor, req.params.id, req.body.brukerId);
      return presentSak(req.actor, (await findSak(db, req.params.id))!);
    },
  );

  app.delete(
    '/api/saker/:id/tilganger/:brukerId',
    { schema: { tags, summary: 'Fjern en brukers tilgang til å legge journalposter i saken (saksansvarlig, §6)', params: Type.Object({ id: Uuid, brukerId: Uuid }), response: { 200: SakViewSchema, ...errorResponses } } },
    async (req) => {
      await fjernTilgang(db, req.actor, req.params.id, req.params.brukerId);
      return presentSak(req.actor, (await findSak(db, req.params.id))!);
    },
  );

  app.get(
    '/api/saker/:id/tilganger',
    {
      schema: {
        tags,
        summary: 'Hvem saksansvarlig har gitt tilgang til å legge journalposter i saken (§6)',
        params: IdParams,
        response: { 200: Type.Array(Type.Object({ bruker: BrukerRef, gittAv: BrukerRef, gittDato: Type.String() })), ...errorResponses },
      },
    },
    async (req) => {
      if (!(await findSak(db, req.params.id))) throw notFound('Saken');
      return (await listTilganger(db, req.params.id)).map((t) => ({
        bruker: { systemId: t.systemId, brukernavn: t.brukernavn, navn: t.navn },
        gittAv: { systemId: t.gittAvId, brukernavn: t.gittAvBrukernavn, navn: t.gittAvNavn },
        gittDato: t.opprettetDato.toISOString(),
      }));
    },
  );

  app.post(
    '/api/saker/:id/status',
    { schema: { tags, summary: 'Arkivets steg: kontroller (R→B), avslutt (A), gjenåpne, utgår (U), ingen oppfølging (X)', params: IdParams, headers: IfMatchHeaders, body: SakStatusHandlingSchema, response: { 200: SakViewSchema, ...errorResponses } } },
    async (req) => {
      await medGjeldende(() => endreSaksstatus(db, req.actor, req.params.id, req.body.handling, new Date(), forventetVersjon(req)), () => gjeldendeSak(req.actor, req.params.id));
      return presentSak(req.actor, (await findSak(db, req.params.id))!);
    },
  );

  app.patch('/api/saker/:id', { schema: { tags, summary: 'Endre sak', params: IdParams, headers: IfMatchHeaders, body: SakUpdateSchema, response: { 200: SakViewSchema, ...errorResponses } } }, async (req) => {
    await medGjeldende(() => updateSak(db, req.actor, req.params.id, req.body, new Date(), forventetVersjon(req)), () => gjeldendeSak(req.actor, req.params.id));
    const row = await findSak(db, req.params.id);
    return presentSak(req.actor, row!);
  });

  app.put(
    '/api/saker/:id/skjermede-ord',
    { schema: { tags, summary: 'Skjerm ord i tittelen (bare på en skjermet sak)', params: IdParams, headers: IfMatchHeaders, body: SkjermedeOrdSchema, response: { 200: SakViewSchema, ...errorResponses } } },
    async (req) => {
      await medGjeldende(() => setSakSkjermedeOrd(db, req.actor, req.params.id, req.body.ord, forventetVersjon(req)), () => gjeldendeSak(req.actor, req.params.id));
      const row = await findSak(db, req.params.id);
      return presentSak(req.actor, row!);
    },
  );

  app.get(
    '/api/saker/:id/journalposter',
    { schema: { tags, summary: 'Sakens journalposter', params: IdParams, querystring: JournalpostListQuerySchema, response: { 200: Page(JournalpostViewSchema), ...errorResponses } } },
    async (req) => {
      const sak = await findSak(db, req.params.id);
      if (!sak) throw notFound('Saken');
      return listJournalposterInSak(db, req.actor, req.params.id, req.query);
    },
  );

  app.get('/api/saker/:id/historikk', { schema: { tags, summary: 'Sakens historikk', params: IdParams, response: { 200: Type.Array(HistorikkView), ...errorResponses } } }, async (req) => {
    const sak = await findSak(db, req.params.id);
    if (!sak) throw notFound('Saken');
    return presentHistorikk(await listHistorikk(db, req.actor, { sakId: req.params.id }));
  });
};
