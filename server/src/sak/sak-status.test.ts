import type { TestContext } from '../test/context';
import { buildJournalpost, buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { openWorld, type World } from '../test/world';

/** The archive's steps: §5 (journalføring, B, A), §12.6 feilregistrering, §12.7 flytting, §12.8 Utgår. */
describe('§5 Arkivets steg på saken', () => {
  let ctx: TestContext;
  let w: World;
  beforeAll(async () => ({ ctx, w } = await openWorld()));
  afterAll(() => ctx.close());

  it('the archive checks a sak R → B; others may not (403); twice is a conflict (409)', async () => {
    const sakId = await buildSak(ctx.db, w.sbh);
    expectProblem(await som(ctx, w.sbh).post(`/api/saker/${sakId}/status`, { handling: 'kontroller' }), 403, 'forbidden');
    expect((await som(ctx, w.dok).post(`/api/saker/${sakId}/status`, { handling: 'kontroller' })).body.saksstatus).toBe('B');
    expectProblem(await som(ctx, w.dok).post(`/api/saker/${sakId}/status`, { handling: 'kontroller' }), 409, 'status_conflict');
  });

  it('refuses to close a sak with restanse or journalposter not journalført, listing them; closes when clean; only ARK reopens', async () => {
    const sakId = await buildSak(ctx.db, w.sbh);
    const inn = await buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', saksbehandlerId: w.sbh.bruker.systemId, tittel: 'Søknad' });
    const x = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'X', tittel: 'Internt notat' });
    const ark = som(ctx, w.ark);
    expectProblem(await som(ctx, w.dok).post(`/api/saker/${sakId}/status`, { handling: 'avslutt' }), 403, 'forbidden');
    const nei = await ark.post(`/api/saker/${sakId}/status`, { handling: 'avslutt' });
    expectProblem(nei, 409, 'sak_not_closable');
    expect(nei.body.blokkerende.map((b: { tittel: string; grunner: string[] }) => [b.tittel, b.grunner])).toEqual([
      ['Søknad', ['restanse', 'ikke_journalfoert']],
      ['Internt notat', ['ikke_journalfoert']],
    ]);
    await ark.post(`/api/journalposter/${inn}/journalfoer`);
    await som(ctx, w.sbh).post(`/api/journalposter/${x}/ekspeder`, {});
    await ark.post(`/api/journalposter/${x}/journalfoer`);
    const fortsatt = await ark.post(`/api/saker/${sakId}/status`, { handling: 'avslutt' });
    expect(fortsatt.body.blokkerende).toEqual([expect.objectContaining({ tittel: 'Søknad', grunner: ['restanse'] })]);
    await som(ctx, w.sbh).post(`/api/journalposter/${inn}/avskrivninger`, { avskrivningsmaate: 'TE' });
    const lukket = await ark.post(`/api/saker/${sakId}/status`, { handling: 'avslutt' });
    expect(lukket.body).toMatchObject({ saksstatus: 'A', abilities: { gjenaapne: true, addJournalpost: false } });
    expect(lukket.body.avsluttetDato).not.toBeNull();
    expectProblem(await som(ctx, w.sbh).post(`/api/saker/${sakId}/journalposter`, { journalposttype: 'U', tittel: 'For sent' }), 409, 'sak_closed');
    expectProblem(await som(ctx, w.dok).post(`/api/saker/${sakId}/status`, { handling: 'gjenaapne' }), 403, 'forbidden');
    expect((await ark.post(`/api/saker/${sakId}/status`, { handling: 'gjenaapne' })).body).toMatchObject({ saksstatus: 'B', avsluttetDato: null });
  });

  it('§12.8 Utgår: the dokumentsenter sets U and UTGÅR in the title', async () => {
    const sakId = await buildSak(ctx.db, w.sbh, { tittel: 'Feil opprettet' });
    const res = await som(ctx, w.dok).post(`/api/saker/${sakId}/status`, { handling: 'utgaar' });
    expect(res.body).toMatchObject({ saksstatus: 'U', tittel: 'UTGÅR - Feil opprettet' });
    expectProblem(await som(ctx, w.sbh).post(`/api/saker/${sakId}/status`, { handling: 'utgaar' }), 403, 'forbidden');
    expectProblem(await som(ctx, w.sbh).post(`/api/saker/${sakId}/status`, { handling: 'slett' }), 400, 'validation_failed');
  });

  it('§5 X Ingen oppfølging: the archive sets X on an open sak; it leaves Mine saker, is in historikk, and ARK reopens it', async () => {
    const sakId = await buildSak(ctx.db, w.sbh, { tittel: 'Til orientering fra KS' });
    expectProblem(await som(ctx, w.sbh).post(`/api/saker/${sakId}/status`, { handling: 'ingen_oppfoelging' }), 403, 'forbidden');
    const res = await som(ctx, w.dok).post(`/api/saker/${sakId}/status`, { handling: 'ingen_oppfoelging' });
    expect(res.body).toMatchObject({ saksstatus: 'X', abilities: { ingen_oppfoelging: false, gjenaapne: false } });
    expectProblem(await som(ctx, w.dok).post(`/api/saker/${sakId}/status`, { handling: 'ingen_oppfoelging' }), 409, 'status_conflict');
    const mine = await som(ctx, w.sbh).get('/api/kurver/mine_saker');
    expect(mine.body.map((i: { systemId: string }) => i.systemId)).not.toContain(sakId);
    const h = await ctx.db.selectFrom('historikk').select('data').where('objektId', '=', sakId).where('handling', '=', 'sak_status_endret').executeTakeFirstOrThrow();
    expect(h.data).toMatchObject({ saksstatus: { fra: 'R', til: 'X' }, handling: 'ingen_oppfoelging' });
    expectProblem(await som(ctx, w.dok).post(`/api/saker/${sakId}/status`, { handling: 'gjenaapne' }), 403, 'forbidden');
    expect((await som(ctx, w.ark).post(`/api/saker/${sakId}/status`, { handling: 'gjenaapne' })).body.saksstatus).toBe('B');
  });
});

describe('§12.6 Feilregistrering and §12.7 flytting', () => {
  let ctx: TestContext;
  let w: World;
  let sakId: string;
  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    sakId = await buildSak(ctx.db, w.sbh);
  });
  afterAll(() => ctx.close());

  it('a SBH feilregistrerer own journalposter in R or S; the journalpost is gone from read paths but its history is kept', async () => {
    const id = await buildJournalpost(ctx.db, w.sbh, sakId);
    expectProblem(await som(ctx, w.sbh2).post(`/api/journalposter/${id}/feilregistrer`), 403, 'forbidden');
    expect((await som(ctx, w.sbh).post(`/api/journalposter/${id}/feilregistrer`)).status).toBe(204);
    expectProblem(await som(ctx, w.sbh).get(`/api/journalposter/${id}`), 404, 'not_found');
    expect((await som(ctx, w.sbh).get(`/api/saker/${sakId}/journalposter`)).body.items.map((j: { systemId: string }) => j.systemId)).not.toContain(id);
    const h = (await som(ctx, w.sbh).get(`/api/saker/${sakId}/historikk`)).body.map((x: { handling: string }) => x.handling);
    expect(h).toContain('journalpost_feilregistrert');
  });

  it('a locked journalpost is for the archive to feilregistrere (409 for the SBH)', async () => {
    const id = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'X' });
    await som(ctx, w.sbh).post(`/api/journalposter/${id}/ekspeder`, {});
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${id}/feilregistrer`), 409, 'journalpost_locked');
    expect((await som(ctx, w.dok).post(`/api/journalposter/${id}/feilregistrer`)).status).toBe(204);
  });

  it('only ARK moves a journalpost to another sak; it gets the next dokumentnummer there and keeps its history', async () => {
    const id = await buildJournalpost(ctx.db, w.sbh, sakId, { tittel: 'Hører til annen sak' });
    const annen = await buildSak(ctx.db, w.sbh);
    await buildJournalpost(ctx.db, w.sbh, annen);
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${id}/flytt`, { sakId: annen }), 403, 'forbidden');
    expectProblem(await som(ctx, w.dok).post(`/api/journalposter/${id}/flytt`, { sakId: annen }), 403, 'forbidden');
    const res = await som(ctx, w.ark).post(`/api/journalposter/${id}/flytt`, { sakId: annen });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sakId: annen, dokumentnummer: 2 });
    const h = (await som(ctx, w.ark).get(`/api/journalposter/${id}/historikk`)).body.map((x: { handling: string }) => x.handling);
    expect(h).toEqual(expect.arrayContaining(['journalpost_opprettet', 'journalpost_flyttet']));
    expectProblem(await som(ctx, w.ark).post(`/api/journalposter/${id}/flytt`, { sakId: '00000000-0000-4000-8000-000000000000' }), 404, 'not_found');
  });
});
