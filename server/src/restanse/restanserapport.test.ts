import type { TestContext } from '../test/context';
import { buildJournalpost, buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { openWorld, type World } from '../test/world';
import { idag } from '../test/dato';

/** §11.1 Restanserapport: a leader's unit and per saksbehandler over a period; criteria remembered. */
describe('§11.1 Restanserapport', () => {
  let ctx: TestContext;
  let w: World;
  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    const sakId = await buildSak(ctx.db, w.sbh);
    await buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', saksbehandlerId: w.sbh.bruker.systemId, forfallsdato: '2020-01-01' });
    await buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', saksbehandlerId: w.sbh2.bruker.systemId, forfallsdato: '2099-01-01' });
    const avskrevet = await buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', saksbehandlerId: w.sbh2.bruker.systemId });
    await som(ctx, w.sbh2).post(`/api/journalposter/${avskrevet}/avskrivninger`, { avskrivningsmaate: 'TE' });
    await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'X' });
  });
  afterAll(() => ctx.close());

  it('gives the leader the unit’s restanser per saksbehandler, with what is past due', async () => {
    const res = await som(ctx, w.leder).get(`/api/rapporter/restanse?enhetId=${w.enhet.systemId}`);
    expect(res.status).toBe(200);
    expect(res.body.journalposter).toHaveLength(2);
    const per = Object.fromEntries(res.body.perSaksbehandler.map((p: { saksbehandler: { systemId: string }; antall: number; forfalt: number }) => [p.saksbehandler.systemId, [p.antall, p.forfalt]]));
    expect(per).toEqual({ [w.sbh.bruker.systemId]: [1, 1], [w.sbh2.bruker.systemId]: [1, 0] });
  });

  it('remembers the last criteria', async () => {
    const iDag = idag();
    await som(ctx, w.leder).get(`/api/rapporter/restanse?saksbehandlerId=${w.sbh2.bruker.systemId}&fra=2000-01-01&til=${iDag}`);
    const igjen = await som(ctx, w.leder).get('/api/rapporter/restanse');
    expect(igjen.body.kriterier).toEqual({ saksbehandlerId: w.sbh2.bruker.systemId, fra: '2000-01-01', til: iDag });
    expect(igjen.body.journalposter).toHaveLength(1);
    const tom = await som(ctx, w.leder).get('/api/rapporter/restanse?fra=2000-01-01&til=2000-12-31&enhetId=' + w.enhet.systemId);
    expect(tom.body.journalposter).toEqual([]);
  });

  it('a SBH sees only his own; other units are the leader’s business (403); bad dates 400', async () => {
    const own = await som(ctx, w.sbh).get('/api/rapporter/restanse');
    expect(own.body.kriterier.saksbehandlerId).toBe(w.sbh.bruker.systemId);
    expect(own.body.journalposter).toHaveLength(1);
    expectProblem(await som(ctx, w.sbh).get(`/api/rapporter/restanse?enhetId=${w.enhet.systemId}`), 403, 'forbidden');
    expectProblem(await som(ctx, w.sbh).get(`/api/rapporter/restanse?saksbehandlerId=${w.sbh2.bruker.systemId}`), 403, 'forbidden');
    expectProblem(await som(ctx, w.leder).get(`/api/rapporter/restanse?enhetId=${w.annenEnhet.systemId}`), 403, 'forbidden');
    expectProblem(await som(ctx, w.leder).get('/api/rapporter/restanse?fra=2020-02-01&til=2020-01-01'), 400, 'validation_failed');
  });
});
