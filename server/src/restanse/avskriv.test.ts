import type { TestContext } from '../test/context';
import { buildDokument, buildJournalpost, buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { openWorld, type World } from '../test/world';
import { omDager } from '../test/dato';

/** Restanse and avskrivning: manual §5 (table), §10.2.1 (without written answer), §10.2.2 (in writing). */
describe('§5 / §10.2.1 Restanse og avskrivning', () => {
  let ctx: TestContext;
  let w: World;
  let sakId: string;
  beforeAll(async () => {
    ({ ctx, w } = await openWorld({ ARKIV_FORFALLSDAGER: 'I=21,N=7' }));
    sakId = await buildSak(ctx.db, w.sbh);
  });
  afterAll(() => ctx.close());

  const innkommende = (tittel?: string) => buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', saksbehandlerId: w.sbh.bruker.systemId, ...(tittel ? { tittel } : {}) });

  it('gives I restanse from registration, N and U (only with a forfallsdato) once sent, X and S never; default forfallsdato per dokumenttype from configuration', async () => {
    const sbh = som(ctx, w.sbh);
    const opprett = (body: object) => sbh.post(`/api/saker/${sakId}/journalposter`, body);
    const i = (await opprett({ journalposttype: 'I', tittel: 'Inn 1', korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'A' }] })).body;
    const n = (await opprett({ journalposttype: 'N', tittel: 'Notat N' })).body;
    const u = (await opprett({ journalposttype: 'U', tittel: 'Ut uten frist' })).body;
    const uf = (await opprett({ journalposttype: 'U', tittel: 'Ut med frist', forfallsdato: '2099-01-01' })).body;
    const x = (await opprett({ journalposttype: 'X', tittel: 'Notat X' })).body;
    const s = (await opprett({ journalposttype: 'S', tittel: 'Saksframlegg' })).body;
    // Drafts (R) of what the municipality writes are not followed up yet (restanse-kurv-rapport.test.ts covers them sent).
    expect([i, n, u, uf, x, s].map((j) => j.restanse)).toEqual([true, false, false, false, false, false]);
    const plus = omDager;
    expect(i.forfallsdato).toBe(plus(21));
    expect(n.forfallsdato).toBe(plus(7));
    expect([u.forfallsdato, x.forfallsdato, s.forfallsdato]).toEqual([null, null, null]);
    expect(i.journalstatus).toBe('S'); // §3.1: a SBH registers incoming post himself in S
  });

  it('avskriver with TE and removes the restanse', async () => {
    const id = await innkommende();
    const res = await som(ctx, w.sbh).post(`/api/journalposter/${id}/avskrivninger`, { avskrivningsmaate: 'TE' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ restanse: false, avskrivninger: [{ avskrivningsmaate: 'TE', ventende: false }] });
    // Nothing left to avskrive.
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${id}/avskrivninger`, { avskrivningsmaate: 'TE' }), 409, 'no_restanse');
  });

  it('refuses TLF without a merknad (422) and keeps the merknad as a formal one when given', async () => {
    const id = await innkommende();
    const sbh = som(ctx, w.sbh);
    expectProblem(await sbh.post(`/api/journalposter/${id}/avskrivninger`, { avskrivningsmaate: 'TLF' }), 422, 'merknad_required');
    expect((await sbh.get(`/api/journalposter/${id}`)).body.avskrivninger).toEqual([]); // never half-written
    const ok = await sbh.post(`/api/journalposter/${id}/avskrivninger`, { avskrivningsmaate: 'TLF', merknad: 'Ringte søker 12.11, avklart' });
    expect(ok.status).toBe(201);
    expect(ok.body.merknader).toEqual([expect.objectContaining({ merknadstype: 'FORMELL', merknadstekst: 'TLF: Ringte søker 12.11, avklart' })]);
  });

  it('allows only the codes the table gives the dokumenttype (422 otherwise)', async () => {
    const id = await innkommende();
    const res = await som(ctx, w.sbh).post(`/api/journalposter/${id}/avskrivninger`, { avskrivningsmaate: 'BI' });
    expectProblem(res, 422, 'avskrivningsmaate_not_allowed');
    const x = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'X' });
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${x}/avskrivninger`, { avskrivningsmaate: 'TE' }), 422, 'avskrivningsmaate_not_allowed');
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${x}/avskrivninger`, { avskrivningsmaate: 'BM' }), 409, 'no_restanse');
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${id}/avskrivninger`, { avskrivningsmaate: 'XYZ' }), 400, 'validation_failed');
  });

  it('*** marks a temporary answer and keeps the restanse', async () => {
    const id = await innkommende();
    const res = await som(ctx, w.sbh).post(`/api/journalposter/${id}/avskrivninger`, { avskrivningsmaate: '***' });
    expect(res.body).toMatchObject({ restanse: true, avskrivninger: [{ avskrivningsmaate: '***', ventende: false }] });
  });

  it('refuses those without rights (403) and unknown journalposter (404)', async () => {
    const id = await innkommende();
    expectProblem(await som(ctx, w.fremmed).post(`/api/journalposter/${id}/avskrivninger`, { avskrivningsmaate: 'TE' }), 403, 'forbidden');
    expectProblem(await som(ctx, w.sbh).post('/api/journalposter/00000000-0000-4000-8000-000000000000/avskrivninger', { avskrivningsmaate: 'TE' }), 404, 'not_found');
  });
});

describe('§10.2.2 Svar skriftlig: the four ways', () => {
  let ctx: TestContext;
  let w: World;
  let sakId: string;
  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    sakId = await buildSak(ctx.db, w.sbh);
  });
  afterAll(() => ctx.close());

  const brev = (navn: string) =>
    buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', saksbehandlerId: w.sbh.bruker.systemId, korrespondanseparter: [{ korrespondanseparttype: 'EA', navn, epostadresse: `${navn.toLowerCase()}@example.org` }] });

  it('1. Avskrivning with an already expedited reply (BU) takes effect at once and references the reply', async () => {
    const inn = await brev('Eva');
    const svar = await buildJournalpost(ctx.db, w.sbh, sakId, { korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Eva', epostadresse: 'eva@example.org' }] });
    await buildDokument(ctx.db, ctx.blobs, w.sbh, svar);
    expect((await som(ctx, w.sbh).post(`/api/journalposter/${svar}/ekspeder`, {})).status).toBe(200);
    const res = await som(ctx, w.sbh).post(`/api/journalposter/${inn}/avskrivninger`, { avskrivningsmaate: 'BU', svarJournalpostId: svar });
    expect(res.body).toMatchObject({ restanse: false, avskrivninger: [{ avskrivningsmaate: 'BU', ventende: false, svarJournalpostId: svar }] });
  });

  it('2. Besvar og avskriv: one reply answers several journalposter, copies the senders, takes effect when expedited', async () => {
    const a = await brev('Anne');
    const b = await brev('Bjørn');
    const sbh = som(ctx, w.sbh);
    const svar = await sbh.post('/api/svar', { maate: 'besvar_og_avskriv', journalpostIds: [a, b], tittel: 'Felles svar' });
    expect(svar.status).toBe(201);
    expect(svar.body.korrespondanseparter.map((p: { navn: string; korrespondanseparttype: string }) => `${p.korrespondanseparttype}:${p.navn}`).sort()).toEqual(['EM:Anne', 'EM:Bjørn']);
    expect((await sbh.get(`/api/journalposter/${a}`)).body.restanse).toBe(true);
    await buildDokument(ctx.db, ctx.blobs, w.sbh, svar.body.systemId);
    expect((await sbh.post(`/api/journalposter/${svar.body.systemId}/ekspeder`, {})).status).toBe(200);
    expect((await sbh.get(`/api/journalposter/${a}`)).body.restanse).toBe(false);
    expect((await sbh.get(`/api/journalposter/${b}`)).body.restanse).toBe(false);
  });

  it('3. Foreløpig svar: when expedited the original is marked *** but keeps its restanse', async () => {
    const a = await brev('Carl');
    const sbh = som(ctx, w.sbh);
    const svar = await sbh.post('/api/svar', { maate: 'forelopig_svar', journalpostIds: [a], tittel: 'Foreløpig svar til Carl' });
    await buildDokument(ctx.db, ctx.blobs, w.sbh, svar.body.systemId);
    expect((await sbh.post(`/api/journalposter/${svar.body.systemId}/ekspeder`, {})).status).toBe(200);
    expect((await sbh.get(`/api/journalposter/${a}`)).body).toMatchObject({ restanse: true, avskrivninger: [{ avskrivningsmaate: '***', ventende: false }] });
  });

  it('4. Besvar uten å avskrive: reply only', async () => {
    const a = await brev('Dag');
    const sbh = som(ctx, w.sbh);
    const svar = await sbh.post('/api/svar', { maate: 'besvar_uten_avskrivning', journalpostIds: [a], tittel: 'Svar til Dag' });
    await buildDokument(ctx.db, ctx.blobs, w.sbh, svar.body.systemId);
    expect((await sbh.post(`/api/journalposter/${svar.body.systemId}/ekspeder`, {})).status).toBe(200);
    expect((await sbh.get(`/api/journalposter/${a}`)).body).toMatchObject({ restanse: true, avskrivninger: [] });
  });

  it('refuses a reply to journalposter of different saker (422) and writes nothing', async () => {
    const a = await brev('Even');
    const annenSak = await buildSak(ctx.db, w.sbh);
    const b = await buildJournalpost(ctx.db, w.sbh, annenSak, { journalposttype: 'I' });
    const before = await ctx.db.selectFrom('journalpost').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expectProblem(await som(ctx, w.sbh).post('/api/svar', { maate: 'besvar_og_avskriv', journalpostIds: [a, b], tittel: 'Svar' }), 422, 'unprocessable');
    const after = await ctx.db.selectFrom('journalpost').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('keeps a screened original’s skjerming on the reply, and refuses a reply without rights on the original (403)', async () => {
    const skjermet = await buildJournalpost(ctx.db, w.dok, sakId, {
      journalposttype: 'I',
      saksbehandlerId: w.sbh.bruker.systemId,
      skjerming: { tilgangskode: 'U', skjermingsnivaa: 3, skjermingshjemmel: 'Offl. § 13' },
      korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Hemmelig Avsender' }],
    });
    expectProblem(await som(ctx, w.sbh2).post('/api/svar', { maate: 'besvar_uten_avskrivning', journalpostIds: [skjermet], tittel: 'Nysgjerrig svar' }), 403, 'forbidden');
    const svar = await som(ctx, w.sbh).post('/api/svar', { maate: 'besvar_uten_avskrivning', journalpostIds: [skjermet], tittel: 'Svar på skjermet brev' });
    expect(svar.body.skjerming).toMatchObject({ tilgangskode: 'U', skjermingsnivaa: 3 });
    // The reply is a screened draft: sbh2 may not even know of it (§6); the dokumentsenter reads it, screened (no U code).
    expectProblem(await som(ctx, w.sbh2).get(`/api/journalposter/${svar.body.systemId}`), 404, 'not_found');
    const sett = (await som(ctx, w.dok).get(`/api/journalposter/${svar.body.systemId}`)).body;
    expect(sett).toMatchObject({ korrespondanseparterSkjermet: true, korrespondanseparter: [] });
  });

  it('refuses a stranger to answer with avskrivning (403), and rolls the reply back', async () => {
    const a = await brev('Frida');
    expectProblem(await som(ctx, w.fremmed).post('/api/svar', { maate: 'besvar_og_avskriv', journalpostIds: [a], tittel: 'Fremmed svar' }), 403, 'forbidden');
    const row = await ctx.db.selectFrom('journalpost').select('systemId').where('tittel', '=', 'Fremmed svar').executeTakeFirst();
    expect(row).toBeUndefined();
  });
});
