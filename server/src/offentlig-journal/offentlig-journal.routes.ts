import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { OffentligJournalPageSchema, OffentligJournalQuerySchema, OffentligJournalXmlQuerySchema, Uuid } from '@arkiv/shared';
import type { AppDeps } from '../app';
import { AppError, forbidden } from '../errors/app-error';
import { errorResponses } from '../plugins/openapi.plugin';
import { erArkiv } from '../policies/predicates';
import { findPublisertVersjon, listArkivskapere, listAvvisteForFoedselsnummer, listOffentligJournal } from './offentlig-journal.repository';
import { renderOffentligJournalPage } from './offentlig-journal.page';
import { renderOffentligJournalXml } from './offentlig-journal.xml';
import { parsePeriode } from './periode';
import { DOCUMENT_CSP, downloadType } from '../plugins/security-headers.plugin';

/** Search engines are asked not to index anything public: header here, meta in the page. */
const noindex = (reply: FastifyReply) => reply.header('x-robots-tag', 'noindex, nofollow');

const FOEDSELSNUMMER_MELDING =
  'Tittelen inneholder et fødselsnummer, så journalposten publiseres ikke i offentlig journal. Skjerm tittelen (fødselsnummeret i tittel linje 2 med skjermingsnivå 2) eller rett den.';

export const offentligJournalRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db, blobs }) => {
  const tags = ['Offentlig journal'];
  const open = { public: true } as const;

  app.get(
    '/api/offentlig-journal',
    { config: open, schema: { tags, summary: 'Offentlig journal som JSON (uten innlogging)', security: [], querystring: OffentligJournalQuerySchema, response: { 200: OffentligJournalPageSchema, ...errorResponses } } },
    async (req, reply) => {
      noindex(reply);
      const now = new Date();
      const { fra, til } = parsePeriode(req.query.fra, req.query.til, now);
      const side = req.query.side ?? 1;
      const antall = req.query.antall ?? 25;
      const q = req.query.q?.trim() || null;
      const page = await listOffentligJournal(db, { fra, til, q: q ?? undefined, limit: antall, offset: (side - 1) * antall }, now);
      return { fra, til, q, side, antall, ...page };
    },
  );

  app.get(
    '/api/offentlig-journal.xml',
    {
      config: open,
      schema: { tags, summary: 'offentligJournal.xml (Noark 5) for en periode', security: [], querystring: OffentligJournalXmlQuerySchema, response: errorResponses, produces: ['application/xml'] },
    },
    async (req, reply) => {
      noindex(reply);
      const now = new Date();
      const periode = parsePeriode(req.query.fra, req.query.til, now);
      const [{ items }, arkivskapere] = await Promise.all([listOffentligJournal(db, periode, now), listArkivskapere(db)]);
      if (items.length === 0) {
        // offentligJournal.xsd requires at least one journalregistrering: an empty file would not validate.
        throw new AppError('unprocessable', `Ingen journalposter i offentlig journal ${periode.fra}–${periode.til}`);
      }
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `inline; filename="offentligJournal-${periode.fra}-${periode.til}.xml"`)
        .send(renderOffentligJournalXml({ ...periode, arkivskapere, items }) as never);
    },
  );

  app.get('/offentlig-journal', { config: open, schema: { hide: true, querystring: OffentligJournalQuerySchema } }, async (req, reply) => {
    noindex(reply);
    const now = new Date();
    const arkivskaper = (await listArkivskapere(db))[0]?.arkivskaperNavn ?? 'Arkiv';
    const side = req.query.side ?? 1;
    const antall = req.query.antall ?? 25;
    const q = req.query.q?.trim() ?? '';
    let periode: { fra: string; til: string };
    try {
      periode = parsePeriode(req.query.fra, req.query.til, now);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const html = renderOffentligJournalPage({ arkivskaper, fra: req.query.fra ?? '', til: req.query.til ?? '', q, side, antall, total: 0, items: [], feil: err.detail ?? err.message });
      return reply.status(err.status).type('text/html; charset=utf-8').send(html);
    }
    const page = await listOffentligJournal(db, { ...periode, q, limit: antall, offset: (side - 1) * antall }, now);
    return reply.type('text/html; charset=utf-8').send(renderOffentligJournalPage({ arkivskaper, ...periode, q, side, antall, ...page }));
  });

  app.get(
    '/offentlig-journal/dokumenter/:id',
    { config: open, schema: { tags, summary: 'Last ned et publisert dokument', security: [], params: Type.Object({ id: Uuid }), response: errorResponses } },
    async (req, reply) => {
      noindex(reply);
      const versjon = await findPublisertVersjon(db, req.params.id);
      if (!versjon) throw new AppError('not_found', 'Dokumentet finnes ikke i offentlig journal');
      const { stream, size } = await blobs.open(versjon.sjekksum);
      // Shown in the browser (a PDF), except a type that would run as a page of this site: that is a sandboxed download.
      const type = downloadType(versjon.format);
      if (type !== versjon.format) reply.header('content-security-policy', DOCUMENT_CSP);
      return reply
        .header('content-type', type)
        .header('content-length', size)
        .header('cache-control', 'public, max-age=300')
        .header('content-disposition', `${type === versjon.format ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(versjon.filnavn)}`)
        .send(stream as never);
    },
  );

  app.get(
    '/api/offentlig-journal/avviste',
    {
      schema: {
        tags,
        summary: 'Journalposter som holdes utenfor offentlig journal fordi tittelen inneholder et fødselsnummer (arkivet)',
        querystring: OffentligJournalXmlQuerySchema,
        response: {
          200: Type.Array(Type.Object({ systemId: Uuid, journalnummer: Type.String(), journaldato: Type.String(), offentligTittel: Type.String(), sakOffentligTittel: Type.String(), melding: Type.String() })),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      if (!erArkiv(req.actor)) throw forbidden('Bare arkivet ser journalposter som er stoppet fra publisering');
      const periode = parsePeriode(req.query.fra, req.query.til, new Date());
      const rows = await listAvvisteForFoedselsnummer(db, periode);
      return rows.map((r) => ({
        systemId: r.systemId,
        journalnummer: `${r.journalaar}/${r.journalsekvensnummer}`,
        journaldato: r.journaldato,
        offentligTittel: r.offentligTittel,
        sakOffentligTittel: r.sakOffentligTittel,
        melding: FOEDSELSNUMMER_MELDING,
      }));
    },
  );
};
