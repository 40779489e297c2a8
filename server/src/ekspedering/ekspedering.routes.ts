import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { EkspederResultatSchema, EkspederSchema, IdParams, KanalSchema } from '@arkiv/shared';
import type { AppDeps } from '../app';
import { loadJournalpostView } from '../journalpost/journalpost.queries';
import { errorResponses } from '../plugins/openapi.plugin';
import { ekspeder, forhaandsvis } from '../utsending/ekspeder.service';
import { listUtsendinger } from '../utsending/utsending.repository';

const Forhaandsvisning = Type.Array(
  Type.Object({
    kanal: KanalSchema,
    mottakerNavn: Type.String(),
    mottakerEpost: Type.Union([Type.String(), Type.Null()]),
    messageId: Type.Union([Type.String(), Type.Null()]),
    emne: Type.Union([Type.String(), Type.Null()]),
    tekst: Type.Union([Type.String(), Type.Null()]),
    vedlegg: Type.Array(Type.String()),
    /** Paper: the merknader on the bundle's cover page (e-mail has them in its text). */
    merknader: Type.Array(Type.String()),
  }),
);

/**
 * §10.7 "Ekspeder": one route for the expedition and its sending. Status E and its effects
 * (ekspedering/ekspeder.ts) and the outbox rows (utsending/) commit together; the outbox
 * worker is kicked after commit and delivers the mail.
 */
export const ekspederingRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const { db, blobs, config } = deps;
  app.post(
    '/api/journalposter/:id/ekspeder',
    {
      schema: {
        tags: ['Ekspedering'],
        summary: 'Ekspeder (§10.7): status E, kanal per mottaker, e-post via utboksen, papirpakke, kopier, avskrivninger trer i kraft',
        params: IdParams,
        body: EkspederSchema,
        response: { 200: EkspederResultatSchema, ...errorResponses },
      },
    },
    async (req) => {
      await ekspeder(db, blobs, config.mail, req.actor, req.params.id, req.body);
      deps.outbox?.kick();
      const view = await loadJournalpostView(db, req.actor, req.params.id);
      return { ...view, utsendinger: await listUtsendinger(db, view) };
    },
  );

  app.post(
    '/api/journalposter/:id/ekspeder/forhaandsvisning',
    { schema: { tags: ['Ekspedering'], summary: 'Forhåndsvis ekspederingen: samme kontroller og meldinger, ingenting lagres eller sendes', params: IdParams, body: EkspederSchema, response: { 200: Forhaandsvisning, ...errorResponses } } },
    async (req) =>
      (await forhaandsvis(db, blobs, config.mail, req.actor, req.params.id, req.body)).map((r) => ({
        kanal: r.kanal,
        mottakerNavn: r.mottakerNavn,
        mottakerEpost: r.mottakerEpost ?? null,
        messageId: r.messageId ?? null,
        emne: r.innhold?.emne ?? null,
        tekst: r.innhold?.tekst ?? null,
        vedlegg: r.innhold?.vedlegg.map((v) => v.filnavn) ?? r.pakke?.deler.map((d) => d.filnavn) ?? [],
        merknader: r.pakke?.merknader ? [...r.pakke.merknader] : [],
      })),
  );
};
