import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ArkivformatJobbView, ArkivformatOversikt, ArkivformatQuerySchema, IdParams } from '@arkiv/shared';
import { Type } from 'typebox';
import type { AppDeps } from '../app';
import { forbidden, notFound } from '../errors/app-error';
import { loadJournalpostView } from '../journalpost/journalpost.queries';
import { errorResponses } from '../plugins/openapi.plugin';
import { erArkiv } from '../policies/predicates';
import { listArkivformat } from './arkivformat.queries';
import { nyttForsoek } from './arkivformat.worker';
import { finnSofficeEnGang } from './konverterer';

/** The archive desk's quality check of archive formats, and one document's state. */
export const arkivformatRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  const tags = ['Arkivformat'];

  app.get(
    '/api/arkivformat',
    { schema: { tags, summary: 'Arkivformat (PDF/A): ventende og feilede dokumenter (arkivet)', querystring: ArkivformatQuerySchema, response: { 200: ArkivformatOversikt, ...errorResponses } } },
    async (req) => {
      if (!erArkiv(req.actor)) throw forbidden('Bare arkivet ser kvalitetskontrollen av arkivformat');
      const { antall, dokumenter } = await listArkivformat(db, { ...(req.query.status ? { status: req.query.status } : {}) });
      return { libreoffice: (await finnSofficeEnGang()) !== null, antall, dokumenter };
    },
  );

  app.get(
    '/api/dokumenter/:id/arkivformat',
    { schema: { tags, summary: 'Dokumentets arkivformat: venter, konvertert eller feilet (med grunn)', params: IdParams, response: { 200: Type.Array(ArkivformatJobbView), ...errorResponses } } },
    async (req) => {
      const dok = await db.selectFrom('dokumentbeskrivelse').select('journalpostId').where('systemId', '=', req.params.id).executeTakeFirst();
      // The same visibility as the journalpost the document belongs to.
      if (!dok) throw notFound('Dokumentet');
      await loadJournalpostView(db, req.actor, dok.journalpostId);
      return (await listArkivformat(db, { dokumentId: req.params.id })).dokumenter;
    },
  );

  app.post(
    '/api/dokumenter/:id/arkivformat/nytt-forsok',
    { schema: { tags, summary: 'Prøv en feilet konvertering til arkivformat på nytt (arkivet)', params: IdParams, response: { 200: Type.Array(ArkivformatJobbView), ...errorResponses } } },
    async (req) => {
      if (!erArkiv(req.actor)) throw forbidden('Bare arkivet kan be om nytt forsøk på arkivformat');
      const dok = await db.selectFrom('dokumentbeskrivelse').select('journalpostId').where('systemId', '=', req.params.id).executeTakeFirst();
      if (!dok) throw notFound('Dokumentet');
      await loadJournalpostView(db, req.actor, dok.journalpostId);
      await nyttForsoek(db, req.actor, req.params.id);
      return (await listArkivformat(db, { dokumentId: req.params.id })).dokumenter;
    },
  );
};
