import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { Dato, IdParams, Kodeverdi, SAKSTYPE_KODER, type Sakstype, SakstypeSchema, TILGANGSKODE_KODER, type Tilgangskode, TilgangskodeSchema } from '@arkiv/shared';
import type { AppDeps } from '../app';
import { AppError, validation } from '../errors/app-error';
import { multipartRequestBody, readForm } from '../plugins/multipart-form';
import { errorResponses } from '../plugins/openapi.plugin';
import { sendProblem } from '../plugins/problem.plugin';
import { loadJournalpostView } from '../journalpost/journalpost.queries';
import { dedupeKey, legacyDedupeKey } from './dedupe';
import { findImport, findImportByMessageId, recentSaker } from './import.repository';
import { normaliseMessageId } from './mime-reader';
import { type ImportOptions, type ImportResult, type ImportTarget, type UploadedMail, importMessages } from './import.service';

const MAX_MESSAGES = 50;

const FORM =
  'multipart/form-data: feltene først, deretter én eller flere meldinger (.eml eller .msg) som filer. ' +
  'retning=mottatt gir I, retning=sendt gir U (ekspedert). journalposttype=N|X overstyrer.';

/** The text fields of an import, with the limits a JSON body would have (every multipart field is text). */
const importFields = {
  retning: Kodeverdi(['mottatt', 'sendt'] as const),
  journalposttype: Type.Optional(Kodeverdi(['N', 'X'] as const)),
  tittel: Type.Optional(Type.String({ maxLength: 1000 })),
  tittel2: Type.Optional(Type.String({ maxLength: 1000, description: 'tittel linje 2 (den skjermede delen av tittelen)' })),
  vedleggTitler: Type.Optional(
    Type.String({ maxLength: 50_000, description: 'JSON-objekt filnavn → rettet tittel for vedleggene, f.eks. {"Soknad_2026.pdf":"Søknad om ferdigattest"}' }),
  ),
  utenVedlegg: Type.Optional(
    Type.String({ maxLength: 50_000, description: 'JSON-liste med filnavnene på vedlegg som ikke skal registreres som dokumenter, f.eks. ["Reklame.pdf"] (de blir bare i den opprinnelige meldingen)' }),
  ),
  forfallsdato: Type.Optional(Dato),
  tilgangskode: Type.Optional(TilgangskodeSchema),
  skjermingsnivaa: Type.Optional(Kodeverdi(['1', '2', '3'] as const)),
  skjermingshjemmel: Type.Optional(Type.String({ maxLength: 200 })),
  brukOpprinneligAvsender: Type.Optional(Kodeverdi(['true', 'false'] as const)),
  avsenderNavn: Type.Optional(Type.String({ maxLength: 500, description: 'bare med retning=mottatt: rettet avsender (navn), brukes i stedet for meldingens From' })),
  avsenderEpost: Type.Optional(Type.String({ maxLength: 320, description: 'bare med retning=mottatt: rettet avsenders e-postadresse' })),
  besvarer: Type.Optional(
    Type.String({ maxLength: 3700, description: 'bare med retning=sendt: kommaseparerte journalpost-id-er i samme sak som meldingen besvarer; de avskrives EP (Besvart per epost) i samme transaksjon (Svar med e-post, §10.2)' }),
  ),
};
const ImportFields = Type.Object(importFields, { additionalProperties: false });
const NySakImportFields = Type.Object(
  { ...importFields, sakTittel: Type.String({ maxLength: 1000, description: 'tittel på den nye saken' }), sakstype: SakstypeSchema },
  { additionalProperties: false },
);

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

/** Reads the form: fields first (checked against `schema`), then each message streamed into the blob store's staging area. */
async function readMessages(req: FastifyRequest, deps: AppDeps, schema: typeof ImportFields | typeof NySakImportFields): Promise<{ fields: Record<string, string>; files: UploadedMail[] }> {
  const { fields, files } = await readForm(
    req,
    schema,
    async (part) => {
      if (part.fieldname !== 'fil') throw validation(`/${part.fieldname}`, 'meldingene skal sendes i feltet fil');
      const staged = await deps.blobs.stage(part.file, { maxBytes: deps.config.maxUploadBytes });
      const filnavn = (part.filename ?? '').split(/[\\/]/).pop()?.replace(/[\u0000-\u001f]/g, '').trim() || 'melding.eml';
      return { staged, filnavn };
    },
    { files: MAX_MESSAGES, fileSize: deps.config.maxUploadBytes },
  );
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
  const utenVedlegg = parseUtenVedlegg(fields.utenVedlegg);
  const besvarer = parseBesvarer(fields.besvarer, retning);
  const avsender = parseAvsender(fields.avsenderNavn, fields.avsenderEpost, retning);
  return {
    retning,
    ...(journalposttype ? { journalposttype } : {}),
    ...(tittel ? { tittel } : {}),
    ...(tittel2 ? { tittel2 } : {}),
    ...(vedleggTitler ? { vedleggTitler } : {}),
    ...(utenVedlegg ? { utenVedlegg } : {}),
    ...(forfallsdato ? { forfallsdato } : {}),
    ...(skjerming ? { skjerming } : {}),
    ...(fields.brukOpprinneligAvsender === 'true' ? { brukOpprinneligAvsender: true } : {}),
    ...(besvarer ? { besvarer } : {}),
    ...(avsender ? { avsender } : {}),
  };
}

/** §10.3 "check the sender": the corrected sender of a received mail, replacing From. */
function parseAvsender(navn: string | undefined, epost: string | undefined, retning: 'mottatt' | 'sendt'): { navn: string; epost: string } | undefined {
  const n = navn?.trim() ?? '';
  const e = epost?.trim() ?? '';
  if (!n && !e) return undefined;
  if (retning !== 'mottatt') throw validation('/avsenderNavn', 'avsenderen rettes bare på en mottatt e-post');
  if (e && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e)) throw validation('/avsenderEpost', 'ikke en e-postadresse');
  return { navn: n || e, epost: e };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The journalposter a sent reply answers: distinct ids, only on a sent mail. */
function parseBesvarer(raw: string | undefined, retning: 'mottatt' | 'sendt'): string[] | undefined {
  const ids = [...new Set((raw ?? '').split(',').map((x) => x.trim()).filter(Boolean))];
  if (ids.length === 0) return undefined;
  if (retning !== 'sendt') throw validation('/besvarer', 'bare et sendt svar (retning=sendt) kan besvare journalposter');
  const bad = ids.find((id) => !UUID.test(id));
  if (bad) throw validation('/besvarer', `ikke en journalpost-id: ${bad.slice(0, 40)}`);
  if (ids.length > 100) throw validation('/besvarer', 'høyst 100 journalposter');
  return ids;
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

/** `["file name", ...]`: the attachments left out; distinct non-empty names. */
function parseUtenVedlegg(raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw validation('/utenVedlegg', 'må være en JSON-liste ["filnavn", …]');
  }
  if (!Array.isArray(value) || value.some((x) => typeof x !== 'string' || !x.trim())) throw validation('/utenVedlegg', 'må være en JSON-liste ["filnavn", …] med ikke-tomme filnavn');
  const names = [...new Set(value as string[])];
  return names.length ? names : undefined;
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

  const run = async (req: FastifyRequest, reply: FastifyReply, schema: typeof ImportFields | typeof NySakImportFields, target: (fields: Record<string, string>) => ImportTarget) => {
    const { fields, files } = await readMessages(req, deps, schema);
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
    { schema: { tags, summary: 'Importer e-post (.eml/.msg) som journalposter i saken (§10.3)', params: IdParams, consumes: ['multipart/form-data'], response }, config: { openapiBody: multipartRequestBody(FORM, ImportFields, { name: 'fil', many: true }) } },
    (req, reply) => run(req, reply, ImportFields, () => ({ sakId: req.params.id })),
  );

  // §10.3: "a recently used sak" as import target: the saker this user touched last (title line 1 is always public).
  app.get(
    '/api/import/siste-saker',
    { schema: { tags, summary: 'Saker brukeren har arbeidet i sist (mål for import)', response: { 200: Type.Array(Type.Object({ systemId: Type.String(), saksnummer: Type.String(), tittel: Type.String() })), ...errorResponses } } },
    async (req) => recentSaker(db, req.actor.bruker.systemId),
  );

  // §10.3 "already-imported mails are recognised when opened": by Message-ID, subject and
  // sender, for any user and device (the same key the import's 409 uses, see dedupe.ts); by
  // Message-ID alone when subject and sender are not given. The journalpost is read through
  // its policy; title line 1 and the number are public, a feilregistrert one counts as not there.
  app.get(
    '/api/import/melding',
    {
      schema: {
        tags,
        summary: 'Er meldingen (Message-ID, emne og avsender) allerede importert? Journalposten den ble, eller null',
        querystring: Type.Object(
          {
            messageId: Type.String({ minLength: 1, maxLength: 1000 }),
            emne: Type.Optional(Type.String({ maxLength: 10000, description: 'meldingens emne (Subject), slik Outlook viser det' })),
            fra: Type.Optional(Type.String({ maxLength: 1000, description: 'avsenderens e-postadresse (From)' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ journalpost: Type.Union([Type.Object({ systemId: Type.String(), registreringsId: Type.String(), tittel: Type.String() }), Type.Null()]) }), ...errorResponses },
      },
    },
    async (req) => {
      const id = normaliseMessageId(req.query.messageId);
      const { emne, fra } = req.query;
      const found = !id
        ? undefined
        : emne !== undefined && fra !== undefined
          ? await findImport(db, [dedupeKey(id, emne, fra, ''), legacyDedupeKey(id)])
          : await findImportByMessageId(db, id);
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
    { schema: { tags, summary: 'Importer e-post til en ny sak (sakTittel og sakstype)', consumes: ['multipart/form-data'], response }, config: { openapiBody: multipartRequestBody(FORM, NySakImportFields, { name: 'fil', many: true }) } },
    (req, reply) =>
      run(req, reply, NySakImportFields, (fields) => {
        const tittel = fields.sakTittel?.trim();
        if (!tittel) throw validation('/sakTittel', 'tittel på den nye saken må oppgis');
        const sakstype = oneOf<Sakstype>(fields.sakstype, SAKSTYPE_KODER, '/sakstype');
        if (!sakstype) throw validation('/sakstype', 'sakstype må oppgis');
        return { nySak: { tittel: tittel.slice(0, 1000), sakstype } };
      }),
  );
};
