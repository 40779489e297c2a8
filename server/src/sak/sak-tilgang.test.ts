import type { TestContext } from '../test/context';
import { buildJournalpost, buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { openWorld, type World } from '../test/world';

/**
 * §6 (SA "grants others access to add journalposter") and §10.4/§10.5/§10.8: "Dersom du ikke
 * får tilgang til å opprette nye journalposter i saken, kontakter du saksansvarlig for å få
 * nødvendige tilganger." Being in the sak's unit is not enough.
 */
describe('§6 Tilgang til å legge journalposter i en annens sak', () => {
  let ctx: TestContext;
  let w: World;
  let sakId: string;
  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    sakId = await buildSak(ctx.db, w.sbh, { tittel: 'Sak med saksansvarlig sbh' });
  });
  afterAll(() => ctx.close());

  const nyJp = (tittel: string) => ({ journalposttype: 'U', tittel });
  const handlinger = async () =>
    ((await som(ctx, w.ark).get(`/api/saker/${sakId}/historikk`)).body as { handling: string; data: { brukerId?: string } }[]).filter((h) => h.handling.startsWith('sak_tilgang'));

  it('a saksbehandler of the same unit may not add to another’s sak until the saksansvarlig gives access', async () => {
    expect((await som(ctx, w.sbh2).get(`/api/saker/${sakId}`)).body.abilities).toMatchObject({ addJournalpost: false, giTilgang: false });
    expectProblem(await som(ctx, w.sbh2).post(`/api/saker/${sakId}/journalposter`, nyJp('Uten tilgang')), 403, 'forbidden');
    expect((await som(ctx, w.ark).get(`/api/saker/${sakId}/journalposter`)).body.total).toBe(0);

    // Only the saksansvarlig (or leader, archive) gives access: not the one who wants it.
    expectProblem(await som(ctx, w.sbh2).post(`/api/saker/${sakId}/tilganger`, { brukerId: w.sbh2.bruker.systemId }), 403, 'forbidden');
    const gitt = await som(ctx, w.sbh).post(`/api/saker/${sakId}/tilganger`, { brukerId: w.sbh2.bruker.systemId });
    expect(gitt.status).toBe(200);
    expect((await som(ctx, w.sbh2).get(`/api/saker/${sakId}/tilganger`)).body).toEqual([
      expect.objectContaining({ bruker: expect.objectContaining({ systemId: w.sbh2.bruker.systemId }), gittAv: expect.objectContaining({ systemId: w.sbh.bruker.systemId }) }),
    ]);
    expect((await som(ctx, w.sbh2).get(`/api/saker/${sakId}`)).body.abilities).toMatchObject({ addJournalpost: true, giTilgang: false });
    expect((await som(ctx, w.sbh2).post(`/api/saker/${sakId}/journalposter`, nyJp('Med tilgang'))).status).toBe(201);
  });

  it('the saksansvarlig takes the access back; adding is refused again; both are in historikk', async () => {
    expectProblem(await som(ctx, w.sbh2).delete(`/api/saker/${sakId}/tilganger/${w.sbh2.bruker.systemId}`), 403, 'forbidden');
    const fjernet = await som(ctx, w.sbh).delete(`/api/saker/${sakId}/tilganger/${w.sbh2.bruker.systemId}`);
    expect(fjernet.status).toBe(200);
    expect(fjernet.body.abilities).toMatchObject({ giTilgang: true });
    expect((await som(ctx, w.sbh).get(`/api/saker/${sakId}/tilganger`)).body).toEqual([]);
    expectProblem(await som(ctx, w.sbh2).post(`/api/saker/${sakId}/journalposter`, nyJp('Etter at tilgangen er fjernet')), 403, 'forbidden');
    expectProblem(await som(ctx, w.sbh).delete(`/api/saker/${sakId}/tilganger/${w.sbh2.bruker.systemId}`), 404, 'not_found');
    expect((await handlinger()).map((h) => [h.handling, h.data.brukerId])).toEqual([
      ['sak_tilgang_gitt', w.sbh2.bruker.systemId],
      ['sak_tilgang_fjernet', w.sbh2.bruker.systemId],
    ]);
  });

  it('the saksansvarlig, the unit’s leader and the archive (registering post) add without a grant', async () => {
    for (const actor of [w.sbh, w.leder, w.ark]) expect((await som(ctx, actor).post(`/api/saker/${sakId}/journalposter`, nyJp(`Fra ${actor.bruker.brukernavn}`))).status).toBe(201);
    // §3.1: the dokumentsenter registers incoming post and gives it to a saksbehandler of the unit.
    expect((await som(ctx, w.dok).post(`/api/saker/${sakId}/journalposter`, { journalposttype: 'I', tittel: 'Innkommende brev', saksbehandlerId: w.sbh2.bruker.systemId })).status).toBe(201);
    // The archive gives access too (and takes it back).
    expect((await som(ctx, w.ark).post(`/api/saker/${sakId}/tilganger`, { brukerId: w.fremmed.bruker.systemId })).status).toBe(200);
    expect((await som(ctx, w.ark).delete(`/api/saker/${sakId}/tilganger/${w.fremmed.bruker.systemId}`)).status).toBe(200);
  });

  it('§10.2.2: the saksbehandler of an incoming letter in the sak answers it without a grant (the reply is his own processing)', async () => {
    const inn = await buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', tittel: 'Spørsmål', saksbehandlerId: w.sbh2.bruker.systemId, korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Innbygger' }] });
    const svar = await som(ctx, w.sbh2).post('/api/svar', { maate: 'besvar_og_avskriv', journalpostIds: [inn], tittel: 'Svar på spørsmål' });
    expect(svar.status).toBe(201);
    expect(svar.body).toMatchObject({ sakId, journalposttype: 'U', saksbehandler: { systemId: w.sbh2.bruker.systemId } });
    // But a fresh journalpost of his own in the sak still needs the grant.
    expectProblem(await som(ctx, w.sbh2).post(`/api/saker/${sakId}/journalposter`, nyJp('Eget brev')), 403, 'forbidden');
  });
});
