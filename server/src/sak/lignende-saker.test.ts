import type { TestContext } from '../test/context';
import { buildJournalpost, buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { likhet } from './lignende-saker';
import { openWorld, type World } from '../test/world';

/** §4 Good habits: search before creating a sak; no repeated titles in a sak or a journalpost. */
describe('§4 Gode vaner', () => {
  let ctx: TestContext;
  let w: World;
  beforeAll(async () => ({ ctx, w } = await openWorld()));
  afterAll(() => ctx.close());

  it('compares titles by their significant words', () => {
    expect(likhet('Byggesak Storgata 3 tilbygg', 'Storgata 3 - tilbygg, byggesak')).toBe(1);
    expect(likhet('Skjenkebevilling Kafé Fjord', 'Tilskudd til lag')).toBe(0);
  });

  it('warns about existing saker with similar titles when a sak is created, and offers the search before', async () => {
    const eldre = await buildSak(ctx.db, w.sbh, { tittel: 'Gnr 5 bnr 7 - Fjellveien 10 - søknad om garasje' });
    const res = await som(ctx, w.sbh).post('/api/saker', { tittel: 'Fjellveien 10 søknad garasje', sakstype: 'BS' });
    expect(res.status).toBe(201);
    expect(res.body.advarsler).toEqual([expect.objectContaining({ kode: 'lignende_sak', sakId: eldre })]);
    const annen = await som(ctx, w.sbh).post('/api/saker', { tittel: 'Helt annen sak om vannverk', sakstype: 'GS' });
    expect(annen.body.advarsler).toEqual([]);
    const søk = await som(ctx, w.sbh).get(`/api/saker/lignende?tittel=${encodeURIComponent('Søknad om garasje Fjellveien 10')}`);
    expect(søk.body.map((s: { sakId: string }) => s.sakId)).toEqual(expect.arrayContaining([eldre]));
  });

  it('warns about a journalpost title repeated in the same sak, and registers it', async () => {
    const sakId = await buildSak(ctx.db, w.sbh);
    const forste = await buildJournalpost(ctx.db, w.sbh, sakId, { tittel: 'Svar til søker' });
    const res = await som(ctx, w.sbh).post(`/api/saker/${sakId}/journalposter`, { journalposttype: 'U', tittel: ' svar til SØKER ' });
    expect(res.status).toBe(201);
    expect(res.body.advarsler).toEqual([expect.objectContaining({ kode: 'lik_tittel', lenke: `/api/journalposter/${forste}` })]);
  });
});
