import { readdir, stat } from 'node:fs/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, UtsendingViewSchema, Uuid } from '@arkiv/shared';
import type { AppDeps } from '../app';
import type { Actor } from '../auth/actor';
import { notFound } from '../errors/app-error';
import { kreverSynligUtgaaende, loadJournalpostView } from '../journalpost/journalpost.queries';
import { errorResponses } from '../plugins/openapi.plugin';
import { buildBundle, type BundlePart } from './pdf-bundle';
import { aktiveDokumenter } from './dokumenter.repository';
import { listUtsendinger, type PapirPakke } from './utsending.repository';
import { DOKUMENTLENKE_TOKEN, lagDokumentlenke, lenketVersjon } from './dokumentlenke';
import { appendHistorikk } from '../historikk/historikk.repository';
import { sendVersjon } from '../dokument/nedlasting';

const DokumentValg = Type.Object(
  { dokumenter: Type.Array(Type.Object({ dokumentId: Uuid, versjonsnummer: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }), { minItems: 1, maxItems: 200 }), merknader: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const utsendingRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const { db, blobs, config } = deps;
  const tags = ['Ekspedering'];

  app.get('/api/journalposter/:id/utsendinger', { schema: { tags, summary: 'Utsendinger og leveringsstatus', params: IdParams, response: { 200: Type.Array(UtsendingViewSchema), ...errorResponses } } }, async (req) => {
    return listUtsendinger(db, await loadJournalpostView(db, req.actor, req.params.id));
  });

  /** The documents of a journalpost this user may see, as bundle parts (archive variant preferred). */
  const visibleParts = async (actorJp: Awaited<ReturnType<typeof loadJournalpostView>>): Promise<BundlePart[]> => {
    const visible = new Set(actorJp.dokumenter.filter((d) => !d.skjermet).map((d) => d.systemId));
    return (await aktiveDokumenter(db, actorJp.systemId))
      .filter((d) => visible.has(d.dokumentId) && (d.arkiv ?? d.produksjon))
      .map((d) => ({ tittel: d.tittel, ...(d.arkiv ?? d.produksjon)! }));
  };

  app.get('/api/utsendinger/:id/pakke.pdf', { schema: { tags, summary: 'Utskriftspakke for papirmottaker (adresseside + dokumenter)', params: IdParams, response: errorResponses } }, async (req, reply) => {
    const u = await db.selectFrom('utsending').selectAll().where('systemId', '=', req.params.id).executeTakeFirst();
    if (!u || u.kanal !== 'papir') throw notFound('Papirutsendingen');
    // The bundle is what goes out: address and every document, so only for one who sees them all.
    await kreverSynligUtgaaende(db, req.actor, u.journalpostId, 'den som skriver ut pakken');
    const jp = await loadJournalpostView(db, req.actor, u.journalpostId);
    const part = u.korrespondansepartId ? await db.selectFrom('korrespondansepart').selectAll().where('systemId', '=', u.korrespondansepartId).executeTakeFirst() : undefined;
    const adresse = [u.mottakerNavn, part?.kontaktperson ? `v/ ${part.kontaktperson}` : null, part?.postadresse, [part?.postnummer, part?.poststed].filter(Boolean).join(' '), part?.land].filter((l): l is string => Boolean(l && l.trim()));
    // What was chosen at expedition (documents, versions, merknader); a row from before the choice had every document.
    const valgt = (u.innhold as { pakke?: PapirPakke } | null)?.pakke;
    const merknader = valgt?.merknader?.length ? ['', 'Merknader:', ...valgt.merknader] : [];
    const pdf = await buildBundle(blobs, {
      tittel: jp.tittel,
      forside: { linjer: [...adresse, '', '', `Vår ref.: ${jp.saksnummer}-${jp.dokumentnummer}`, `Sak: ${jp.tittel}`, ...merknader] },
      deler: valgt ? valgt.deler : await visibleParts(jp),
    });
    return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="utsending-${jp.saksnummer.replace('/', '-')}-${jp.dokumentnummer}.pdf"`).send(Buffer.from(pdf) as never);
  });

  /**
   * A chosen document and version as this user sees it (404 when screened from them): the chosen
   * version, else the active one; the archive variant when `arkivFoerst`, else the original.
   */
  const valgtVersjon = async (actor: Actor, valg: { dokumentId: string; versjonsnummer?: number }, arkivFoerst: boolean) => {
    const dok = await db.selectFrom('dokumentbeskrivelse').select(['journalpostId']).where('systemId', '=', valg.dokumentId).executeTakeFirst();
    if (!dok) throw notFound('Dokumentet');
    const jp = await loadJournalpostView(db, actor, dok.journalpostId);
    const view = jp.dokumenter.find((d) => d.systemId === valg.dokumentId);
    if (!view || view.skjermet) throw notFound('Dokumentet');
    const versjoner = view.versjoner.filter((v) => (valg.versjonsnummer ? v.versjonsnummer === valg.versjonsnummer : v.aktiv));
    const v = (arkivFoerst ? versjoner.find((x) => x.variantformat === 'A') : undefined) ?? versjoner.find((x) => x.variantformat === 'P');
    if (!v) throw notFound('Dokumentversjonen');
    return { jp, view, v };
  };

  /** §12.2 Print: chosen documents (and versions), optionally with merknader, as one PDF. */
  app.post('/api/utskrift', { schema: { tags: ['Utskrift'], summary: 'Skriv ut valgte dokumenter som én PDF (§12.2)', body: DokumentValg, response: errorResponses } }, async (req, reply) => {
    const deler: BundlePart[] = [];
    const merknader: string[] = [];
    for (const valg of req.body.dokumenter) {
      const { jp, view, v } = await valgtVersjon(req.actor, valg, true);
      deler.push({ tittel: view.tittel, sha256: v.sjekksum, format: v.format, filnavn: v.filnavn });
      if (req.body.merknader) for (const m of jp.merknader) merknader.push(`${jp.saksnummer}-${jp.dokumentnummer} ${m.merknadstype}: ${m.merknadstekst}`);
    }
    const pdf = await buildBundle(blobs, { tittel: 'Utskrift', ...(merknader.length ? { forside: { overskrift: 'Merknader', linjer: merknader } } : {}), deler });
    return reply.header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="utskrift.pdf"').send(Buffer.from(pdf) as never);
  });

  /**
   * §12.3 Send informally: a package the add-in puts into a new Outlook message (nothing is sent or
   * archived). Outlook fetches the attachments itself, so each comes as a short-lived link that
   * stands for this user; handing them out is in the journalpost's historikk.
   */
  app.post(
    '/api/sendepakke',
    {
      schema: {
        tags: ['Utskrift'],
        summary: 'Pakke for uformell utsending i Outlook (§12.3): vedleggene som kortlivede lenker',
        body: Type.Object({ ...DokumentValg.properties, som: Type.Optional(Type.Union([Type.Literal('vedlegg'), Type.Literal('pdf')])) }, { additionalProperties: false }),
        response: { 200: Type.Object({ emne: Type.String(), tekst: Type.String(), vedlegg: Type.Array(Type.Object({ filnavn: Type.String(), format: Type.String(), url: Type.String(), utloeper: Type.String({ format: 'date-time' }) })) }), ...errorResponses },
      },
    },
    async (req) => {
      const valgte: Awaited<ReturnType<typeof valgtVersjon>>[] = [];
      for (const valg of req.body.dokumenter) valgte.push(await valgtVersjon(req.actor, valg, req.body.som === 'pdf'));
      const now = new Date();
      const vedlegg = await db.transaction().execute(async (trx) => {
        const ut = [];
        for (const { view, v } of valgte) {
          const { token, utloeper } = await lagDokumentlenke(trx, req.actor, { dokumentId: view.systemId, versjonsnummer: v.versjonsnummer, variantformat: v.variantformat }, now);
          ut.push({ filnavn: v.filnavn, format: v.format, url: `/api/dokumentlenker/${token}`, utloeper: utloeper.toISOString() });
        }
        for (const jp of new Map(valgte.map(({ jp }) => [jp.systemId, jp])).values()) {
          const dokumenter = valgte.filter((x) => x.jp.systemId === jp.systemId).map(({ view, v }) => ({ dokumentId: view.systemId, versjonsnummer: v.versjonsnummer, variantformat: v.variantformat }));
          await appendHistorikk(trx, req.actor, { handling: 'sendt_uformelt', objekttype: 'journalpost', objektId: jp.systemId, sakId: jp.sakId, journalpostId: jp.systemId, data: { dokumenter }, endrerIkkePosten: true });
        }
        return ut;
      });
      const titler = valgte.map(({ jp, view }) => `${view.tittel} (${jp.saksnummer}-${jp.dokumentnummer})`);
      return { emne: titler.length === 1 ? titler[0]! : `Dokumenter (${titler.length})`, tekst: `Vedlagt:\n${titler.map((t) => `- ${t}`).join('\n')}`, vedlegg };
    },
  );

  /** A link from Send uformelt: Outlook fetches the attachment without the user's token (see lenketVersjon). */
  app.get(
    '/api/dokumentlenker/:token',
    {
      config: { public: true },
      schema: { tags: ['Utskrift'], summary: 'Hent et vedlegg fra en kortlivet lenke (uformell utsending)', security: [], params: Type.Object({ token: Type.String({ pattern: DOKUMENTLENKE_TOKEN }) }, { additionalProperties: false }), response: errorResponses },
    },
    async (req, reply) => sendVersjon(reply, blobs, await lenketVersjon(db, req.params.token, new Date())),
  );

  // Dev page: the embedded default's outbox folder (SMTP_URL unset).
  if (config.auth.devMode && !config.mail.smtpUrl) {
    const files = async () => {
      const names = await readdir(config.mail.outboxDir).catch(() => [] as string[]);
      const out = [];
      for (const n of names.filter((x) => x.endsWith('.eml'))) out.push({ fil: n, stoerrelse: (await stat(`${config.mail.outboxDir}/${n}`)).size });
      return out.sort((a, b) => a.fil.localeCompare(b.fil));
    };
    app.get('/api/dev/utsendt', { config: { public: true }, schema: { tags: ['Dev'], summary: 'Meldinger i den lokale utboksen (uten SMTP_URL)', security: [] } }, async () => files());
    app.get('/dev/utsendt', { config: { public: true }, schema: { hide: true } }, async (_req, reply) => {
      const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
      const rows = (await files()).map((f) => `<li>${esc(f.fil)} (${f.stoerrelse} byte)</li>`).join('');
      return reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="nb"><meta charset="utf-8"><title>Utsendt e-post (lokal utboks)</title><h1>Utsendt e-post (lokal utboks)</h1><p>SMTP_URL er ikke satt; meldingene ligger i ${esc(config.mail.outboxDir)}.</p><ul>${rows || '<li>Ingen meldinger ennå</li>'}</ul></html>`);
    });
  }
};
