import type { MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type Advarsel, IdParams, JournalpostViewSchema, SkjermingUpdateSchema, TILKNYTNING_KODER, type Tilknytning, Uuid, VARIANTFORMAT_KODER, type Variantformat, VariantformatSchema } from '@arkiv/shared';
import type { AppDeps } from '../app';
import type { StagedBlob } from '../blob/blob-store';
import { AppError, validation } from '../errors/app-error';
import { loadJournalpostView } from '../journalpost/journalpost.queries';
import { dokumentTittelAdvarsler } from '../journalpost/tittel-advarsler';
import { errorResponses } from '../plugins/openapi.plugin';
import { addDokument, addVersjon, findVersjonForDownload, type UploadedFile } from './dokument.service';
import { setDokumentSkjerming, setPublisering } from './offentlighet.service';

const MULTIPART_BODY = {
  description: 'multipart/form-data: feltene først, deretter én fil i feltet `fil`',
  content: { 'multipart/form-data': { schema: { type: 'object', properties: { tittel: { type: 'string' }, tilknytning: { type: 'string', enum: [...TILKNYTNING_KODER] }, variantformat: { type: 'string', enum: [...VARIANTFORMAT_KODER] }, fil: { type: 'string', format: 'binary' } }, required: ['fil'] } } },
};

/** Reads a multipart upload: text fields into a record, the one file streamed into the blob store. */
async function readUpload(req: FastifyRequest, deps: AppDeps): Promise<{ fields: Record<string, string>; file: UploadedFile }> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Forventet multipart/form-data');
  const fields: Record<string, string> = {};
  let staged: StagedBlob | undefined;
  let meta: { filnavn: string; mimeType: string } | undefined;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      const filePart = part as MultipartFile;
      if (staged) throw validation('/fil', 'bare én fil per forespørsel');
      staged = await deps.blobs.stage(filePart.file, { maxBytes: deps.config.maxUploadBytes });
      meta = { filnavn: cleanFilename(filePart.filename), mimeType: filePart.mimetype || 'application/octet-stream' };
    }
  } catch (err) {
    await staged?.discard();
    throw err;
  }
  if (!staged || !meta) throw validation('/fil', 'mangler fil');
  return { fields, file: { staged, ...meta } };
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

  app.post(
    '/api/journalposter/:id/dokumenter',
    { schema: { tags, summary: 'Last opp dokument (hoveddokument eller vedlegg)', params: IdParams, consumes: ['multipart/form-data'], response: { 201: JournalpostViewSchema, ...errorResponses } }, config: { openapiBody: MULTIPART_BODY } },
    async (req, reply) => {
      const { fields, file } = await readUpload(req, deps);
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
    { schema: { tags, summary: 'Ny versjon av et dokument (den nyeste er aktiv)', params: IdParams, consumes: ['multipart/form-data'], response: { 201: Type.Object({ dokumentId: Uuid, versjonsnummer: Type.Integer(), variantformat: VariantformatSchema }), ...errorResponses } } },
    async (req, reply) => {
      const { fields, file } = await readUpload(req, deps);
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
    const { stream, size } = await blobs.open(versjon.sjekksum);
    return reply
      .header('content-type', versjon.format)
      .header('content-length', size)
      .header('etag', `"${versjon.sjekksum}"`)
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(versjon.filnavn)}`)
      .send(stream);
  };
  app.put(
    '/api/dokumenter/:id/publisering',
    {
      schema: {
        tags,
        summary: 'Velg om dokumentet publiseres i offentlig journal (bare når ingenting ved det er skjermet)',
        params: IdParams,
        body: Type.Object({ publiseres: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: JournalpostViewSchema, ...errorResponses },
      },
    },
    async (req) => {
      await setPublisering(db, req.actor, req.params.id, req.body.publiseres);
      const dok = await db.selectFrom('dokumentbeskrivelse').select('journalpostId').where('systemId', '=', req.params.id).executeTakeFirstOrThrow();
      return loadJournalpostView(db, req.actor, dok.journalpostId);
    },
  );

  app.put(
    '/api/dokumenter/:id/skjerming',
    { schema: { tags, summary: 'Sett eller fjern skjerming på ett dokument (også på låste journalposter)', params: IdParams, body: SkjermingUpdateSchema, response: { 200: JournalpostViewSchema, ...errorResponses } } },
    async (req) => {
      await setDokumentSkjerming(db, req.actor, req.params.id, req.body.skjerming);
      const dok = await db.selectFrom('dokumentbeskrivelse').select('journalpostId').where('systemId', '=', req.params.id).executeTakeFirstOrThrow();
      return loadJournalpostView(db, req.actor, dok.journalpostId);
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
