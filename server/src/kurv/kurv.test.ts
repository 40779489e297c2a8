import type { TestContext } from '../test/context';
import { buildJournalpost, buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { openWorld, type World } from '../test/world';
import { omDager } from '../test/dato';

/** DOMAIN.md §5 the baskets on the desk, and §12.5 OBS-dato. */
describe('§5 Kurver på arbeidsbordet', () => {
  let ctx: TestContext;
  let w: World;
  beforeAll(async () => ({ ctx, w } = await openWorld()));
  afterAll(() => ctx.close());

  const dag = omDager;
  const antall = async (actor: typeof w.sbh, opts = {}) =>
    Object.fromEntries((await som(ctx, actor, opts).get('/api/kurver')).body.map((k: { kurv: string; antall: number }) => [k.kurv, k.antall]));

  it('counts every basket for the user, and for the leader a deputy works for', async () => {
    const sakId = await buildSak(ctx.db, w.leder, { tittel: 'Lederens sak' });
    await buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', saksbehandlerId: w.leder.bruker.systemId, forfallsdato: dag(10) });
    await buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', saksbehandlerId: w.leder.bruker.systemId, forfallsdato: dag(-1) });
    await buildJournalpost(ctx.db, w.leder, sakId, { journalposttype: 'U' });
    await som(ctx, w.leder).patch(`/api/saker/${sakId}`, { obsDato: dag(3), obsKommentar: 'Purre på uttalelse' });
    await som(ctx, w.leder).get(`/api/saker/${sakId}`);

    const forventet = { ubehandlet: 1, forfall: 1, dokumenter_i_arbeid: 1, obs_saker: 1, mine_saker: 1, siste_saksmapper: 1, mottatte_oppgaver: 0, kopier: 0, sendt_til_godkjenning: 0, mottatt_for_godkjenning: 0 };
    expect(await antall(w.leder)).toEqual(forventet);
    expect(await antall(w.sbh2)).toMatchObject({ ubehandlet: 0, forfall: 0, mine_saker: 0 });

    await som(ctx, w.leder).post('/api/stedfortredere', { stedfortrederId: w.sbh2.bruker.systemId, fraDato: dag(0), tilDato: dag(7) });
    expect(await antall(w.sbh2, { paaVegneAv: w.leder.bruker.systemId })).toEqual(forventet);
  });

  it('§12.5 OBS-saker shows a sak from 5 days before the OBS-dato, until cleared by hand', async () => {
    const tidlig = await buildSak(ctx.db, w.sbh, { tittel: 'OBS om seks dager' });
    const snart = await buildSak(ctx.db, w.sbh, { tittel: 'OBS om fem dager' });
    await som(ctx, w.sbh).patch(`/api/saker/${tidlig}`, { obsDato: dag(6), obsKommentar: 'Ikke ennå' });
    await som(ctx, w.sbh).patch(`/api/saker/${snart}`, { obsDato: dag(5), obsKommentar: 'Nå' });
    const obs = async () => (await som(ctx, w.sbh).get('/api/kurver/obs_saker')).body.map((i: { tittel: string }) => i.tittel);
    expect(await obs()).toEqual(['OBS om fem dager']);
    await som(ctx, w.sbh).patch(`/api/saker/${snart}`, { obsDato: null, obsKommentar: null });
    expect(await obs()).toEqual([]);
  });

  it('a leader sees the unit’s Dokumenter i arbeid; others may not (403)', async () => {
    const sakId = await buildSak(ctx.db, w.sbh);
    const utkast = await buildJournalpost(ctx.db, w.sbh, sakId, { tittel: 'Utkast i enheten' });
    const sett = (await som(ctx, w.leder).get(`/api/kurver/dokumenter_i_arbeid?enhetId=${w.enhet.systemId}`)).body.map((i: { systemId: string }) => i.systemId);
    expect(sett).toContain(utkast);
    expectProblem(await som(ctx, w.sbh2).get(`/api/kurver/dokumenter_i_arbeid?enhetId=${w.enhet.systemId}`), 403, 'forbidden');
    expectProblem(await som(ctx, w.leder).get(`/api/kurver/dokumenter_i_arbeid?enhetId=${w.annenEnhet.systemId}`), 403, 'forbidden');
  });

  it('refuses an unknown basket (400)', async () => {
    expectProblem(await som(ctx, w.sbh).get('/api/kurver/tull'), 400, 'validation_failed');
  });
});
