import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../app';
import { errorResponses } from '../plugins/openapi.plugin';
import { IdParams, JournalpostViewSchema } from '@arkiv/shared';
import { loadJournalpostView } from '../journalpost/journalpost.queries';
import { foreslaaKorrespondanseparter, settEpostadresse } from './korrespondansepart.repository';

const Tekst = Type.Union([Type.String(), Type.Null()]);
const Forslag = Type.Object({
  navn: Type.String(),
  postadresse: Tekst,
  postnummer: Tekst,
  poststed: Tekst,
  land: Tekst,
  epostadresse: Tekst,
  telefonnummer: Tekst,
  kontaktperson: Tekst,
  organisasjonsnummer: Tekst,
});

/** Correspondents registered earlier, to fill in a new sender or recipient (§10.1). */
export const korrespondansepartRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  app.get(
    '/api/korrespondanseparter/forslag',
    {
      schema: {
        tags: ['Journalpost'],
        summary: 'Forslag til avsender/mottaker fra tidligere registreringer (bare fra journalposter brukeren ser i sin helhet)',
        querystring: Type.Object({ q: Type.String({ minLength: 2, maxLength: 200, pattern: '\\S' }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })) }, { additionalProperties: false }),
        response: { 200: Type.Array(Forslag), ...errorResponses },
      },
    },
    async (req) => foreslaaKorrespondanseparter(db, req.actor, req.query.q, req.query.limit ?? 10),
  );
  app.put(
    '/api/korrespondanseparter/:id/epostadresse',
    {
      schema: {
        tags: ['Journalpost'],
        summary: 'Sett e-postadressen til en mottaker (§10.7: der ekspederingen stoppet for en mottaker uten adresse); svarer med journalposten',
        params: IdParams,
        body: Type.Object({ epostadresse: Type.String({ format: 'email', minLength: 3, maxLength: 320 }) }, { additionalProperties: false }),
        response: { 200: JournalpostViewSchema, ...errorResponses },
      },
    },
    async (req) => loadJournalpostView(db, req.actor, await settEpostadresse(db, req.actor, req.params.id, req.body.epostadresse)),
  );
};
