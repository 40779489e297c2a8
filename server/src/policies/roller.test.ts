import type { TestContext } from '../test/context';
import { buildJournalpost, buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { openWorld, type World } from '../test/world';
import { idag } from '../test/dato';

/** Manual §6 (roles) and §11.3/§12.9 (stedfortreder), through the API. */
describe('§6 Roller og rettigheter', () => {
  let ctx: TestContext;
  let w: World;
  let sakId: string;
  let jpId: string;
  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    sakId = await buildSak(ctx.db, w.sbh);
    jpId = await buildJournalpost(ctx.db, w.sbh, sakId, { korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Mottaker AS' }] });
  });
  afterAll(() => ctx.close());

  it('tells each role what it may do with a journalpost (abilities), so no client re-implements the rules', async () => {
    const abilities = async (actor: typeof w.sbh) => (await som(ctx, actor).get(`/api/journalposter/${jpId}`)).body.abilities;
    expect(await abilities(w.sbh)).toMatchObject({ update: true, sendTilGodkjenning: true, ekspeder: true, feilregistrer: true, journalfoer: false, flytt: false });
    expect(await abilities(w.sbh2)).toMatchObject({ update: false, ekspeder: false, feilregistrer: false });
    expect(await abilities(w.fremmed)).toMatchObject({ read: true, update: false, fordel: false });
    expect(await abilities(w.leder)).toMatchObject({ update: true, fordel: true, journalfoer: false, flytt: false });
    expect(await abilities(w.ark)).toMatchObject({ update: true, feilregistrer: true, flytt: true, journalfoer: false });
    expect(await abilities(w.dok)).toMatchObject({ feilregistrer: true, flytt: false });
  });

  it('tells each role what it may do with a sak: only the archive checks, closes and reopens', async () => {
    const abilities = async (actor: typeof w.sbh) => (await som(ctx, actor).get(`/api/saker/${sakId}`)).body.abilities;
    expect(await abilities(w.sbh)).toMatchObject({ update: true, addJournalpost: true, avslutt: false, kontroller: false, utgaar: false });
    expect(await abilities(w.fremmed)).toMatchObject({ update: false, addJournalpost: false });
    expect(await abilities(w.leder)).toMatchObject({ update: true, avslutt: false });
    expect(await abilities(w.ark)).toMatchObject({ kontroller: true, avslutt: true, gjenaapne: false, utgaar: true });
    expect(await abilities(w.dok)).toMatchObject({ kontroller: true, avslutt: false, utgaar: true });
  });

  it('the saksansvarlig has rights on every journalpost of the sak, also those of others', async () => {
    const annen = await buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', saksbehandlerId: w.sbh2.bruker.systemId });
    const res = await som(ctx, w.sbh).patch(`/api/journalposter/${annen}`, { beskrivelse: 'Saksansvarlig retter' });
    expect(res.status).toBe(200);
    expectProblem(await som(ctx, w.fremmed).patch(`/api/journalposter/${annen}`, { beskrivelse: 'x' }), 403, 'forbidden');
  });

  it('the saksansvarlig gives a user of another unit access to add journalposter', async () => {
    const res = await som(ctx, w.fremmed).post(`/api/saker/${sakId}/journalposter`, { journalposttype: 'U', tittel: 'Fra annen enhet' });
    expectProblem(res, 403, 'forbidden');
    expectProblem(await som(ctx, w.sbh2).post(`/api/saker/${sakId}/tilganger`, { brukerId: w.fremmed.bruker.systemId }), 403, 'forbidden');
    const gitt = await som(ctx, w.sbh).post(`/api/saker/${sakId}/tilganger`, { brukerId: w.fremmed.bruker.systemId });
    expect(gitt.status).toBe(200);
    expect((await som(ctx, w.fremmed).get(`/api/saker/${sakId}`)).body.abilities).toMatchObject({ addJournalpost: true, update: false });
    expect((await som(ctx, w.fremmed).post(`/api/saker/${sakId}/journalposter`, { journalposttype: 'U', tittel: 'Fra annen enhet' })).status).toBe(201);
  });

  it('refuses a SBH who gives a journalpost to someone outside the sak’s unit at registration (403)', async () => {
    const res = await som(ctx, w.sbh).post(`/api/saker/${sakId}/journalposter`, { journalposttype: 'U', tittel: 'Til fremmed', saksbehandlerId: w.fremmed.bruker.systemId });
    expectProblem(res, 403, 'forbidden');
  });
});

describe('§11.3 / §12.9 Stedfortreder', () => {
  let ctx: TestContext;
  let w: World;
  beforeAll(async () => ({ ctx, w } = await openWorld()));
  afterAll(() => ctx.close());


  it('a leader names a deputy who then acts on the leader’s desk, recorded as on behalf of the leader', async () => {
    const sakId = await buildSak(ctx.db, w.sbh);
    const jpId = await buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', saksbehandlerId: w.sbh.bruker.systemId });
    // Without an appointment sbh2 cannot take the leader's desk.
    expectProblem(await som(ctx, w.sbh2, { paaVegneAv: w.leder.bruker.systemId }).get('/api/kurver'), 403, 'forbidden');

    const opp = await som(ctx, w.leder).post('/api/stedfortredere', { stedfortrederId: w.sbh2.bruker.systemId, fraDato: idag(), tilDato: '2099-12-31', tilgangskoder: ['U'] });
    expect(opp.status).toBe(201);
    const deputy = som(ctx, w.sbh2, { paaVegneAv: w.leder.bruker.systemId });
    // On the leader's desk the deputy distributes within the unit like the leader.
    const res = await deputy.post(`/api/journalposter/${jpId}/fordel`, { forfallsdato: '2099-01-01' });
    expect(res.status).toBe(200);
    const meg = (await deputy.get('/api/meg/pult')).body;
    expect(meg).toMatchObject({ bruker: { systemId: w.sbh2.bruker.systemId }, paaVegneAv: { systemId: w.leder.bruker.systemId }, stedfortrederFor: [{ systemId: w.leder.bruker.systemId }] });
    const h = (await som(ctx, w.leder).get(`/api/journalposter/${jpId}/historikk`)).body.find((x: { handling: string }) => x.handling === 'journalpost_fordelt');
    expect(h.bruker.systemId).toBe(w.sbh2.bruker.systemId);
    expect(h.paaVegneAv.systemId).toBe(w.leder.bruker.systemId);
  });

  it('refuses to name deputies for someone else unless archive, and codes the leader does not hold', async () => {
    expectProblem(await som(ctx, w.sbh).post('/api/stedfortredere', { lederId: w.leder.bruker.systemId, stedfortrederId: w.sbh.bruker.systemId, fraDato: idag(), tilDato: idag() }), 403, 'forbidden');
    expectProblem(await som(ctx, w.leder).post('/api/stedfortredere', { stedfortrederId: w.sbh.bruker.systemId, fraDato: idag(), tilDato: idag(), tilgangskoder: ['P'] }), 400, 'validation_failed');
    expectProblem(await som(ctx, w.leder).post('/api/stedfortredere', { stedfortrederId: w.sbh.bruker.systemId, fraDato: '2030-01-02', tilDato: '2030-01-01' }), 400, 'validation_failed');
    // The archive names a deputy in acute absence.
    expect((await som(ctx, w.ark).post('/api/stedfortredere', { lederId: w.leder.bruker.systemId, stedfortrederId: w.sbh.bruker.systemId, fraDato: idag(), tilDato: idag() })).status).toBe(201);
  });

  it('a period that has not started gives no access', async () => {
    await som(ctx, w.leder).post('/api/stedfortredere', { stedfortrederId: w.fremmed.bruker.systemId, fraDato: '2099-01-01', tilDato: '2099-01-31' });
    expectProblem(await som(ctx, w.fremmed, { paaVegneAv: w.leder.bruker.systemId }).get('/api/kurver'), 403, 'forbidden');
  });
});
