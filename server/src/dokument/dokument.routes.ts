import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type Advarsel, IdParams, JournalpostViewSchema, SkjermingUpdateSchema, TILKNYTNING_KODER, type Tilknytning, TilknytningSchema, Uuid, VARIANTFORMAT_KODER, type Variantformat, VariantformatSchema } from '@arkiv/shared';
import type { AppDeps } from '../app';
import { validation } from '../errors/app-error';
import { loadJournalpostView } from '../journalpost/journalpost.queries';
import { dokumentTittelAdvarsler } from '../journalpost/tittel-advarsler';
import type { Actor } from '../auth/actor';
import { readForm, multipartRequestBody } from '../plugins/multipart-form';
import { errorResponses } from '../plugins/openapi.plugin';
import { forventetVersjon, IfMatchHeaders, medGjeldende } from '../plugins/versjon.plugin';
import { addDokument, addVersjon, findVersjonForDownload, type UploadedFile } from './dokument.service';
import { sendVersjon } from './nedlasting';
import { setDokumentSkjerming, setPublisering } from './offentlighet.service';

/** The text fields of a document upload, with the limits a JSON body would have. */
const UploadFields = Type.Object(
  {
    tittel: Type.Optional(Type.String({ maxLength: 1000, description: 'tom: filnavnet uten endelse' })),
    tilknytning: Type.Optional(TilknytningSchema),
  },
  { additionalProperties: false },
);
const VersjonFields = Type.Object({ variantformat: Type.Optional(VariantformatSchema) }, { additionalProperties: false });
const FORM = 'multipart/form-data: feltene først, deretter én fil i feltet `fil`';

/** Reads a multipart upload: text fields checked against `schema`, the one file streamed into the blob store. */
async function readUpload(req: FastifyRequest, deps: AppDeps, schema: typeof UploadFields | typeof VersjonFields): Promise<{ fields: Record<string, string>; file: UploadedFile }> {
  const { fields, files } = await readForm(
    req,
    schema,
    async (part) => {
      if (part.fieldname !== 'fil') throw validation(`/${part.fieldname}`, 'filen skal sendes i feltet fil');
      const staged = await deps.blobs.stage(part.file, { maxBytes: deps.config.maxUploadBytes });
      return { staged, filnavn: cleanFilename(part.filename), mimeType: part.mimetype || 'application/octet-stream' };
    },
    { files: 1, fileSize: deps.config.maxUploadBytes },
  );
  const file = files[0];
  if (!file) throw validation('/fil', 'mangler fil');
  return { fields, file };
}

function cleanFilename(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop()?.replace(/[\u0000-\u001f]/g, '').trim();
  return base || 'dokument';
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], field: string): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw validation(field, `må være en av ${allowed.join(', ')}`);
  return value as T;
}

export const dokumentRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const { db, blobs } = deps;
  const tags = ['Dokument'];
  // A document's metadata is part of its journalpost: the journalpost's view and version answer.
  const journalpostViewOf = async (actor: Actor, dokumentId: string) => {
    const dok = await db.selectFrom('dokumentbeskrivelse').select('journalpostId').where('systemId', '=', dokumentId).executeTakeFirstOrThrow();
    return loadJournalpostView(db, actor, dok.journalpostId);
  };

  app.post(
    '/api/journalposter/:id/dokumenter',
    { schema: { tags, summary: 'Last opp dokument (hoveddokument eller vedlegg)', params: IdParams, consumes: ['multipart/form-data'], response: { 201: JournalpostViewSchema, ...errorResponses } }, config: { openapiBody: multipartRequestBody(FORM, UploadFields, { name: 'fil' }) } },
    async (req, reply) => {
      const { fields, file } = await readUpload(req, deps, UploadFields);
      let advarsler: Advarsel[] = [];
      try {
        const tittel = (fields.tittel ?? '').trim() || file.filnavn.replace(/\.[A-Za-z0-9]{1,5}$/, '');
        const tilknytning = oneOf<Tilknytning>(fields.tilknytning, TILKNYTNING_KODER, '/tilknytning');
        advarsler = await dokumentTittelAdvarsler(db, req.params.id, tittel);
        await addDokument(db, blobs, req.actor, req.params.id, { tittel, ...(tilknytning ? { tilknytning } : {}) }, file);
      } finally {
        await file.staged.discard();
      }
      return reply.status(201).send({ ...(await loadJournalpostView(db, req.actor, req.params.id)), advarsler });
    },
  );

  app.post(
    '/api/dokumenter/:id/versjoner',
    {
      schema: { tags, summary: 'Ny versjon av et dokument (den nyeste er aktiv)', params: IdParams, consumes: ['multipart/form-data'], response: { 201: Type.Object({ dokumentId: Uuid, versjonsnummer: Type.Integer(), variantformat: VariantformatSchema }), ...errorResponses } },
      config: { openapiBody: multipartRequestBody(FORM, VersjonFields, { name: 'fil' }) },
    },
    async (req, reply) => {
      const { fields, file } = await readUpload(req, deps, VersjonFields);
      let versjonsnummer: number;
      let variantformat: Variantformat;
      try {
        variantformat = oneOf<Variantformat>(fields.variantformat, VARIANTFORMAT_KODER, '/variantformat') ?? 'P';
        versjonsnummer = await addVersjon(db, blobs, req.actor, req.params.id, variantformat, file);
      } finally {
        await file.staged.discard();
      }
      return reply.status(201).send({ dokumentId: req.params.id, versjonsnummer, variantformat });
    },
  );

  const download = async (req: FastifyRequest<{ Params: { id: string; versjonsnummer?: number }; Querystring: { variantformat?: Variantformat } }>, reply: import('fastify').FastifyReply) => {
    const versjon = await findVersjonForDownload(db, req.actor, req.params.id, req.params.versjonsnummer, req.query.variantformat ?? 'P');
    return sendVersjon(reply, blobs, versjon);
  };
  app.put(
    '/api/dokumenter/:id/publisering',
    {
      schema: {
        tags,
        summary: 'Velg om dokumentet publiseres i offentlig journal (bare når ingenting ved det er skjermet)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: Type.Object({ publiseres: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: JournalpostViewSchema, ...errorResponses },
      },
    },
    async (req) => {
      await medGjeldende(() => setPublisering(db, req.actor, req.params.id, req.body.publiseres, new Date(), forventetVersjon(req)), () => journalpostViewOf(req.actor, req.params.id));
      return journalpostViewOf(req.actor, req.params.id);
    },
  );

  app.put(
    '/api/dokumenter/:id/skjerming',
    {
      schema: {
        tags,
        summary: 'Sett eller fjern skjerming på ett dokument (også på låste journalposter). If-Match er journalpostens ETag.',
        params: IdParams,
        headers: IfMatchHeaders,
        body: SkjermingUpdateSchema,
        response: { 200: JournalpostViewSchema, ...errorResponses },
      },
    },
    async (req) => {
      await medGjeldende(() => setDokumentSkjerming(db, req.actor, req.params.id, req.body.skjerming, forventetVersjon(req)), () => journalpostViewOf(req.actor, req.params.id));
      return journalpostViewOf(req.actor, req.params.id);
    },
  );

  const VariantQuery = Type.Object({ variantformat: Type.Optional(VariantformatSchema) }, { additionalProperties: false });

  app.get('/api/dokumenter/:id/innhold', { schema: { tags, summary: 'Last ned aktiv versjon', params: IdParams, querystring: VariantQuery, response: errorResponses } }, download);
  app.get(
    '/api/dokumenter/:id/versjoner/:versjonsnummer/innhold',
    { schema: { tags, summary: 'Last ned en bestemt versjon', params: Type.Object({ id: Uuid, versjonsnummer: Type.Integer({ minimum: 1 }) }), querystring: VariantQuery, response: errorResponses } },
    download,
  );
};
