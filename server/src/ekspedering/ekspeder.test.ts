import { createTestContext, type TestContext } from '../test/context';
import { buildJournalpost, buildSak, buildWorld } from '../test/factories';
import { expectProblem, som } from '../test/http';

/** §10.4 letters, §10.7 ekspedere, §10.8 notater: "Ekspeder" as a step. */
describe('§10.7 / §10.8 Ekspedering', () => {
  let ctx: TestContext;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  let sakId: string;
  beforeAll(async () => {
    ctx = await createTestContext();
    w = await buildWorld(ctx.db);
    sakId = await buildSak(ctx.db, w.sbh);
  });
  afterAll(() => ctx.close());

  it('sets E and records the chosen channel per recipient', async () => {
    const id = await buildJournalpost(ctx.db, w.sbh, sakId, {
      korrespondanseparter: [
        { korrespondanseparttype: 'EM', navn: 'Med e-post', epostadresse: 'a@example.org' },
        { korrespondanseparttype: 'EM', navn: 'Med papir', postadresse: 'Gata 1' },
      ],
    });
    const jp = (await som(ctx, w.sbh).get(`/api/journalposter/${id}`)).body;
    const papir = jp.korrespondanseparter.find((p: { navn: string }) => p.navn === 'Med papir').systemId;
    const res = await som(ctx, w.sbh).post(`/api/journalposter/${id}/ekspeder`, { mottakere: [{ korrespondansepartId: papir, kanal: 'papir' }] });
    expect(res.status).toBe(200);
    expect(res.body.journalstatus).toBe('E');
    expect(res.body.sendtDato).not.toBeNull();
    const rows = await ctx.db.selectFrom('ekspedering').select(['mottakerNavn', 'kanal']).where('journalpostId', '=', id).orderBy('mottakerNavn').execute();
    expect(rows).toEqual([
      { mottakerNavn: 'Med e-post', kanal: 'epost' },
      { mottakerNavn: 'Med papir', kanal: 'papir' },
    ]);
    // Locked now: a second expedition is a status conflict.
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${id}/ekspeder`, {}), 409, 'status_conflict');
    expectProblem(await som(ctx, w.sbh).patch(`/api/journalposter/${id}`, { tittel: 'Endret' }), 409, 'journalpost_locked');
  });

  it('stops an e-mail recipient without address, and a letter without recipient (422), writing nothing', async () => {
    const id = await buildJournalpost(ctx.db, w.sbh, sakId, { korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Uten adresse' }] });
    const jp = (await som(ctx, w.sbh).get(`/api/journalposter/${id}`)).body;
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${id}/ekspeder`, { mottakere: [{ korrespondansepartId: jp.korrespondanseparter[0].systemId, kanal: 'epost' }] }), 422, 'recipient_missing');
    const tom = await buildJournalpost(ctx.db, w.sbh, sakId);
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${tom}/ekspeder`, {}), 422, 'recipient_missing');
    expect((await som(ctx, w.sbh).get(`/api/journalposter/${id}`)).body.journalstatus).toBe('R');
  });

  it('sends an N-notat to its internal recipients’ Ubehandlet with restanse; kopimottakere get it in Kopier', async () => {
    const id = await buildJournalpost(ctx.db, w.sbh, sakId, {
      journalposttype: 'N',
      tittel: 'Notat om oppfølging',
      korrespondanseparter: [
        { korrespondanseparttype: 'IM', navn: 'Kollega', brukerId: w.sbh2.bruker.systemId },
        { korrespondanseparttype: 'IK', navn: 'Leder', brukerId: w.leder.bruker.systemId },
      ],
    });
    const ubehandlet = async () => (await som(ctx, w.sbh2).get('/api/kurver/ubehandlet')).body.map((i: { systemId: string }) => i.systemId);
    expect(await ubehandlet()).not.toContain(id);
    const res = await som(ctx, w.sbh).post(`/api/journalposter/${id}/ekspeder`, {});
    expect(res.body).toMatchObject({ journalstatus: 'E', restanse: true });
    expect(await ubehandlet()).toContain(id);
    expect((await som(ctx, w.leder).get('/api/kurver/kopier')).body.map((i: { nummer: string; tittel: string }) => i.tittel)).toContain('Notat om oppfølging');
    // The recipient follows it up and may avskrive it (NX/BX/TE...).
    const avs = await som(ctx, w.sbh2).post(`/api/journalposter/${id}/avskrivninger`, { avskrivningsmaate: 'TE' });
    expect(avs.body.restanse).toBe(false);
    expect(await ubehandlet()).not.toContain(id);
  });

  it('an X-notat never carries restanse, and an N without internal recipient is refused (422)', async () => {
    const x = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'X' });
    const res = await som(ctx, w.sbh).post(`/api/journalposter/${x}/ekspeder`, {});
    expect(res.body).toMatchObject({ journalstatus: 'E', restanse: false });
    const n = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'N' });
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${n}/ekspeder`, {}), 422, 'recipient_missing');
  });

  it('refuses strangers (403)', async () => {
    const id = await buildJournalpost(ctx.db, w.sbh, sakId, { korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'X', postadresse: 'Y' }] });
    expectProblem(await som(ctx, w.fremmed).post(`/api/journalposter/${id}/ekspeder`, {}), 403, 'forbidden');
  });
});
