import type { Actor } from '../auth/actor';
import type { TestContext } from '../test/context';
import { buildBruker, buildJournalpost, buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { openWorld, type World } from '../test/world';
import { idag, omDager } from '../test/dato';

/**
 * §11.3: "Ansvarlig: Leder. Ved akutt fravær registreres stedfortredere av
 * systemansvarlig/arkivleder etter nærmere avtale med ansvarlig leder."
 * §12.9: "Tre inn som stedfortreder i leders/saksbehandlers fravær."
 */
describe('§11.3 / §12.9 who names a stedfortreder, and for whom', () => {
  let ctx: TestContext;
  let w: World;
  let sys: Actor;
  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    sys = await buildBruker(ctx.db, { roller: [['SYS', w.arkivEnhet.systemId]] });
  });
  afterAll(() => ctx.close());

  const oppnevn = (av: Actor, lederId: string, stedfortreder: Actor) =>
    som(ctx, av).post('/api/stedfortredere', { lederId, stedfortrederId: stedfortreder.bruker.systemId, fraDato: idag(), tilDato: idag() });

  it('in acute absence the systemansvarlig and the arkivleder name a leader’s deputy; the dokumentsenter does not', async () => {
    expect((await oppnevn(sys, w.leder.bruker.systemId, w.sbh)).status).toBe(201);
    expect((await oppnevn(w.ark, w.leder.bruker.systemId, w.sbh2)).status).toBe(201);
    expectProblem(await oppnevn(w.dok, w.leder.bruker.systemId, w.fremmed), 403, 'forbidden');
    const deputies = (await som(ctx, w.leder).get('/api/stedfortredere')).body as { stedfortrederId: string }[];
    expect(deputies.map((d) => d.stedfortrederId).sort()).toEqual([w.sbh.bruker.systemId, w.sbh2.bruker.systemId].sort());
  });

  it('§12.9: the leader names a deputy for a saksbehandler of the unit, who takes over the desk and its drafts', async () => {
    const sakId = await buildSak(ctx.db, w.sbh2);
    const utkast = await buildJournalpost(ctx.db, w.sbh2, sakId, { tittel: 'Brev under arbeid', tittel2: 'Detaljer i arbeid' });
    const deputy = await buildBruker(ctx.db, { roller: [['SBH', w.annenEnhet.systemId]] });
    // Before the appointment: not on sbh2's desk, and the draft is only line 1 to an outsider.
    expectProblem(await som(ctx, deputy, { paaVegneAv: w.sbh2.bruker.systemId }).get('/api/kurver'), 403, 'forbidden');
    expect((await som(ctx, deputy).get(`/api/journalposter/${utkast}`)).body.tittel2).toBe('*****');

    expect((await oppnevn(w.leder, w.sbh2.bruker.systemId, deputy)).status).toBe(201);
    const paaPulten = som(ctx, deputy, { paaVegneAv: w.sbh2.bruker.systemId });
    const iArbeid = (await paaPulten.get('/api/kurver/dokumenter_i_arbeid')).body as { systemId: string; tittel2: string }[];
    expect(iArbeid).toEqual([expect.objectContaining({ systemId: utkast, tittel2: 'Detaljer i arbeid' })]);
    expect((await paaPulten.get(`/api/journalposter/${utkast}`)).body).toMatchObject({ tittel2: 'Detaljer i arbeid', abilities: { update: true } });
    // Every act is recorded as the deputy's, on behalf of the saksbehandler.
    expect((await paaPulten.patch(`/api/journalposter/${utkast}`, { tittel: 'Brev under arbeid, rettet' })).status).toBe(200);
    const h = ((await som(ctx, w.ark).get(`/api/journalposter/${utkast}/historikk`)).body as { handling: string; bruker: { systemId: string }; paaVegneAv: { systemId: string } | null }[]).at(-1)!;
    expect({ bruker: h.bruker.systemId, paaVegneAv: h.paaVegneAv?.systemId }).toEqual({ bruker: deputy.bruker.systemId, paaVegneAv: w.sbh2.bruker.systemId });
  });

  it('a saksbehandler names a deputy for his own absence, but not for a colleague; a leader of another unit cannot either', async () => {
    expect((await som(ctx, w.sbh).post('/api/stedfortredere', { stedfortrederId: w.sbh2.bruker.systemId, fraDato: idag(), tilDato: idag() })).status).toBe(201);
    expectProblem(await oppnevn(w.sbh, w.sbh2.bruker.systemId, w.fremmed), 403, 'forbidden');
    const annenLeder = await buildBruker(ctx.db, { roller: [['LED', w.annenEnhet.systemId]] });
    expectProblem(await oppnevn(annenLeder, w.sbh2.bruker.systemId, w.fremmed), 403, 'forbidden');
    // The deputy gets at most the codes of the one who is away.
    expectProblem(await som(ctx, sys).post('/api/stedfortredere', { lederId: w.sbh.bruker.systemId, stedfortrederId: w.fremmed.bruker.systemId, fraDato: idag(), tilDato: idag(), tilgangskoder: ['U'] }), 400, 'validation_failed');
  });

  it('§11.3 the leader is back: a running appointment ends today, a future one is deleted, a past one stays; historikk each time', async () => {
    const leder = await buildBruker(ctx.db, { roller: [['LED', w.annenEnhet.systemId]] });
    const deputy = await buildBruker(ctx.db, { roller: [['SBH', w.annenEnhet.systemId]] });
    const ny = async (fraDato: string, tilDato: string) => {
      const res = await som(ctx, leder).post('/api/stedfortredere', { stedfortrederId: deputy.bruker.systemId, fraDato, tilDato });
      expect(res.status).toBe(201);
      return (res.body as { systemId: string }).systemId;
    };
    const loeper = await ny(omDager(-3), omDager(10));
    const fremtidig = await ny(omDager(20), omDager(30));
    const over = await ny(omDager(-10), omDager(-5));
    const liste = async () => Object.fromEntries(((await som(ctx, leder).get('/api/stedfortredere')).body as { systemId: string; fraDato: string; tilDato: string }[]).map((x) => [x.systemId, [x.fraDato, x.tilDato]]));

    // Someone else may not; the deputy himself is told so, an outsider is not told it exists.
    expectProblem(await som(ctx, deputy).post(`/api/stedfortredere/${loeper}/avslutt`), 403, 'forbidden');
    expectProblem(await som(ctx, w.fremmed).post(`/api/stedfortredere/${loeper}/avslutt`), 404, 'not_found');
    expectProblem(await som(ctx, leder).post('/api/stedfortredere/00000000-0000-4000-8000-000000000000/avslutt'), 404, 'not_found');

    expect((await som(ctx, leder).post(`/api/stedfortredere/${loeper}/avslutt`)).body).toEqual({ resultat: 'avsluttet' });
    expect((await som(ctx, leder).post(`/api/stedfortredere/${fremtidig}/avslutt`)).body).toEqual({ resultat: 'slettet' });
    expectProblem(await som(ctx, leder).post(`/api/stedfortredere/${over}/avslutt`), 409, 'status_conflict');
    expect(await liste()).toEqual({ [loeper]: [omDager(-3), idag()], [over]: [omDager(-10), omDager(-5)] });
    // Today is still the deputy's last day on the desk.
    expect((await som(ctx, deputy, { paaVegneAv: leder.bruker.systemId }).get('/api/kurver')).status).toBe(200);

    const h = await ctx.db.selectFrom('historikk').select(['handling', 'objektId', 'data']).where('objekttype', '=', 'stedfortreder').where('objektId', 'in', [loeper, fremtidig, over]).orderBy('id').execute();
    expect(h.map((x) => [x.handling, x.objektId])).toEqual([
      ['stedfortreder_oppnevnt', loeper],
      ['stedfortreder_oppnevnt', fremtidig],
      ['stedfortreder_oppnevnt', over],
      ['stedfortreder_avsluttet', loeper],
      ['stedfortreder_slettet', fremtidig],
    ]);
    expect(h[3]!.data).toMatchObject({ tilDato: { fra: omDager(10), til: idag() } });
  });
});
