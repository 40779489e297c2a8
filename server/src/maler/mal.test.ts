import { PDFDocument } from 'pdf-lib';
import { createTestContext, type TestContext } from '../test/context';
import { extractText } from '../test/pdf-text';
import { pdfaProblems } from '../test/pdfa';
import { buildJournalpost, buildSak, buildWorld } from '../test/factories';

/** Manual §10.4: write a letter (U) from a template (mal) and standard texts. */
describe('§10.4 brev fra mal', () => {
  let ctx: TestContext;
  let world: Awaited<ReturnType<typeof buildWorld>>;
  beforeAll(async () => {
    ctx = await createTestContext();
    world = await buildWorld(ctx.db);
  });
  afterAll(() => ctx.close());

  const as = async (u: { bruker: { brukernavn: string } }) => ctx.auth(u.bruker.brukernavn);
  const MAL = '{{mottakerNavn}}\n{{mottakerAdresse}}\n\nVår ref.: {{vaarRef}}   Deres ref.: {{deresRef}}   Dato: {{dato}}\n\n{{tittel}}\n\nVi viser til søknaden.\n\n{{standardtekster}}\n\nMed hilsen\n{{saksbehandler}}\n{{enhet}}';

  const newMal = async (navn: string, sakstype: string | null, innhold = MAL) =>
    ctx.app.inject({ method: 'POST', url: '/api/maler', payload: { navn, sakstype, journalposttype: 'U', innhold }, headers: await as(world.ark) });
  const text = async (sha: string) => {
    const { stream } = await ctx.blobs.open(sha);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  };

  it('lets the archive keep templates; a saksbehandler may not, and unknown merge fields are refused', async () => {
    expect((await ctx.app.inject({ method: 'POST', url: '/api/maler', payload: { navn: 'X', innhold: 'x' }, headers: await as(world.sbh) })).statusCode).toBe(403);
    const bad = await newMal('Ugyldig', null, 'Fødselsnummer: {{fnr}}');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: '/innhold', message: 'ukjent flettefelt {{fnr}}' }]);
  });

  it('versions a template on edit, lists the newest as active, per sakstype', async () => {
    const id = (await newMal('Byggesak - vedtak', 'BS')).json().systemId;
    await newMal('Generelt svarbrev', null);
    const put = await ctx.app.inject({ method: 'PUT', url: `/api/maler/${id}`, payload: { innhold: `${MAL}\n\nKlageadgang etter fvl. § 28.` }, headers: await as(world.ark) });
    expect(put.json()).toEqual({ versjonsnummer: 2 });
    const bs = (await ctx.app.inject({ method: 'GET', url: '/api/maler?sakstype=BS', headers: await as(world.sbh) })).json();
    expect(bs.map((m: { navn: string; versjonsnummer: number }) => [m.navn, m.versjonsnummer])).toEqual([
      ['Byggesak - vedtak', 2],
      ['Generelt svarbrev', 1],
    ]);
    const gs = (await ctx.app.inject({ method: 'GET', url: '/api/maler?sakstype=GS', headers: await as(world.sbh) })).json();
    expect(gs.map((m: { navn: string }) => m.navn)).toEqual(['Generelt svarbrev']);
    const detalj = (await ctx.app.inject({ method: 'GET', url: `/api/maler/${id}`, headers: await as(world.sbh) })).json();
    expect(detalj.versjoner.map((v: { versjonsnummer: number }) => v.versjonsnummer)).toEqual([1, 2]);
  });

  it('writes the letter with merge fields and standard texts as editable text (P) and PDF (A); editing adds a version', async () => {
    const malId = (await newMal('Svar på søknad', 'BS')).json().systemId;
    const st = await ctx.app.inject({ method: 'POST', url: '/api/standardtekster', payload: { navn: 'Klageadgang', tekst: 'Vedtaket kan påklages innen tre uker.' }, headers: await as(world.ark) });
    const sakId = await buildSak(ctx.db, world.sbh, { tittel: 'Tilbygg Storgata 3', sakstype: 'BS' });
    const jpId = await buildJournalpost(ctx.db, world.sbh, sakId, {
      tittel: 'Vedtak - tilbygg',
      korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Per Hansen', postadresse: 'Storgata 3', postnummer: '9000', poststed: 'Fjordvik', deresReferanse: 'PH-7' }],
    });
    const res = await ctx.app.inject({ method: 'POST', url: `/api/journalposter/${jpId}/brev`, payload: { malId, standardtekstIds: [st.json().systemId], fritekst: 'Tiltaket kan starte.' }, headers: await as(world.sbh) });
    expect(res.statusCode).toBe(201);
    const hoved = res.json().dokumenter[0];
    expect(hoved).toMatchObject({ tilknyttetRegistreringSom: 'H', tittel: 'Vedtak - tilbygg' });
    const p = hoved.versjoner.find((v: { variantformat: string }) => v.variantformat === 'P');
    const a = hoved.versjoner.find((v: { variantformat: string }) => v.variantformat === 'A');
    expect(p.format).toBe('text/plain; charset=utf-8');
    expect(a.format).toBe('application/pdf');
    const brev = (await text(p.sjekksum)).toString('utf8');
    const { saksnummer, dokumentnummer } = res.json();
    expect(brev).toContain(`Per Hansen\nStorgata 3\n9000 Fjordvik`);
    expect(brev).toContain(`Vår ref.: ${saksnummer}-${dokumentnummer}   Deres ref.: PH-7`);
    expect(brev).toContain('Vedtaket kan påklages innen tre uker.\n\nTiltaket kan starte.');
    expect(brev).toContain(`Med hilsen\nBruker ${world.sbh.bruker.brukernavn}`);
    expect(brev).not.toContain('{{');
    // The main document's archive variant is PDF/A-2b; the editable form is the text (P).
    const row = await ctx.db.selectFrom('dokumentversjon').select('formatDetaljer').where('systemId', '=', a.systemId).executeTakeFirstOrThrow();
    expect(row.formatDetaljer).toBe('PDF/A-2b (ISO 19005-2)');
    const pdf = await text(a.sjekksum);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
    expect(await pdfaProblems(pdf)).toEqual([]);
    expect((await extractText(pdf))[0]!.text).toContain('Vedtaket kan påklages innen tre uker.');

    const edit = await ctx.app.inject({ method: 'PUT', url: `/api/journalposter/${jpId}/brev`, payload: { tekst: brev.replace('Tiltaket kan starte.', 'Tiltaket kan starte straks.') }, headers: await as(world.sbh) });
    expect(edit.statusCode).toBe(200);
    const versjoner = edit.json().dokumenter[0].versjoner as { versjonsnummer: number; variantformat: string; aktiv: boolean; sjekksum: string }[];
    expect(versjoner.filter((v) => v.aktiv).map((v) => [v.versjonsnummer, v.variantformat]).sort()).toEqual([
      [2, 'A'],
      [2, 'P'],
    ]);
    expect((await text(versjoner.find((v) => v.aktiv && v.variantformat === 'P')!.sjekksum)).toString()).toContain('starte straks.');
    const historikk = await ctx.db.selectFrom('historikk').select('handling').where('journalpostId', '=', jpId).where('handling', '=', 'brev_skrevet').execute();
    expect(historikk).toHaveLength(2);
  });

  it('refuses to write into a locked (expedited) journalpost', async () => {
    const malId = (await newMal('Låst-test', null)).json().systemId;
    const sakId = await buildSak(ctx.db, world.sbh);
    const jpId = await buildJournalpost(ctx.db, world.sbh, sakId, { tittel: 'Allerede sendt' });
    await ctx.db.updateTable('journalpost').set({ journalstatus: 'E' }).where('systemId', '=', jpId).execute();
    const res = await ctx.app.inject({ method: 'POST', url: `/api/journalposter/${jpId}/brev`, payload: { malId }, headers: await as(world.sbh) });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('journalpost_locked');
  });
});
