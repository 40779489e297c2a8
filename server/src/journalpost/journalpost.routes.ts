import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { HistorikkView, IdParams, JournalpostCreateSchema, JournalpostUpdateSchema, JournalpostViewSchema, MerknadCreateSchema, SkjermedeOrdSchema, SkjermingUpdateSchema } from '@arkiv/shared';
import type { AppDeps } from '../app';
import { presentHistorikk } from '../historikk/historikk.presenter';
import { listHistorikk } from '../historikk/historikk.repository';
import { errorResponses } from '../plugins/openapi.plugin';
import { forventetVersjon, IfMatchHeaders, medGjeldende } from '../plugins/versjon.plugin';
import { assertHistorikkFinnes, loadJournalpostView } from './journalpost.queries';
import { journalpostTittelAdvarsler } from './tittel-advarsler';
import { setJournalpostSkjermedeOrd } from '../sak/skjermede-ord';
import { addMerknad, arkiver, createJournalpost, journalfoer, setJournalpostSkjerming, updateJournalpost } from './journalpost.service';

export const journalpostRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db, config }) => {
  const tags = ['Journalpost'];
  const view = { 200: JournalpostViewSchema, ...errorResponses };

  app.post(
    '/api/saker/:id/journalposter',
    { schema: { tags, summary: 'Opprett journalpost i saken', params: IdParams, body: JournalpostCreateSchema, response: { 201: JournalpostViewSchema, ...errorResponses } } },
    async (req, reply) => {
      const advarsler = await journalpostTittelAdvarsler(db, req.params.id, req.body.tittel);
      const id = await createJournalpost(db, req.actor, req.params.id, req.body, new Date(), { forfallsdager: config.forfallsdager });
      return reply.status(201).header('location', `/api/journalposter/${id}`).send({ ...(await loadJournalpostView(db, req.actor, id)), advarsler });
    },
  );

  app.get('/api/journalposter/:id', { schema: { tags, summary: 'Hent journalpost', params: IdParams, response: view } }, async (req) =>
    loadJournalpostView(db, req.actor, req.params.id),
  );

  app.patch(
    '/api/journalposter/:id',
    { schema: { tags, summary: 'Endre registreringsdata (bare i status R og S)', params: IdParams, headers: IfMatchHeaders, body: JournalpostUpdateSchema, response: view } },
    async (req) => {
      const gjeldende = () => loadJournalpostView(db, req.actor, req.params.id);
      await medGjeldende(() => updateJournalpost(db, req.actor, req.params.id, req.body, new Date(), forventetVersjon(req)), gjeldende);
      const view = await loadJournalpostView(db, req.actor, req.params.id);
      const advarsler = req.body.tittel !== undefined ? await journalpostTittelAdvarsler(db, view.sakId, req.body.tittel, req.params.id) : [];
      return { ...view, advarsler };
    },
  );

  app.put(
    '/api/journalposter/:id/skjerming',
    { schema: { tags, summary: 'Sett eller fjern skjerming (også på låste journalposter)', params: IdParams, headers: IfMatchHeaders, body: SkjermingUpdateSchema, response: view } },
    async (req) => {
      const gjeldende = () => loadJournalpostView(db, req.actor, req.params.id);
      await medGjeldende(() => setJournalpostSkjerming(db, req.actor, req.params.id, req.body.skjerming, forventetVersjon(req)), gjeldende);
      return loadJournalpostView(db, req.actor, req.params.id);
    },
  );

  app.put(
    '/api/journalposter/:id/skjermede-ord',
    { schema: { tags, summary: 'Skjerm ord i tittelen (bare på en skjermet journalpost; også låste)', params: IdParams, headers: IfMatchHeaders, body: SkjermedeOrdSchema, response: view } },
    async (req) => {
      const gjeldende = () => loadJournalpostView(db, req.actor, req.params.id);
      await medGjeldende(() => setJournalpostSkjermedeOrd(db, req.actor, req.params.id, req.body.ord, forventetVersjon(req)), gjeldende);
      return loadJournalpostView(db, req.actor, req.params.id);
    },
  );

  app.post(
    '/api/journalposter/:id/merknader',
    { schema: { tags, summary: 'Legg til merknad (også på låste journalposter)', params: IdParams, body: MerknadCreateSchema, response: { 201: JournalpostViewSchema, ...errorResponses } } },
    async (req, reply) => {
      await addMerknad(db, req.actor, req.params.id, req.body);
      return reply.status(201).send(await loadJournalpostView(db, req.actor, req.params.id));
    },
  );

  app.post('/api/journalposter/:id/journalfoer', { schema: { tags, summary: 'Journalfør (arkivet): S, F eller E → J', params: IdParams, response: view } }, async (req) => {
    await journalfoer(db, req.actor, req.params.id);
    return loadJournalpostView(db, req.actor, req.params.id);
  });

  app.post('/api/journalposter/:id/arkiver', { schema: { tags, summary: 'Arkiver (arkivet): J → A', params: IdParams, response: view } }, async (req) => {
    await arkiver(db, req.actor, req.params.id);
    return loadJournalpostView(db, req.actor, req.params.id);
  });

  app.get('/api/journalposter/:id/historikk', { schema: { tags, summary: 'Journalpostens historikk (også etter feilregistrering)', params: IdParams, response: { 200: Type.Array(HistorikkView), ...errorResponses } } }, async (req) => {
    await assertHistorikkFinnes(db, req.actor, req.params.id);
    return presentHistorikk(await listHistorikk(db, req.actor, { journalpostId: req.params.id }));
  });
};
