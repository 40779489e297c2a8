import type { MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { IdParams, SAKSTYPE_KODER, type Sakstype, TILGANGSKODE_KODER, type Tilgangskode } from '@arkiv/shared';
import type { AppDeps } from '../app';
import { AppError, validation } from '../errors/app-error';
import { errorResponses } from '../plugins/openapi.plugin';
import { sendProblem } from '../plugins/problem.plugin';
import { loadJournalpostView } from '../journalpost/journalpost.queries';
import { findImport, recentSaker } from './import.repository';
import { normaliseMessageId } from './mime-reader';
import { type ImportOptions, type ImportResult, type ImportTarget, type UploadedMail, importMessages } from './import.service';

const MAX_MESSAGES = 50;

const MULTIPART_BODY = {
  description:
    'multipart/form-data: feltene først, deretter én eller flere meldinger (.eml eller .msg) som filer. ' +
    'retning=mottatt gir I, retning=sendt gir U (ekspedert). journalposttype=N|X overstyrer.',
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object',
        properties: {
          retning: { type: 'string', enum: ['mottatt', 'sendt'] },
          journalposttype: { type: 'string', enum: ['N', 'X'] },
          tittel: { type: 'string' },
          tittel2: { type: 'string', description: 'tittel linje 2 (den skjermede delen av tittelen)' },
          vedleggTitler: { type: 'string', description: 'JSON-objekt filnavn → rettet tittel for vedleggene, f.eks. {"Soknad_2026.pdf":"Søknad om ferdigattest"}' },
          forfallsdato: { type: 'string', format: 'date' },
          tilgangskode: { type: 'string', enum: [...TILGANGSKODE_KODER] },
          skjermingsnivaa: { type: 'integer', enum: [1, 2, 3] },
          skjermingshjemmel: { type: 'string' },
          brukOpprinneligAvsender: { type: 'boolean' },
          sakTittel: { type: 'string', description: 'bare ved ny sak' },
          sakstype: { type: 'string', enum: [...SAKSTYPE_KODER], description: 'bare ved ny sak' },
          fil: { type: 'array', items: { type: 'string', format: 'binary' } },
        },
        required: ['retning', 'fil'],
      },
    },
  },
};

const ResultSchema = Type.Object({
  filnavn: Type.String(),
  status: Type.Integer(),
  journalpostId: Type.Optional(Type.String()),
  sakId: Type.Optional(Type.String()),
  tittel: Type.Optional(Type.String()),
  advarsler: Type.Optional(Type.Array(Type.String())),
  foreslaattAvsender: Type.Optional(Type.Union([Type.Object({ navn: Type.Union([Type.String(), Type.Null()]), epost: Type.String() }), Type.Null()])),
  problem: Type.Optional(Type.Object({ code: Type.String(), detail: Type.String(), existing: Type.Optional(Type.String()) })),
});
const ResultsSchema = Type.Object({ resultater: Type.Array(ResultSchema) });

/** Reads the form: fields first, then each message streamed into the blob store's staging area. */
async function readMessages(req: FastifyRequest, deps: AppDeps): Promise<{ fields: Record<string, string>; files: UploadedMail[] }> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Forventet multipart/form-data');
  const fields: Record<string, string> = {};
  const files: UploadedMail[] = [];
  try {
    for await (const part of req.parts({ limits: { files: MAX_MESSAGES, fileSize: deps.config.maxUploadBytes } })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      const filePart = part as MultipartFile;
      const staged = await deps.blobs.stage(filePart.file, { maxBytes: deps.config.maxUploadBytes });
      const filnavn = (filePart.filename ?? '').split(/[\\/]/).pop()?.replace(/[\u0000-\u001f]/g, '').trim() || 'melding.eml';
      files.push({ staged, filnavn });
    }
  } catch (err) {
    await Promise.all(files.map((f) => f.staged.discard()));
    throw err;
  }
  if (files.length === 0) throw validation('/fil', 'mangler melding (.eml eller .msg)');
  return { fields, files };
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], field: string): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw validation(field, `må være en av ${allowed.join(', ')}`);
  return value as T;
}

export function importOptions(fields: Record<string, string>): ImportOptions {
  const retning = oneOf(fields.retning, ['mottatt', 'sendt'] as const, '/retning');
  if (!retning) throw validation('/retning', 'mottatt eller sendt må oppgis');
  const journalposttype = oneOf(fields.journalposttype, ['N', 'X'] as const, '/journalposttype');
  const forfallsdato = fields.forfallsdato?.trim() || undefined;
  if (forfallsdato && (!/^\d{4}-\d{2}-\d{2}$/.test(forfallsdato) || Number.isNaN(Date.parse(forfallsdato)))) throw validation('/forfallsdato', 'må være en dato (YYYY-MM-DD)');
  const tilgangskode = oneOf<Tilgangskode>(fields.tilgangskode, TILGANGSKODE_KODER, '/tilgangskode');
  let skjerming: ImportOptions['skjerming'];
  if (tilgangskode) {
    const nivaa = Number(fields.skjermingsnivaa);
    if (![1, 2, 3].includes(nivaa)) throw validation('/skjermingsnivaa', 'må være 1, 2 eller 3');
    const hjemmel = fields.skjermingshjemmel?.trim();
    if (!hjemmel) throw validation('/skjermingshjemmel', 'lovhjemmel må oppgis ved skjerming');
    skjerming = { tilgangskode, skjermingsnivaa: nivaa as 1 | 2 | 3, skjermingshjemmel: hjemmel.slice(0, 200) };
  }
  const tittel = fields.tittel?.trim();
  if (tittel && tittel.length > 1000) throw validation('/tittel', 'høyst 1000 tegn');
  const tittel2 = fields.tittel2?.trim();
  if (tittel2 && tittel2.length > 1000) throw validation('/tittel2', 'høyst 1000 tegn');
  const vedleggTitler = parseVedleggTitler(fields.vedleggTitler);
  return {
    retning,
    ...(journalposttype ? { journalposttype } : {}),
    ...(tittel ? { tittel } : {}),
    ...(tittel2 ? { tittel2 } : {}),
    ...(vedleggTitler ? { vedleggTitler } : {}),
    ...(forfallsdato ? { forfallsdato } : {}),
    ...(skjerming ? { skjerming } : {}),
    ...(fields.brukOpprinneligAvsender === 'true' ? { brukOpprinneligAvsender: true } : {}),
  };
}

/** `{"file name": "title"}`; every title a non-empty string of at most 1000 characters. */
function parseVedleggTitler(raw: string | undefined): Record<string, string> | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw validation('/vedleggTitler', 'må være et JSON-objekt {"filnavn": "tittel"}');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw validation('/vedleggTitler', 'må være et JSON-objekt {"filnavn": "tittel"}');
  const out: Record<string, string> = {};
  for (const [filnavn, tittel] of Object.entries(value)) {
    if (typeof tittel !== 'string' || !tittel.trim()) throw validation(`/vedleggTitler/${filnavn}`, 'tittelen må være en ikke-tom tekst');
    if (tittel.trim().length > 1000) throw validation(`/vedleggTitler/${filnavn}`, 'høyst 1000 tegn');
    out[filnavn] = tittel.trim();
  }
  return out;
}

/** One message: its own status (201, or the problem with a link to an existing import); several: 200 with one result each. */
function send(reply: FastifyReply, results: ImportResult[]) {
  if (results.length === 1 && results[0]!.problem) {
    const r = results[0]!;
    const { code, detail, existing } = r.problem!;
    return sendProblem(reply, code as never, detail, existing ? { existing, resultater: results } : { resultater: results });
  }
  const status = results.length === 1 ? 201 : 200;
  if (results.length === 1 && results[0]!.journalpostId) reply.header('location', `/api/journalposter/${results[0]!.journalpostId}`);
  return reply.status(status).send({ resultater: results });
}

export const mailImportRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const { db, blobs, config } = deps;
  const tags = ['E-postimport'];
  const response = { 200: ResultsSchema, 201: ResultsSchema, ...errorResponses };

  const run = async (req: FastifyRequest, reply: FastifyReply, target: (fields: Record<string, string>) => ImportTarget) => {
    const { fields, files } = await readMessages(req, deps);
    let results: ImportResult[];
    try {
      const t = target(fields);
      results = await importMessages(db, blobs, req.actor, t, importOptions(fields), files, { maxBytes: config.maxUploadBytes }, new Date(), { forfallsdager: config.forfallsdager });
    } finally {
      await Promise.all(files.map((f) => f.staged.discard()));
    }
    return send(reply, results);
  };

  app.post(
    '/api/saker/:id/import',
    { schema: { tags, summary: 'Importer e-post (.eml/.msg) som journalposter i saken (§10.3)', params: IdParams, consumes: ['multipart/form-data'], response }, config: { openapiBody: MULTIPART_BODY } },
    (req, reply) => run(req, reply, () => ({ sakId: req.params.id })),
  );

  // §10.3: "a recently used sak" as import target: the saker this user touched last (title line 1 is always public).
  app.get(
    '/api/import/siste-saker',
    { schema: { tags, summary: 'Saker brukeren har arbeidet i sist (mål for import)', response: { 200: Type.Array(Type.Object({ systemId: Type.String(), saksnummer: Type.String(), tittel: Type.String() })), ...errorResponses } } },
    async (req) => recentSaker(db, req.actor.bruker.systemId),
  );

  // §10.3 "already-imported mails are recognised when opened": by Message-ID, for any user and
  // device (the same key the import's 409 uses). The journalpost is read through its policy;
  // title line 1 and the number are public, a feilregistrert one counts as not there.
  app.get(
    '/api/import/melding',
    {
      schema: {
        tags,
        summary: 'Er meldingen (Message-ID) allerede importert? Journalposten den ble, eller null',
        querystring: Type.Object({ messageId: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ journalpost: Type.Union([Type.Object({ systemId: Type.String(), registreringsId: Type.String(), tittel: Type.String() }), Type.Null()]) }), ...errorResponses },
      },
    },
    async (req) => {
      const id = normaliseMessageId(req.query.messageId);
      const found = id ? await findImport(db, `mid:${id}`) : undefined;
      if (!found) return { journalpost: null };
      try {
        const jp = await loadJournalpostView(db, req.actor, found.journalpostId);
        return { journalpost: { systemId: jp.systemId, registreringsId: jp.registreringsId, tittel: jp.tittel } };
      } catch (err) {
        if (err instanceof AppError && err.status === 404) return { journalpost: null };
        throw err;
      }
    },
  );

  app.post(
    '/api/import',
    { schema: { tags, summary: 'Importer e-post til en ny sak (sakTittel og sakstype)', consumes: ['multipart/form-data'], response }, config: { openapiBody: MULTIPART_BODY } },
    (req, reply) =>
      run(req, reply, (fields) => {
        const tittel = fields.sakTittel?.trim();
        if (!tittel) throw validation('/sakTittel', 'tittel på den nye saken må oppgis');
        const sakstype = oneOf<Sakstype>(fields.sakstype, SAKSTYPE_KODER, '/sakstype');
        if (!sakstype) throw validation('/sakstype', 'sakstype må oppgis');
        return { nySak: { tittel: tittel.slice(0, 1000), sakstype } };
      }),
  );
};
