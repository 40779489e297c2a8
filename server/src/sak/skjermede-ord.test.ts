import { sql } from 'kysely';
import { skjermOrd } from '@arkiv/shared';
import { createTestContext, type TestContext } from '../test/context';
import { buildJournalpost, buildSak, buildWorld } from '../test/factories';
import type { World } from '../test/world';

/**
 * Screened words in titles (docs/skjerming.md § Screened words): the SQL twin agrees with the
 * TypeScript rule, marking needs a graded record (problem+json, nothing written), and each
 * change is written to historikk. Every read path: skjerming.matrix.test.ts; the public
 * journal: offentlig-journal.test.ts.
 */
describe('skjermede ord', () => {
  let ctx: TestContext;
  let w: World;
  beforeAll(async () => {
    ctx = await createTestContext();
    w = await buildWorld(ctx.db);
  }, 60_000);
  afterAll(() => ctx.close());

  it('skjerm_ord in SQL screens the same words as skjermOrd in TypeScript', async () => {
    const tilfeller: [string | null, string[]][] = [
      ['Byggesøknad Storgata 12 - Kari Nordmann', ['nordmann']],
      ['Klage fra ØSTBY, Åse (nabo)', ['østby', 'åse']],
      ['«Per-Olav» Hansen/Hansen.hansen; HANSEN!', ['hansen']],
      ['Gnr. 12/34 Bnr. 5', ['12', 'bnr']],
      ['Tabs\tog\u00a0hardt mellomrom – Ærlig', ['ærlig', 'og', 'hardt']],
      ['Per-Olav Hansen', ['per']],
      ['Ingen ord merket', []],
      [null, ['x']],
    ];
    for (const [tekst, ord] of tilfeller) {
      const { rows } = await sql<{ s: string | null }>`select skjerm_ord(${tekst}, ${ord}::text[]) as s`.execute(ctx.db);
      expect({ tekst, sql: rows[0]!.s }).toEqual({ tekst, sql: skjermOrd(tekst, ord) });
    }
    // Written out from the rule: whole words only, every occurrence, case folded, hyphenated words are one word.
    expect(skjermOrd('«Per-Olav» Hansen/Hansen.hansen; HANSEN!', ['Hansen'])).toBe('«Per-Olav» *****/*****.*****; *****!');
    expect(skjermOrd('Per-Olav Hansen', ['per'])).toBe('Per-Olav Hansen');
    expect(skjermOrd('Klage fra ØSTBY, Åse (nabo)', ['østby'])).toBe('Klage fra *****, Åse (nabo)');
  });

  it('refuses words on an unscreened record and words not in the title, as problem+json, writing nothing', async () => {
    const sak = await buildSak(ctx.db, w.sbh, { tittel: 'Åpen sak om Storgata 12' });
    const jp = await buildJournalpost(ctx.db, w.sbh, sak, { tittel: 'Brev fra Kari Nordmann' });
    const headers = await ctx.auth(w.sbh.bruker.brukernavn);
    const put = (url: string, ord: unknown) => ctx.app.inject({ method: 'PUT', url, headers, payload: { ord } });

    const uten = await put(`/api/journalposter/${jp}/skjermede-ord`, ['Nordmann']);
    expect(uten.statusCode).toBe(400);
    expect(uten.headers['content-type']).toContain('application/problem+json');
    expect(uten.json()).toMatchObject({ code: 'skjermede_ord_uten_skjerming', status: 400 });
    const sakUten = await put(`/api/saker/${sak}/skjermede-ord`, ['Storgata']);
    expect(sakUten.json()).toMatchObject({ code: 'skjermede_ord_uten_skjerming', status: 400 });

    await ctx.app.inject({ method: 'PUT', url: `/api/journalposter/${jp}/skjerming`, headers, payload: { skjerming: { tilgangskode: 'U', skjermingsnivaa: 1, skjermingshjemmel: 'Offl. § 13' } } });
    for (const ord of [['Olsen'], ['Kari Nordmann'], ['']]) {
      const res = await put(`/api/journalposter/${jp}/skjermede-ord`, ord);
      expect({ ord, status: res.statusCode, type: res.headers['content-type'] }).toEqual({ ord, status: 400, type: expect.stringContaining('application/problem+json') });
    }
    expect((await put(`/api/journalposter/${jp}/skjermede-ord`, ['Olsen'])).json()).toMatchObject({ code: 'skjermet_ord_ikke_i_tittel', errors: [{ field: '/ord/0' }] });
    const row = await ctx.db.selectFrom('journalpost').select('skjermedeOrd').where('systemId', '=', jp).executeTakeFirstOrThrow();
    expect(row.skjermedeOrd).toEqual([]);
  });

  it('marks, shows the words only to those who see them, and writes each change to historikk', async () => {
    const sak = await buildSak(ctx.db, w.sbh, { tittel: 'Startlån', skjerming: { tilgangskode: 'U', skjermingsnivaa: 1, skjermingshjemmel: 'Offl. § 13' } });
    const jp = await buildJournalpost(ctx.db, w.sbh, sak, { journalposttype: 'I', tittel: 'Søknad fra Kari Nordmann', tittel2: 'Kari bor i Storgata' });
    const headers = await ctx.auth(w.sbh.bruker.brukernavn);
    const res = await ctx.app.inject({ method: 'PUT', url: `/api/journalposter/${jp}/skjermede-ord`, headers, payload: { ord: ['Kari', 'NORDMANN', 'kari'] } });
    expect(res.statusCode).toBe(200);
    // The saksbehandler sees through: the full title and the words marked.
    expect(res.json()).toMatchObject({ tittel: 'Søknad fra Kari Nordmann', tittel2: 'Kari bor i Storgata', skjermedeOrd: ['kari', 'nordmann'], offentligTittel: 'Søknad fra ***** ***** - ***** bor i Storgata' });
    // A colleague without the code: the words as *****, the list of them not at all.
    const fremmed = await ctx.app.inject({ method: 'GET', url: `/api/journalposter/${jp}`, headers: await ctx.auth(w.sbh2.bruker.brukernavn) });
    expect(fremmed.json()).toMatchObject({ tittel: 'Søknad fra ***** *****', tittel2: '***** bor i Storgata', skjermedeOrd: [] });
    expect(fremmed.body).not.toMatch(/Kari|Nordmann|nordmann/);

    const hist = await ctx.db.selectFrom('historikk').select(['handling', 'data']).where('journalpostId', '=', jp).where('handling', '=', 'journalpost_skjerming_endret').execute();
    expect(hist.map((h) => h.data)).toEqual([{ skjermedeOrd: { fra: [], til: ['kari', 'nordmann'] } }]);

    // Sending the same list again changes nothing and writes nothing.
    await ctx.app.inject({ method: 'PUT', url: `/api/journalposter/${jp}/skjermede-ord`, headers, payload: { ord: ['nordmann', 'Kari'] } });
    const igjen = await ctx.db.selectFrom('historikk').select('id').where('journalpostId', '=', jp).where('handling', '=', 'journalpost_skjerming_endret').execute();
    expect(igjen).toHaveLength(hist.length);
  });

  it('a sak tells who may mark words in its title (abilities.skjermOrd), and the route agrees', async () => {
    const sak = await buildSak(ctx.db, w.sbh, { tittel: 'Personalsak Ansatt 4711', skjerming: { tilgangskode: 'P', skjermingsnivaa: 2, skjermingshjemmel: 'Offl. § 13' } });
    const put = async (brukernavn: string) => (await ctx.app.inject({ method: 'PUT', url: `/api/saker/${sak}/skjermede-ord`, headers: await ctx.auth(brukernavn), payload: { ord: ['4711'] } })).statusCode;
    const kan = async (brukernavn: string) => (await ctx.app.inject({ method: 'GET', url: `/api/saker/${sak}`, headers: await ctx.auth(brukernavn) })).json().abilities.skjermOrd;
    // Saksansvarlig and the archive with the code P may; a colleague and a stranger may not, nor
    // those who may correct the sak but see its title with words screened: the unit's leader
    // (code U only) and the dokumentsenter (no codes).
    const svar = [];
    for (const [navn, a] of Object.entries({ sbh: w.sbh, leder: w.leder, ark: w.ark, dok: w.dok, sbh2: w.sbh2, fremmed: w.fremmed })) {
      svar.push({ navn, kan: await kan(a.bruker.brukernavn), status: await put(a.bruker.brukernavn) });
    }
    expect(svar).toEqual([
      { navn: 'sbh', kan: true, status: 200 },
      { navn: 'leder', kan: false, status: 403 },
      { navn: 'ark', kan: true, status: 200 },
      { navn: 'dok', kan: false, status: 403 },
      { navn: 'sbh2', kan: false, status: 403 },
      { navn: 'fremmed', kan: false, status: 403 },
    ]);
    // On a sak graded U the leader, who holds U for the unit, sees the title whole and may.
    const uSak = await buildSak(ctx.db, w.sbh, { tittel: 'Tilsyn Storgata 12', skjerming: { tilgangskode: 'U', skjermingsnivaa: 1, skjermingshjemmel: 'Offl. § 13' } });
    const leder = await ctx.auth(w.leder.bruker.brukernavn);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/saker/${uSak}`, headers: leder })).json().abilities.skjermOrd).toBe(true);
    expect((await ctx.app.inject({ method: 'PUT', url: `/api/saker/${uSak}/skjermede-ord`, headers: leder, payload: { ord: ['Storgata'] } })).statusCode).toBe(200);
  });

  it('a journalpost tells who may mark words in its title the same way: may change its skjerming and sees the title whole', async () => {
    const sak = await buildSak(ctx.db, w.sbh, { tittel: 'Startlån 2026' });
    const jp = await buildJournalpost(ctx.db, w.sbh, sak, { journalposttype: 'I', tittel: 'Søknad om startlån fra Per Hansen', korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Per Hansen' }], skjerming: { tilgangskode: 'P', skjermingsnivaa: 1, skjermingshjemmel: 'Offl. § 13' } });
    const les = async (brukernavn: string) => (await ctx.app.inject({ method: 'GET', url: `/api/journalposter/${jp}`, headers: await ctx.auth(brukernavn) })).json();
    const put = async (brukernavn: string) => {
      const { versjon } = await les(w.sbh.bruker.brukernavn);
      return (await ctx.app.inject({ method: 'PUT', url: `/api/journalposter/${jp}/skjermede-ord`, headers: { ...(await ctx.auth(brukernavn)), 'if-match': `"${versjon}"` }, payload: { ord: ['Hansen'] } })).statusCode;
    };
    const svar = [];
    for (const [navn, a] of Object.entries({ sbh: w.sbh, ark: w.ark, dok: w.dok, sbh2: w.sbh2, fremmed: w.fremmed })) {
      const { abilities } = await les(a.bruker.brukernavn);
      svar.push({ navn, endreSkjerming: abilities?.changeSkjerming === true, kan: abilities?.skjermOrd === true, status: await put(a.bruker.brukernavn) });
    }
    // The dokumentsenter may correct the journalpost's skjerming but holds no code: it sees the
    // words as ***** and so may not replace the list of them.
    expect(svar).toEqual([
      { navn: 'sbh', endreSkjerming: true, kan: true, status: 200 },
      { navn: 'ark', endreSkjerming: true, kan: true, status: 200 },
      { navn: 'dok', endreSkjerming: true, kan: false, status: 403 },
      { navn: 'sbh2', endreSkjerming: false, kan: false, status: 403 },
      { navn: 'fremmed', endreSkjerming: false, kan: false, status: 403 },
    ]);
  });
});
