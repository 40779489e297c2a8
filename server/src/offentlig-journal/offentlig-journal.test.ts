import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { validateXML } from 'xmllint-wasm';
import { inneholderFoedselsnummer, type OffentligJournalPage } from '@arkiv/shared';
import { setPublisering } from '../dokument/offentlighet.service';
import { createJournalpost, journalfoer, setJournalpostSkjerming } from '../journalpost/journalpost.service';
import { setJournalpostSkjermedeOrd } from '../sak/skjermede-ord';
import { seedDemoIfEmpty } from '../seed/demo-seed';
import { createTestContext, type TestContext } from '../test/context';
import { buildDokument, buildSak, buildWorld } from '../test/factories';
import { openWorld, type World } from '../test/world';
import { dagen } from '../tid';

const XSD_DIR = path.join(__dirname, 'xsd');
const FNR = '01019012480';
const dag = (d: Date) => dagen(d);
const NOW = new Date();
const IDAG = dag(NOW);
const FOR_13_MND = new Date(Date.UTC(NOW.getUTCFullYear() - 1, NOW.getUTCMonth() - 1, 15, 12));
const FOR_2_MND = new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() - 2, 15, 12));

async function validateAgainstXsd(xml: string) {
  const read = (f: string) => readFile(path.join(XSD_DIR, f), 'utf8');
  return validateXML({
    xml: [{ fileName: 'offentligJournal.xml', contents: xml }],
    schema: [{ fileName: 'offentligJournal.xsd', contents: await read('offentligJournal.xsd') }],
    preload: [{ fileName: 'metadatakatalog.xsd', contents: await read('metadatakatalog.xsd') }],
  });
}

/** Manual §3.3: the public journal. */
describe('offentlig journal', () => {
  let ctx: TestContext;
  let w: World;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedDemoIfEmpty(ctx.db, ctx.blobs);
    w = await buildWorld(ctx.db);
    const { db } = ctx;
    const sak = await buildSak(db, w.sbh, { tittel: 'Offentlig testsak', tittel2: 'Sakens linje to' });
    const jf = async (id: string) => {
      await journalfoer(db, w.ark, id);
      return id;
    };
    ids.aapen = await createJournalpost(db, w.sbh, sak, {
      journalposttype: 'I',
      tittel: 'Åpen søknad <script>alert(1)</script>',
      tittel2: 'Åpen linje to',
      korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Fjordvik Båtlag', organisasjonsnummer: '912345678' }],
    });
    ids.aapenDok = await buildDokument(db, ctx.blobs, w.sbh, ids.aapen, 'publisert innhold');
    ids.upublisertDok = await buildDokument(db, ctx.blobs, w.sbh, ids.aapen, 'upublisert innhold');
    await setPublisering(db, w.sbh, ids.aapenDok, true);
    await jf(ids.aapen);

    ids.nivaa2 = await createJournalpost(db, w.sbh, sak, {
      journalposttype: 'I',
      tittel: 'Søknad om startlån',
      tittel2: `Søker ${FNR}`,
      skjerming: { tilgangskode: 'U', skjermingsnivaa: 2, skjermingshjemmel: 'Offl. § 13 jf. fvl. § 13' },
      korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Nivå To Person' }],
    });
    await jf(ids.nivaa2);

    ids.nivaa3 = await createJournalpost(db, w.sbh, sak, {
      journalposttype: 'I',
      tittel: 'Klage på vedtak',
      tittel2: 'Hemmelig linje to',
      skjerming: { tilgangskode: 'U', skjermingsnivaa: 3, skjermingshjemmel: 'Offl. § 13' },
      korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Skjult Klager' }],
    });
    ids.nivaa3Dok = await buildDokument(db, ctx.blobs, w.sbh, ids.nivaa3, 'skjermet innhold');
    await jf(ids.nivaa3);

    const gradertSak = await buildSak(db, w.ark, {
      tittel: 'Barnevernssak',
      tittel2: 'Barnets navn',
      administrativEnhetId: w.enhet.systemId,
      saksansvarligId: w.sbh.bruker.systemId,
      klasseId: (await db.selectFrom('klasse').select('systemId').executeTakeFirstOrThrow()).systemId,
      skjerming: { tilgangskode: 'P', skjermingsnivaa: 3, skjermingshjemmel: 'Offl. § 13' },
    });
    ids.arvet = await jf(await createJournalpost(db, w.sbh, gradertSak, { journalposttype: 'I', tittel: 'Melding om bekymring', korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Arvet Skjult' }] }));

    ids.fnrTittel = await jf(await createJournalpost(db, w.sbh, sak, { journalposttype: 'I', tittel: `Søknad fra ${FNR.slice(0, 6)} ${FNR.slice(6)}` }));
    ids.reservert = await createJournalpost(db, w.sbh, sak, { journalposttype: 'U', tittel: 'Utkast som ikke er journalført' });
    ids.reservertDok = await buildDokument(db, ctx.blobs, w.sbh, ids.reservert, 'utkast');
    await setPublisering(db, w.sbh, ids.reservertDok, true);

    // The 12-month rule for person names.
    ids.gammelPerson = await jf(await createJournalpost(db, w.sbh, sak, { journalposttype: 'I', tittel: 'Gammelt brev', korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Gunnar Gammelsen' }] }, FOR_13_MND));
    ids.gammelOrg = await jf(await createJournalpost(db, w.sbh, sak, { journalposttype: 'I', tittel: 'Gammelt brev fra lag', korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Gammelvik Idrettslag', organisasjonsnummer: '987654321' }] }, FOR_13_MND));
    // Screened words (level 1: line 2 is public, but not the marked words), marked after journalføring.
    ids.ord = await jf(
      await createJournalpost(db, w.sbh, sak, {
        journalposttype: 'I',
        tittel: 'Byggesøknad Storgata 12 fra Kari Nordskjær',
        tittel2: 'Nabovarsel til Per Hemmingsen',
        skjerming: { tilgangskode: 'U', skjermingsnivaa: 1, skjermingshjemmel: 'Offl. § 13' },
      }),
    );
    await setJournalpostSkjermedeOrd(db, w.ark, ids.ord, ['Nordskjær', 'hemmingsen']);
    // A fødselsnummer screened as a word no longer keeps the journalpost out.
    ids.fnrOrd = await jf(await createJournalpost(db, w.sbh, sak, { journalposttype: 'I', tittel: `Startlån for ${FNR}`, skjerming: { tilgangskode: 'U', skjermingsnivaa: 1, skjermingshjemmel: 'Offl. § 13' } }));
    await setJournalpostSkjermedeOrd(db, w.ark, ids.fnrOrd, [FNR]);
    ids.nyPerson = await jf(await createJournalpost(db, w.sbh, sak, { journalposttype: 'I', tittel: 'Nytt brev', korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Nina Nyesen' }] }, FOR_2_MND));
  }, 120_000);
  afterAll(() => ctx.close());

  const get = (url: string) => ctx.app.inject({ method: 'GET', url });
  const page = async (query: string) => {
    const res = await get(`/api/offentlig-journal?${query}`);
    expect(res.statusCode).toBe(200);
    return res.json() as OffentligJournalPage;
  };
  const periodeAar = `fra=${dag(new Date(NOW.getTime() - 365 * 86_400_000))}&til=${IDAG}`;

  it('needs no login, holds only journalført and arkivert journalposter, and is not indexed', async () => {
    const res = await get(`/api/offentlig-journal?${periodeAar}&antall=100`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
    const body = res.json() as OffentligJournalPage;
    expect(body.items.every((i) => i.journalstatus === 'J' || i.journalstatus === 'A')).toBe(true);
    const got = new Set(body.items.map((i) => i.systemId));
    expect(got.has(ids.aapen!)).toBe(true);
    expect(got.has(ids.reservert!)).toBe(false);
    expect(body.total).toBe(body.items.length);
  });

  it('shows title line 1 always, ***** for screened line 2, no screened names or klassering, and the code and hjemmel', async () => {
    const body = await page(`${periodeAar}&antall=100`);
    const by = (id: string) => body.items.find((i) => i.systemId === id)!;
    expect(by(ids.aapen!).offentligTittel).toBe('Åpen søknad <script>alert(1)</script> - Åpen linje to');
    expect(by(ids.aapen!).korrespondanseparter).toEqual([{ korrespondanseparttype: 'EA', navn: 'Fjordvik Båtlag' }]);
    expect(by(ids.nivaa2!)).toMatchObject({
      offentligTittel: 'Søknad om startlån - *****',
      tilgangskode: 'U',
      skjermingshjemmel: 'Offl. § 13 jf. fvl. § 13',
      korrespondanseparterSkjermet: false,
      korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Nivå To Person' }],
    });
    expect(by(ids.nivaa3!)).toMatchObject({ offentligTittel: 'Klage på vedtak - *****', korrespondanseparterSkjermet: true, korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: '*****' }], dokumenter: [] });
    expect(by(ids.arvet!)).toMatchObject({ tilgangskode: 'P', korrespondanseparterSkjermet: true, sak: { offentligTittel: 'Barnevernssak - *****', klasse: null, tilgangskode: 'P' } });
    const text = JSON.stringify(body);
    for (const secret of ['Hemmelig linje to', 'Skjult Klager', 'Arvet Skjult', 'Barnets navn', FNR]) expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
  });

  it('shows exactly the screened words of a title as ***** in JSON, HTML and XML, and never matches them', async () => {
    const body = await page(`${periodeAar}&antall=100`);
    const by = (id: string) => body.items.find((i) => i.systemId === id)!;
    expect(by(ids.ord!).offentligTittel).toBe('Byggesøknad Storgata 12 fra Kari ***** - Nabovarsel til Per *****');
    expect(by(ids.fnrOrd!).offentligTittel).toBe('Startlån for *****');
    const html = (await get(`/offentlig-journal?${periodeAar}`)).body;
    expect(html).toContain('Byggesøknad Storgata 12 fra Kari ***** - Nabovarsel til Per *****');
    const xml = (await get(`/api/offentlig-journal.xml?${periodeAar}`)).body;
    expect(xml).toContain('Byggesøknad Storgata 12 fra Kari ***** - Nabovarsel til Per *****');
    for (const [what, text] of [['json', JSON.stringify(body)], ['html', html], ['xml', xml]] as const) {
      for (const secret of ['Nordskjær', 'Hemmingsen', FNR]) expect({ what, secret, found: text.includes(secret) }).toEqual({ what, secret, found: false });
    }
    const total = async (q: string) => (await page(`${periodeAar}&q=${encodeURIComponent(q)}`)).total;
    expect(await total('Nordskjær')).toBe(0);
    expect(await total('Hemmingsen')).toBe(0);
    expect(await total('Storgata 12')).toBe(1);
  });

  it('never publishes a fødselsnummer: the journalpost is held back and the archive is told why', async () => {
    const body = await page(`${periodeAar}&antall=100`);
    expect(body.items.some((i) => i.systemId === ids.fnrTittel)).toBe(false);
    // The same number behind a level-2 skjerming is fine: the public sees *****.
    expect(body.items.some((i) => i.systemId === ids.nivaa2)).toBe(true);
    const xml = await get(`/api/offentlig-journal.xml?${periodeAar}`);
    expect(xml.body).not.toContain(FNR.slice(6));

    const asArk = await ctx.app.inject({ method: 'GET', url: `/api/offentlig-journal/avviste?${periodeAar}`, headers: await ctx.auth(w.ark.bruker.brukernavn) });
    expect(asArk.statusCode).toBe(200);
    const avvist = (asArk.json() as { systemId: string; melding: string }[]).find((a) => a.systemId === ids.fnrTittel);
    expect(avvist?.melding).toMatch(/fødselsnummer/);
    const asSbh = await ctx.app.inject({ method: 'GET', url: `/api/offentlig-journal/avviste?${periodeAar}`, headers: await ctx.auth(w.sbh.bruker.brukernavn) });
    expect(asSbh.statusCode).toBe(403);
  });

  it('refuses to publish a document with a fødselsnummer in its title or with any skjerming', async () => {
    const { db } = ctx;
    const sak = await buildSak(db, w.sbh);
    const jp = await createJournalpost(db, w.sbh, sak, { journalposttype: 'U', tittel: 'Vedtak om startlån' });
    const dok = await buildDokument(db, ctx.blobs, w.sbh, jp);
    await db.updateTable('dokumentbeskrivelse').set({ tittel: `Vedtak for ${FNR}` }).where('systemId', '=', dok).execute();
    const res = await ctx.app.inject({ method: 'PUT', url: `/api/dokumenter/${dok}/publisering`, headers: await ctx.auth(w.sbh.bruker.brukernavn), payload: { publiseres: true } });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'foedselsnummer_in_title' });

    const screened = await ctx.app.inject({ method: 'PUT', url: `/api/dokumenter/${ids.nivaa3Dok}/publisering`, headers: await ctx.auth(w.sbh.bruker.brukernavn), payload: { publiseres: true } });
    expect(screened.statusCode).toBe(422);
    expect(screened.json()).toMatchObject({ code: 'document_screened' });
  });

  it('person names are searchable for twelve months, organisations and titles always', async () => {
    // A period reaching back past twelve months (the longest allowed range is a year).
    const periode = `fra=${dag(new Date(FOR_13_MND.getTime() - 86_400_000))}&til=${dag(new Date(FOR_13_MND.getTime() + 360 * 86_400_000))}`;
    const total = async (q: string) => (await page(`${periode}&q=${encodeURIComponent(q)}`)).total;
    expect(await total('Gunnar Gammelsen')).toBe(0);
    expect(await total('Gammelt brev')).toBeGreaterThanOrEqual(1);
    expect(await total('Gammelvik Idrettslag')).toBe(1);
    expect(await total('Nina Nyesen')).toBe(1);
    // Screened names are never searchable, however new.
    expect(await total('Skjult Klager')).toBe(0);
    expect(await total('Hemmelig linje')).toBe(0);
    // The old entry itself is still in the journal with the name shown.
    const old = (await page(`${periode}&q=Gammelt%20brev&antall=100`)).items.find((i) => i.systemId === ids.gammelPerson);
    expect(old?.korrespondanseparter).toEqual([{ korrespondanseparttype: 'EA', navn: 'Gunnar Gammelsen' }]);
  });

  it('serves a published, unscreened document from a public URL and nothing else', async () => {
    const ok = await get(`/offentlig-journal/dokumenter/${ids.aapenDok}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('publisert innhold');
    expect(ok.headers['x-robots-tag']).toBe('noindex, nofollow');
    const listed = (await page(`${periodeAar}&antall=100`)).items.find((i) => i.systemId === ids.aapen)!;
    expect(listed.dokumenter.map((d) => d.systemId)).toEqual([ids.aapenDok]);

    for (const [what, id] of [
      ['unpublished', ids.upublisertDok],
      ['screened', ids.nivaa3Dok],
      ['published but journalpost not journalført', ids.reservertDok],
      ['unknown', '00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const res = await get(`/offentlig-journal/dokumenter/${id}`);
      expect({ what, status: res.statusCode, code: res.json().code }).toEqual({ what, status: 404, code: 'not_found' });
    }

    // A skjerming added after publication takes the document down at once.
    await setJournalpostSkjerming(ctx.db, w.ark, ids.aapen!, { tilgangskode: 'U', skjermingsnivaa: 1, skjermingshjemmel: 'Offl. § 13' });
    expect((await get(`/offentlig-journal/dokumenter/${ids.aapenDok}`)).statusCode).toBe(404);
    await setJournalpostSkjerming(ctx.db, w.ark, ids.aapen!, null);
    expect((await get(`/offentlig-journal/dokumenter/${ids.aapenDok}`)).statusCode).toBe(200);
    // So does a skjerming on the document itself.
    const headers = await ctx.auth(w.sbh.bruker.brukernavn);
    const graded = await ctx.app.inject({ method: 'PUT', url: `/api/dokumenter/${ids.aapenDok}/skjerming`, headers, payload: { skjerming: { tilgangskode: 'IS', skjermingsnivaa: 1, skjermingshjemmel: 'Offl. § 14' } } });
    expect(graded.statusCode).toBe(200);
    expect(graded.json().dokumenter.find((d: { systemId: string }) => d.systemId === ids.aapenDok)).toMatchObject({ skjerming: { tilgangskode: 'IS' }, skjermet: false });
    expect((await get(`/offentlig-journal/dokumenter/${ids.aapenDok}`)).statusCode).toBe(404);
    expect((await page(`${periodeAar}&antall=100`)).items.find((i) => i.systemId === ids.aapen)!.dokumenter).toEqual([]);
  });

  it('gives an offentligJournal.xml for the seeded period that validates against the official XSD', async () => {
    const res = await get(`/api/offentlig-journal.xml?${periodeAar}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/xml');
    expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
    const result = await validateAgainstXsd(res.body);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    const count = (await page(periodeAar)).total;
    expect(res.body).toContain(`<antallJournalposter>${count}</antallJournalposter>`);
    expect(res.body.match(/<journalregistrering>/g)).toHaveLength(count);
    expect(res.body).toContain('&lt;script&gt;');
    // The validator really checks: the same file with a required element removed is refused.
    const broken = await validateAgainstXsd(res.body.replace(/<journalaar>\d+<\/journalaar>/, ''));
    expect(broken.valid).toBe(false);
  });

  it('answers bad input with a 4xx problem and a stable code, never a 500', async () => {
    const cases: [string, number, string][] = [
      ['/api/offentlig-journal?fra=2026-05-10&til=2026-05-01', 400, 'invalid_date_range'],
      ['/api/offentlig-journal?fra=2026-02-30', 400, 'invalid_date_range'],
      ['/api/offentlig-journal?fra=igår', 400, 'invalid_date_range'],
      ['/api/offentlig-journal?fra=2020-01-01&til=2026-01-01', 400, 'invalid_date_range'],
      ['/api/offentlig-journal?side=0', 400, 'validation_failed'],
      ['/api/offentlig-journal?antall=1000', 400, 'validation_failed'],
      ['/api/offentlig-journal?ukjent=1', 400, 'validation_failed'],
      ['/api/offentlig-journal.xml?fra=2026-13-01&til=2026-12-31', 400, 'invalid_date_range'],
      ['/api/offentlig-journal.xml?fra=1990-01-01&til=1990-01-31', 422, 'unprocessable'],
      ['/offentlig-journal/dokumenter/ikke-en-uuid', 400, 'validation_failed'],
    ];
    for (const [url, status, code] of cases) {
      const res = await get(url);
      expect({ url, status: res.statusCode, type: res.headers['content-type'], code: res.json().code }).toEqual({ url, status, type: 'application/problem+json; charset=utf-8', code });
    }
    const html = await get('/offentlig-journal?fra=2026-05-10&til=2026-05-01');
    expect(html.statusCode).toBe(400);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('role="alert"');
  });

  it('renders the HTML page in bokmål with everything escaped, robots noindex, and paging', async () => {
    const res = await get(`/offentlig-journal?${periodeAar}&antall=2`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(res.body).toContain('<html lang="nb">');
    expect(res.body).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(res.body).toContain('rel="next"');
    const all = await page(periodeAar);
    const last = Math.ceil(all.total / 2);
    const lastPage = await get(`/offentlig-journal?${periodeAar}&antall=2&side=${last}`);
    expect(lastPage.body).toContain('rel="prev"');
    expect(lastPage.body).not.toContain('rel="next"');
    expect(lastPage.body).toContain(`Side ${last} av ${last}`);
  });

  it('shows the demo seed: an archived post with a published document, every level of skjerming, the fødselsnummer held back', async () => {
    const items = (await page(`${periodeAar}&antall=100`)).items;
    const byTitle = (t: string) => items.filter((i) => i.offentligTittel === t);
    const bygg = byTitle('Søknad om tillatelse til tiltak - tilbygg')[0]!;
    expect(bygg.journalstatus).toBe('A');
    expect(bygg.dokumenter.map((d) => d.tittel)).toEqual(['Situasjonsplan']);
    expect((await get(bygg.dokumenter[0]!.url)).body).toContain('Situasjonsplan');
    expect(byTitle('Søknad om tilskudd - Fjordvik IL - Regnskap og budsjett')[0]).toMatchObject({ tilgangskode: 'U', dokumenter: [] });
    expect(items.filter((i) => i.offentligTittel === 'Søknad om startlån - *****').length).toBeGreaterThanOrEqual(2);
    expect(byTitle('Opplysninger om søkers økonomi - *****')[0]).toMatchObject({ korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: '*****' }] });
    expect(byTitle('Søknad om permisjon - *****')[0]).toMatchObject({ tilgangskode: 'P', sak: { offentligTittel: 'Personalmappe - Ansatt ***** - *****' } });
    expect(items.some((i) => i.offentligTittel.includes('skoleskyss for'))).toBe(false);
    expect(items.some((i) => i.offentligTittel.startsWith('E-post om skoleskyss'))).toBe(false);
    const avviste = await ctx.app.inject({ method: 'GET', url: `/api/offentlig-journal/avviste?${periodeAar}`, headers: await ctx.auth('arne') });
    expect((avviste.json() as { offentligTittel: string }[]).map((a) => a.offentligTittel)).toContain('Søknad om skoleskyss for 15058543206');
  });

  it('documents the new routes in the OpenAPI description', async () => {
    const res = await get('/openapi.json');
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/offentlig-journal', '/api/offentlig-journal.xml', '/api/offentlig-journal/avviste', '/offentlig-journal/dokumenter/{id}', '/api/sok', '/api/dokumenter/{id}/publisering', '/api/dokumenter/{id}/skjerming']) {
      expect({ p, documented: paths.includes(p) }).toEqual({ p, documented: true });
    }
  });

  it('the SQL fødselsnummer guard agrees with the TypeScript one', async () => {
    const digits = fc.array(fc.constantFrom(...'0123456789'), { minLength: 9, maxLength: 9 }).map((a) => a.join(''));
    const withCheckDigits = digits.chain((nine) => fc.tuple(fc.constantFrom(...'0123456789'), fc.constantFrom(...'0123456789')).map(([a, b]) => `${nine}${a}${b}`));
    const text = fc.tuple(fc.string({ maxLength: 8 }), withCheckDigits, fc.constantFrom('', ' ', '.', '7'), fc.string({ maxLength: 8 })).map(([a, n, sep, b]) => `${a}${n.slice(0, 6)}${sep}${n.slice(6)}${b}`);
    const samples = fc.sample(text, 400).concat([`x${FNR}y`, FNR, `${FNR.slice(0, 6)} ${FNR.slice(6)}`, `1${FNR}`, 'ingen tall']);
    const { rows } = await sql<{ t: string; hit: boolean }>`select t, inneholder_foedselsnummer(t) as hit from unnest(${samples}::text[]) as t`.execute(ctx.db);
    const mismatches = rows.filter((r) => r.hit !== inneholderFoedselsnummer(r.t));
    expect(mismatches).toEqual([]);
    expect(rows.filter((r) => r.hit).length).toBeGreaterThan(2);
  });
});
