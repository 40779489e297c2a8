import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ArkivListeQuery, AvslutningView, EnhetMedLeder, IdParams, JournalfoerMangeResultat, JournalfoerMangeSchema, KlarSakView, Page, TilJournalfoeringView } from '@arkiv/shared';
import type { AppDeps } from '../app';
import { errorResponses } from '../plugins/openapi.plugin';
import { blokkerendeJournalposter } from '../sak/sak-status';
import { notFound } from '../errors/app-error';
import { enheterMedLeder, kreverArkiv, listKlareSaker, listTilJournalfoering } from './arkivbord.repository';
import { journalfoerMange } from './journalfoer-mange';

/** The archive's and the dokumentsenter's desk (§3.1, §5, §10.1): baskets and steps on many records. */
export const arkivbordRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  const tags = ['Arkivbord'];
  app.get(
    '/api/arkiv/til-journalfoering',
    { schema: { tags, summary: 'Journalposter som venter på journalføring (S, F, E) med kvalitetsmangler', querystring: ArkivListeQuery, response: { 200: Page(TilJournalfoeringView), ...errorResponses } } },
    async (req) => listTilJournalfoering(db, req.actor, req.query),
  );
  app.get(
    '/api/arkiv/klare-saker',
    { schema: { tags, summary: 'Saker som kan avsluttes (alt journalført, ingen restanse)', querystring: ArkivListeQuery, response: { 200: Type.Array(KlarSakView), ...errorResponses } } },
    async (req) => listKlareSaker(db, req.actor, req.query),
  );
  app.post(
    '/api/arkiv/journalfoering',
    { schema: { tags, summary: 'Journalfør mange (hver for seg; svar per journalpost)', body: JournalfoerMangeSchema, response: { 200: JournalfoerMangeResultat, ...errorResponses } } },
    async (req) => journalfoerMange(db, req.actor, req.body.journalpostIds),
  );
  app.get(
    '/api/saker/:id/avslutning',
    { schema: { tags, summary: 'Hva som hindrer at saken avsluttes (§5)', params: IdParams, response: { 200: AvslutningView, ...errorResponses } } },
    async (req) => {
      kreverArkiv(req.actor);
      const sak = await db.selectFrom('sak').select('systemId').where('systemId', '=', req.params.id).executeTakeFirst();
      if (!sak) throw notFound('Saken');
      const blokkerende = await blokkerendeJournalposter(db, req.params.id);
      return { kanAvsluttes: blokkerende.length === 0, blokkerende };
    },
  );
  app.get('/api/enheter', { schema: { tags, summary: 'Aktive enheter med leder (fordeling til enhet)', response: { 200: Type.Array(EnhetMedLeder), ...errorResponses } } }, async () => enheterMedLeder(db));
};
