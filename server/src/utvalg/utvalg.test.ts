import type { TestContext } from '../test/context';
import { buildBruker, buildJournalpost, buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { openWorld, type World } from '../test/world';

/** §10.5 Saksframlegg and delegert vedtak to a committee (utvalg) meeting. */
describe('§10.5 Utvalg, møte og utvalgssak', () => {
  let ctx: TestContext;
  let w: World;
  let sakId: string;
  let moeteId: string;
  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    sakId = await buildSak(ctx.db, w.sbh);
    const sys = await buildBruker(ctx.db, { roller: [['SYS', w.arkivEnhet.systemId]] });
    expectProblem(await som(ctx, w.sbh).post('/api/utvalg', { kode: 'FSK', navn: 'Formannskapet' }), 403, 'forbidden');
    const utvalg = await som(ctx, sys).post('/api/utvalg', { kode: 'FSK', navn: 'Formannskapet' });
    expectProblem(await som(ctx, sys).post('/api/utvalg', { kode: 'FSK', navn: 'Igjen' }), 400, 'validation_failed');
    moeteId = (await som(ctx, sys).post(`/api/utvalg/${utvalg.body.systemId}/moeter`, { moetedato: '2027-02-10', sted: 'Kommunestyresalen' })).body.systemId;
  });
  afterAll(() => ctx.close());

  const godkjent = async (input: object) => {
    const id = await buildJournalpost(ctx.db, w.sbh, sakId, input);
    const [o] = (await som(ctx, w.sbh).post(`/api/journalposter/${id}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId })).body;
    await som(ctx, w.leder).post(`/api/oppgaver/${o.systemId}/svar`, { svar: 'Godkjent' });
    return id;
  };

  it('a saksframlegg is meldt opp only after approval (F), as PS, with utvalgssaksnummer N/YY', async () => {
    const s = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'S', tittel: 'Saksframlegg - budsjett' });
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${s}/meld-opp`, { moeteId }), 409, 'status_conflict');
    const s2 = await godkjent({ journalposttype: 'S', tittel: 'Saksframlegg - trafikk' });
    const res = await som(ctx, w.sbh).post(`/api/journalposter/${s2}/meld-opp`, { moeteId });
    expect(res.status).toBe(201);
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${s2}/meld-opp`, { moeteId }), 409, 'status_conflict');
    const dv = await godkjent({ journalposttype: 'U', delegertVedtak: true, tittel: 'Delegert vedtak - skjenking' });
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${dv}/meld-opp`, { moeteId, utvalgssakstype: 'PS' }), 400, 'validation_failed');
    await som(ctx, w.sbh).post(`/api/journalposter/${dv}/meld-opp`, { moeteId });
    expectProblem(await som(ctx, w.fremmed).post(`/api/journalposter/${s2}/meld-opp`, { moeteId }), 403, 'forbidden');
    const liste = (await som(ctx, w.sbh).get(`/api/moeter/${moeteId}/saker`)).body;
    expect(liste.map((u: { utvalgssaksnummer: string; utvalgssakstype: string }) => [u.utvalgssaksnummer, u.utvalgssakstype])).toEqual([
      ['1/27', 'PS'],
      ['2/27', 'DS'],
    ]);
  });

  it('§10.5.2 a delegert vedtak is meldt opp as DS right after registration, before its letter is written and approved', async () => {
    // Step 4 (meld opp, DS) comes before step 5 (hoveddokument) and step 6 (til godkjenning, status R).
    const dv = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'U', delegertVedtak: true, tittel: 'Delegert vedtak - byggetillatelse' });
    const res = await som(ctx, w.sbh).post(`/api/journalposter/${dv}/meld-opp`, { moeteId });
    expect(res.status).toBe(201);
    const liste = (await som(ctx, w.sbh).get(`/api/moeter/${moeteId}/saker`)).body;
    expect(liste.find((u: { systemId: string }) => u.systemId === res.body.systemId)).toMatchObject({ journalpostId: dv, utvalgssakstype: 'DS' });
    // Still R: it can go on to approval afterwards (step 6).
    const til = await som(ctx, w.sbh).post(`/api/journalposter/${dv}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId });
    expect(til.status).toBe(201);
    // A referatsak is something finished: an ordinary draft is not meldt opp.
    const utkast = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'U', tittel: 'Brev under arbeid' });
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${utkast}/meld-opp`, { moeteId }), 409, 'status_conflict');
  });

  it('records the vedtak once, by the archive or the unit’s leader', async () => {
    const s = await godkjent({ journalposttype: 'S', tittel: 'Saksframlegg - vedtak' });
    const us = (await som(ctx, w.sbh).post(`/api/journalposter/${s}/meld-opp`, { moeteId })).body.systemId;
    expectProblem(await som(ctx, w.sbh).post(`/api/utvalgssaker/${us}/vedtak`, { vedtak: 'Vedtatt' }), 403, 'forbidden');
    expect((await som(ctx, w.leder).post(`/api/utvalgssaker/${us}/vedtak`, { vedtak: 'Innstillingen vedtas enstemmig' })).status).toBe(204);
    expectProblem(await som(ctx, w.ark).post(`/api/utvalgssaker/${us}/vedtak`, { vedtak: 'Igjen' }), 409, 'status_conflict');
    const h = (await som(ctx, w.sbh).get(`/api/journalposter/${s}/historikk`)).body.map((x: { handling: string }) => x.handling);
    expect(h).toEqual(expect.arrayContaining(['meldt_opp_til_utvalg', 'vedtak_registrert']));
  });
  it('§8 the saksliste hides a screened item’s line 2 and vedtak from who does not see through', async () => {
    const s = await godkjent({ journalposttype: 'S', tittel: 'Saksframlegg - barnevern', tittel2: 'Navn på barnet', skjerming: { tilgangskode: 'U', skjermingsnivaa: 2, skjermingshjemmel: 'Offl. § 13' } });
    const us = (await som(ctx, w.sbh).post(`/api/journalposter/${s}/meld-opp`, { moeteId })).body.systemId;
    expect((await som(ctx, w.leder).post(`/api/utvalgssaker/${us}/vedtak`, { vedtak: 'Tiltak for barnet vedtas' })).status).toBe(204);
    const item = async (actor: typeof w.sbh) => {
      const res = await som(ctx, actor).get(`/api/moeter/${moeteId}/saker`);
      const u = res.body.find((x: { systemId: string }) => x.systemId === us);
      return { tittel: u.tittel, tittel2: u.tittel2, vedtak: u.vedtak, skjultNivaa: u.skjultNivaa, leak: JSON.stringify(res.body).includes('barnet') };
    };
    // Listed for everyone with the public line 1; the rest only for who holds U (or handles it).
    expect(await item(w.fremmed)).toEqual({ tittel: 'Saksframlegg - barnevern', tittel2: '*****', vedtak: '*****', skjultNivaa: 2, leak: false });
    expect(await item(w.leder)).toEqual({ tittel: 'Saksframlegg - barnevern', tittel2: 'Navn på barnet', vedtak: 'Tiltak for barnet vedtas', skjultNivaa: 0, leak: true });
    expect(await item(w.sbh)).toMatchObject({ tittel2: 'Navn på barnet', skjultNivaa: 0 });
  });
});
