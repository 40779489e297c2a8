import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, JournalposttypeSchema, JournalpostViewSchema, SakstypeSchema, Uuid } from '@arkiv/shared';
import type { AppDeps } from '../app';
import { loadJournalpostView } from '../journalpost/journalpost.queries';
import { errorResponses } from '../plugins/openapi.plugin';
import { forventetVersjon, IfMatchHeaders, medGjeldende } from '../plugins/versjon.plugin';
import { endreBrev, endreBrevHtml, skrivBrevFraMal } from './brev.service';
import { FLETTEFELT } from './flettefelt';
import { createMal, createStandardtekst, findMal, listMaler, listStandardtekster, updateMal } from './mal.service';

const Innhold = Type.String({ minLength: 1, maxLength: 100_000 });
const MalView = Type.Object({
  systemId: Uuid,
  navn: Type.String(),
  sakstype: Type.Union([SakstypeSchema, Type.Null()]),
  journalposttype: JournalposttypeSchema,
  versjonsnummer: Type.Integer(),
  innhold: Type.String(),
});

export const malRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db, blobs }) => {
  const tags = ['Maler'];

  app.get('/api/flettefelt', { schema: { tags, summary: 'Flettefelt som maler kan bruke' } }, async () => FLETTEFELT);

  app.get(
    '/api/maler',
    { schema: { tags, summary: 'Aktive maler (nyeste versjon) for sakstype/dokumenttype', querystring: Type.Object({ sakstype: Type.Optional(SakstypeSchema), journalposttype: Type.Optional(JournalposttypeSchema) }, { additionalProperties: false }), response: { 200: Type.Array(MalView), ...errorResponses } } },
    async (req) => (await listMaler(db, req.query)).map(({ opprettetDato: _d, ...m }) => m),
  );

  const MalDetalj = Type.Object({
    systemId: Uuid,
    navn: Type.String(),
    sakstype: Type.Union([SakstypeSchema, Type.Null()]),
    journalposttype: JournalposttypeSchema,
    aktiv: Type.Boolean(),
    opprettetDato: Type.String(),
    versjoner: Type.Array(Type.Object({ versjonsnummer: Type.Integer(), innhold: Type.String(), opprettetDato: Type.String() })),
    /** The newest versjonsnummer: the ETag to send back as If-Match when editing. */
    versjon: Type.Integer(),
  });
  const malDetalj = async (id: string) => {
    const mal = await findMal(db, id);
    return { ...mal, versjoner: mal.versjoner.map((v) => ({ ...v, opprettetDato: v.opprettetDato.toISOString() })), opprettetDato: mal.opprettetDato.toISOString(), versjon: mal.versjoner.at(-1)?.versjonsnummer ?? 0 };
  };
  app.get('/api/maler/:id', { schema: { tags, summary: 'Mal med alle versjoner', params: IdParams, response: { 200: MalDetalj, ...errorResponses } } }, async (req) => malDetalj(req.params.id));

  app.post(
    '/api/maler',
    { schema: { tags, summary: 'Ny mal (arkiv/systemansvarlig)', body: Type.Object({ navn: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }), sakstype: Type.Optional(Type.Union([SakstypeSchema, Type.Null()])), journalposttype: Type.Optional(JournalposttypeSchema), innhold: Innhold }, { additionalProperties: false }), response: { 201: Type.Object({ systemId: Uuid }), ...errorResponses } } },
    async (req, reply) => reply.status(201).send({ systemId: await createMal(db, req.actor, req.body) }),
  );

  app.put(
    '/api/maler/:id',
    {
      schema: {
        tags,
        summary: 'Endre mal: ny versjon, den nyeste er aktiv. If-Match er malens ETag (nyeste versjonsnummer).',
        params: IdParams,
        headers: IfMatchHeaders,
        body: Type.Object({ innhold: Innhold }, { additionalProperties: false }),
        response: { 200: Type.Object({ versjonsnummer: Type.Integer() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const versjonsnummer = await medGjeldende(() => updateMal(db, req.actor, req.params.id, req.body.innhold, forventetVersjon(req)), () => malDetalj(req.params.id));
      return reply.header('etag', `"${versjonsnummer}"`).send({ versjonsnummer });
    },
  );

  app.get('/api/standardtekster', { schema: { tags, summary: 'Standardtekster', querystring: Type.Object({ sakstype: Type.Optional(SakstypeSchema) }, { additionalProperties: false }) } }, async (req) => listStandardtekster(db, req.query.sakstype));

  app.post(
    '/api/standardtekster',
    { schema: { tags, summary: 'Ny standardtekst (arkiv/systemansvarlig)', body: Type.Object({ navn: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }), tekst: Innhold, sakstype: Type.Optional(Type.Union([SakstypeSchema, Type.Null()])) }, { additionalProperties: false }), response: { 201: Type.Object({ systemId: Uuid }), ...errorResponses } } },
    async (req, reply) => reply.status(201).send({ systemId: await createStandardtekst(db, req.actor, req.body) }),
  );

  app.post(
    '/api/journalposter/:id/brev',
    { schema: { tags, summary: 'Skriv brevet fra mal og standardtekster (§10.4): hoveddokument som tekst (redigerbar) og PDF', params: IdParams, body: Type.Object({ malId: Uuid, standardtekstIds: Type.Optional(Type.Array(Uuid, { maxItems: 50 })), fritekst: Type.Optional(Type.String({ maxLength: 50_000 })) }, { additionalProperties: false }), response: { 201: JournalpostViewSchema, ...errorResponses } } },
    async (req, reply) => {
      await skrivBrevFraMal(db, blobs, req.actor, req.params.id, req.body);
      return reply.status(201).send(await loadJournalpostView(db, req.actor, req.params.id));
    },
  );

  app.put(
    '/api/journalposter/:id/brev',
    { schema: { tags, summary: 'Endre brevteksten: ny versjon (tekst og PDF), den nyeste er aktiv', params: IdParams, headers: IfMatchHeaders, body: Type.Object({ tekst: Innhold }, { additionalProperties: false }), response: { 200: JournalpostViewSchema, ...errorResponses } } },
    async (req) => {
      await medGjeldende(() => endreBrev(db, blobs, req.actor, req.params.id, req.body.tekst, forventetVersjon(req)), () => loadJournalpostView(db, req.actor, req.params.id));
      return loadJournalpostView(db, req.actor, req.params.id);
    },
  );

  app.put(
    '/api/journalposter/:id/brev/html',
    {
      schema: {
        tags,
        summary: 'Endre brevet i panelets redigerer: HTML renses, lagres som redigerbar variant, og teksten blir PDF/A (ny versjon)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: Type.Object({ html: Innhold }, { additionalProperties: false }),
        response: { 200: JournalpostViewSchema, ...errorResponses },
      },
    },
    async (req) => {
      await medGjeldende(() => endreBrevHtml(db, blobs, req.actor, req.params.id, req.body.html, forventetVersjon(req)), () => loadJournalpostView(db, req.actor, req.params.id));
      return loadJournalpostView(db, req.actor, req.params.id);
    },
  );
};
