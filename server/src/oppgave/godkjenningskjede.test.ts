import type { TestContext } from '../test/context';
import { buildBruker, buildJournalpost, buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { openWorld, type World } from '../test/world';

/**
 * §10.6 / §11.2: a journalpost sent to a chain of approvers goes from one to the next on
 * Godkjent, and only the last approval sets F; the saksbehandler sees where it stands.
 */
describe('§10.6 Godkjenningsløp: a chain of approvers', () => {
  let ctx: TestContext;
  let w: World;
  let sakId: string;
  let leder2: World['leder'];
  type O = { systemId: string; mottaker: { systemId: string }; status: string; svar: string | null; nesteGodkjennere?: { systemId: string; navn: string }[] };
  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    sakId = await buildSak(ctx.db, w.sbh);
    leder2 = await buildBruker(ctx.db, { roller: [['LED', w.annenEnhet.systemId]] });
  });
  afterAll(() => ctx.close());

  const oppgaver = async (jp: string) => (await som(ctx, w.sbh).get(`/api/journalposter/${jp}/oppgaver`)).body as O[];

  it('passes the letter from the first approver to the next on Godkjent; the last approval sets F', async () => {
    const brev = await buildJournalpost(ctx.db, w.sbh, sakId);
    const send = await som(ctx, w.sbh).post(`/api/journalposter/${brev}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId, videre: [leder2.bruker.systemId] });
    expect(send.status).toBe(201);
    const [forste] = send.body as O[];
    expect(forste!.nesteGodkjennere?.map((b) => b.systemId)).toEqual([leder2.bruker.systemId]);
    expect((await som(ctx, w.leder).post(`/api/oppgaver/${forste!.systemId}/svar`, { svar: 'Godkjent' })).body.status).toBe('besvart');
    // Not yet F: the next approver has it now.
    expect((await som(ctx, w.sbh).get(`/api/journalposter/${brev}`)).body.journalstatus).toBe('R');
    const aktive = (await oppgaver(brev)).filter((o) => o.status === 'aktiv');
    expect(aktive.map((o) => o.mottaker.systemId)).toEqual([leder2.bruker.systemId]);
    expect(aktive[0]!.nesteGodkjennere).toBeUndefined();
    const sendt = (await som(ctx, w.sbh).get('/api/kurver/sendt_til_godkjenning')).body as { journalpostId?: string; systemId: string; hos?: string }[];
    expect(sendt.filter((i) => i.systemId === aktive[0]!.systemId || i.journalpostId === brev).length).toBeGreaterThan(0);
    expect((await som(ctx, leder2).post(`/api/oppgaver/${aktive[0]!.systemId}/svar`, { svar: 'Godkjent' })).body.status).toBe('besvart');
    expect((await som(ctx, w.sbh).get(`/api/journalposter/${brev}`)).body.journalstatus).toBe('F');
  });

  it('refuses a chain with the author, a non-leader or the same approver twice, and writes nothing', async () => {
    const brev = await buildJournalpost(ctx.db, w.sbh, sakId);
    const post = (videre: string[]) => som(ctx, w.sbh).post(`/api/journalposter/${brev}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId, videre });
    expectProblem(await post([w.leder.bruker.systemId]), 400, 'validation_failed');
    expectProblem(await post([w.sbh2.bruker.systemId]), 400, 'validation_failed');
    expectProblem(await post([w.sbh.bruker.systemId]), 400, 'validation_failed');
    expect(await oppgaver(brev)).toEqual([]);
  });

  it('Ikke godkjent at the second step goes back to the previous step and ends the chain', async () => {
    const brev = await buildJournalpost(ctx.db, w.sbh, sakId);
    const [forste] = (await som(ctx, w.sbh).post(`/api/journalposter/${brev}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId, videre: [leder2.bruker.systemId] })).body as O[];
    await som(ctx, w.leder).post(`/api/oppgaver/${forste!.systemId}/svar`, { svar: 'Godkjent' });
    const andre = (await oppgaver(brev)).find((o) => o.status === 'aktiv')!;
    expect((await som(ctx, leder2).post(`/api/oppgaver/${andre.systemId}/svar`, { svar: 'Ikke godkjent', merknad: 'Mangler hjemmel' })).status).toBe(200);
    const etter = await oppgaver(brev);
    expect(etter.filter((o) => o.status === 'aktiv').map((o) => o.mottaker.systemId)).toEqual([w.leder.bruker.systemId]);
    expect((await som(ctx, w.sbh).get(`/api/journalposter/${brev}`)).body.journalstatus).toBe('R');
  });

  it('lists the leaders who can approve', async () => {
    const res = await som(ctx, w.sbh).get('/api/godkjennere');
    expect(res.status).toBe(200);
    const ids = (res.body as { systemId: string }[]).map((b) => b.systemId);
    expect(ids).toEqual(expect.arrayContaining([w.leder.bruker.systemId, leder2.bruker.systemId]));
    expect(ids).not.toContain(w.sbh.bruker.systemId);
  });
});
