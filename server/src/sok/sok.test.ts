import { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { addDokument } from '../dokument/dokument.service';
import { buildJournalpost, buildSak } from '../test/factories';
import { type Svar, som } from '../test/http';
import { openWorld, type World } from '../test/world';
import type { TestContext } from '../test/context';
import { drainTekstjobb } from './tekst.worker';

/**
 * §4 "search before you create": one search box over saker, journalposter and document text,
 * by saksnummer, journalnummer, words in any order and inflection, korrespondent, date and
 * sakstype; and §8: screened words neither match nor count for those who may not see them.
 */
let ctx: TestContext;
let w: World;
const ids: Record<string, string> = {};
let saksnummer = '';
let journalnummer = '';

function pdf(text: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text(text);
    doc.end();
  });
}

async function lastOpp(journalpostId: string, tittel: string, innhold: Buffer, filnavn: string, mimeType: string) {
  const staged = await ctx.blobs.stage(Readable.from([innhold]));
  await addDokument(ctx.db, ctx.blobs, w.sbh, journalpostId, { tittel }, { staged, filnavn, mimeType });
}

beforeAll(async () => {
  ({ ctx, w } = await openWorld());
  const bygg = await buildSak(ctx.db, w.sbh, { tittel: 'Søknad om byggetillatelse, Kirkeveien 12', sakstype: 'BS' });
  const vei = await buildSak(ctx.db, w.sbh, { tittel: 'Oppgradering av Kirkeveien', sakstype: 'GS' });
  const vern = await buildSak(ctx.db, w.sbh, { tittel: 'Oppfølging av elev', tittel2: 'Gjelder Trine Fjellheim', sakstype: 'ELEV', skjerming: { tilgangskode: 'U', skjermingsnivaa: 2, skjermingshjemmel: 'Offl. § 13' } });
  ids.bygg = bygg;
  ids.vei = vei;
  ids.vern = vern;
  saksnummer = (await ctx.db.selectFrom('sak').select('mappeId').where('systemId', '=', bygg).executeTakeFirstOrThrow()).mappeId;

  const soknad = await buildJournalpost(ctx.db, w.sbh, bygg, {
    journalposttype: 'I',
    tittel: 'Søknaden fra tiltakshaver',
    korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Ingrid Haugen' }],
  });
  ids.soknad = soknad;
  const jp = await ctx.db.selectFrom('journalpost').select(['journalaar', 'journalsekvensnummer']).where('systemId', '=', soknad).executeTakeFirstOrThrow();
  journalnummer = `${jp.journalaar}/${jp.journalsekvensnummer}`;
  ids.svar = await buildJournalpost(ctx.db, w.sbh, vei, { journalposttype: 'U', tittel: 'Svar på søknader om oppgradering av veilys' });
  // Screened at level 3 (title line 2 and the parties) for those without U in the unit.
  ids.skjermet = await buildJournalpost(ctx.db, w.sbh, vern, {
      journalposttype: 'I',
      tittel: 'Melding om bekymring',
      tittel2: 'Gjelder Sigurd Brekkestø',
      korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Helene Vikanes' }],
      skjerming: { tilgangskode: 'U', skjermingsnivaa: 3, skjermingshjemmel: 'Offl. § 13' },
    });

  await lastOpp(ids.soknad, 'Søknadsskjema', await pdf('Tiltaket gjelder et tilbygg med garasje og carport mot nabotomten.'), 'skjema.pdf', 'application/pdf');
  await lastOpp(ids.skjermet, 'Bekymringsmelding', await pdf('Barnet forteller om mobbing i friminuttene.'), 'melding.pdf', 'application/pdf');
  await drainTekstjobb(ctx.db, ctx.blobs);
});
afterAll(() => ctx?.close());

async function sok(actor: World['sbh'], params: Record<string, string>): Promise<Svar> {
  const res = await som(ctx, actor).get(`/api/sok?${new URLSearchParams(params)}`);
  expect(res.status).toBe(200);
  return res;
}
const sakIds = (res: Svar) => res.body.saker.items.map((s: { systemId: string }) => s.systemId);
const jpIds = (res: Svar) => res.body.journalposter.items.map((j: { systemId: string }) => j.systemId);

describe('GET /api/sok: by every field', () => {
  it('finds a sak by its saksnummer and a journalpost by its journalnummer and registreringsID', async () => {
    expect(sakIds(await sok(w.sbh2, { q: saksnummer }))).toEqual([ids.bygg]);
    expect(jpIds(await sok(w.sbh2, { q: journalnummer }))).toEqual([ids.soknad]);
    expect(jpIds(await sok(w.sbh2, { q: `${saksnummer}-1` }))).toEqual([ids.soknad]);
  });

  it('finds title words in any order', async () => {
    expect(sakIds(await sok(w.sbh2, { q: 'oppgradering Kirkeveien' }))).toEqual([ids.vei]);
    expect(sakIds(await sok(w.sbh2, { q: 'Kirkeveien oppgradering' }))).toEqual([ids.vei]);
    expect(sakIds(await sok(w.sbh2, { q: 'Kirkeveien' })).sort()).toEqual([ids.bygg, ids.vei].sort());
  });

  it('finds through Norwegian inflection: søknad, søknaden and søknader are one word', async () => {
    for (const q of ['søknad', 'søknaden', 'søknader']) {
      const res = await sok(w.sbh2, { q });
      expect(sakIds(res)).toEqual([ids.bygg]);
      expect(jpIds(res).sort()).toEqual([ids.soknad, ids.svar].sort());
    }
  });

  it('finds by correspondent, in the query and as a filter', async () => {
    expect(jpIds(await sok(w.sbh2, { q: 'Ingrid Haugen' }))).toEqual([ids.soknad]);
    expect(jpIds(await sok(w.sbh2, { q: 'Haugen Ingrid' }))).toEqual([ids.soknad]);
    const filtrert = await sok(w.sbh2, { q: 'søknad', korrespondent: 'Haugen' });
    expect(jpIds(filtrert)).toEqual([ids.soknad]);
    expect(sakIds(filtrert)).toEqual([ids.bygg]);
  });

  it('finds words in a document’s text once the job has read it', async () => {
    const res = await sok(w.sbh2, { q: 'garasje carport' });
    expect(jpIds(res)).toEqual([ids.soknad]);
    expect(res.body.saker.items).toEqual([]);
  });

  it('filters by sakstype, status and date', async () => {
    expect(sakIds(await sok(w.sbh2, { q: 'Kirkeveien', sakstype: 'BS' }))).toEqual([ids.bygg]);
    expect(sakIds(await sok(w.sbh2, { q: 'Kirkeveien', saksstatus: 'A' }))).toEqual([]);
    expect(jpIds(await sok(w.sbh2, { q: 'søknad', journalposttype: 'I' }))).toEqual([ids.soknad]);
    expect(jpIds(await sok(w.sbh2, { q: 'søknad', journalstatus: 'R' }))).toEqual([ids.svar]);
    expect(jpIds(await sok(w.sbh2, { q: 'søknad', til: '2000-01-01' }))).toEqual([]);
    expect(jpIds(await sok(w.sbh2, { q: 'søknad', fra: '2000-01-01', sakstype: 'BS' }))).toEqual([ids.soknad]);
    expect((await sok(w.sbh2, { q: 'søknad', hva: 'saker' })).body.journalposter.items).toEqual([]);
  });

  it('pages: the count, and pages that hold together', async () => {
    const forste = await sok(w.sbh2, { q: 'søknad', hva: 'journalposter', limit: '1' });
    const andre = await sok(w.sbh2, { q: 'søknad', hva: 'journalposter', limit: '1', offset: '1' });
    expect(forste.body.journalposter).toMatchObject({ total: 2, avkortet: false, limit: 1, offset: 0 });
    expect([...jpIds(forste), ...jpIds(andre)].sort()).toEqual([ids.soknad, ids.svar].sort());
  });
});

describe('GET /api/sok: skjerming (§8)', () => {
  const skjulte = ['Brekkestø', 'Helene Vikanes', 'mobbing friminuttene', 'Trine Fjellheim'];

  it('never matches or counts screened words for those who may not see them', async () => {
    for (const actor of [w.sbh2, w.fremmed, w.dok]) {
      for (const q of skjulte) {
        const res = await sok(actor, { q });
        expect({ q, saker: res.body.saker.total, journalposter: res.body.journalposter.total }).toEqual({ q, saker: 0, journalposter: 0 });
      }
      // The open title still finds the record; the hidden words add nothing to it.
      expect(jpIds(await sok(actor, { q: 'bekymring' }))).toEqual([ids.skjermet]);
      expect(jpIds(await sok(actor, { q: 'bekymring Brekkestø' }))).toEqual([]);
      expect(jpIds(await sok(actor, { q: 'bekymring', korrespondent: 'Vikanes' }))).toEqual([]);
      expect(JSON.stringify((await sok(actor, { q: 'bekymring' })).body)).not.toMatch(/Brekkestø|Vikanes|Fjellheim/);
    }
  });

  it('does match them for those who may: the code in the unit, the saksbehandler, the archive', async () => {
    for (const actor of [w.leder, w.sbh, w.ark]) {
      expect(jpIds(await sok(actor, { q: 'Brekkestø' }))).toEqual([ids.skjermet]);
      expect(jpIds(await sok(actor, { q: 'Helene Vikanes' }))).toEqual([ids.skjermet]);
      expect(jpIds(await sok(actor, { q: 'mobbing friminuttene' }))).toEqual([ids.skjermet]);
      expect(jpIds(await sok(actor, { q: 'bekymring', korrespondent: 'Vikanes' }))).toEqual([ids.skjermet]);
    }
    // Title line 2 of the sak: the code holders and the saksansvarlig.
    expect(sakIds(await sok(w.leder, { q: 'Trine Fjellheim' }))).toEqual([ids.vern]);
    expect(sakIds(await sok(w.sbh, { q: 'Trine Fjellheim' }))).toEqual([ids.vern]);
  });

  it('a draft’s title line 2 is searched only by those who read the draft (policies/utkast.ts)', async () => {
    const utkast = await buildJournalpost(ctx.db, w.sbh, ids.vei!, { journalposttype: 'U', tittel: 'Brev om veilys', tittel2: 'Utkast til svar om lysmaster' });
    expect(jpIds(await sok(w.sbh, { q: 'lysmaster' }))).toEqual([utkast]);
    expect(jpIds(await sok(w.leder, { q: 'lysmaster' }))).toEqual([utkast]);
    expect(jpIds(await sok(w.sbh2, { q: 'lysmaster' }))).toEqual([]);
    expect(jpIds(await sok(w.sbh2, { q: 'veilys brev' }))).toEqual([utkast]);
  });

  it('follows a grading set after registration: the words close for those without the code', async () => {
    const jp = await buildJournalpost(ctx.db, w.sbh, ids.vei!, { journalposttype: 'I', tittel: 'Henvendelse om gatelys', tittel2: 'Fra Oddvar Nyheim' });
    expect(jpIds(await sok(w.sbh2, { q: 'Nyheim' }))).toEqual([jp]);
    const res = await som(ctx, w.sbh).put(`/api/journalposter/${jp}/skjerming`, { skjerming: { tilgangskode: 'U', skjermingsnivaa: 2, skjermingshjemmel: 'Offl. § 13' } });
    expect(res.status).toBe(200);
    expect(jpIds(await sok(w.sbh2, { q: 'Nyheim' }))).toEqual([]);
    expect(jpIds(await sok(w.leder, { q: 'Nyheim' }))).toEqual([jp]);
    expect(jpIds(await sok(w.sbh2, { q: 'gatelys' }))).toEqual([jp]);
  });
});
