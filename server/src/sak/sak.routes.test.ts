import type { TestContext } from '../test/context';
import { buildJournalpost } from '../test/factories';
import { expectProblem } from '../test/http';
import { openWorld, type World } from '../test/world';

/** Manual §5: the sak (saksmappe) through the API. */
describe('sak routes', () => {
  let ctx: TestContext;
  let world: World;
  beforeAll(async () => ({ ctx, w: world } = await openWorld()));
  afterAll(() => ctx.close());
  const as = (u: { bruker: { brukernavn: string } }) => ctx.auth(u.bruker.brukernavn);

  it('creates a sak with saksnummer YYYY/N, the creator as saksansvarlig and status R (B comes when the archive has checked it), with historikk', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/saker', headers: await as(world.sbh), payload: { tittel: 'Reguleringsplan for Sjøgata', sakstype: 'GS' } });
    expect(res.statusCode).toBe(201);
    const sak = res.json();
    expect(res.headers.location).toBe(`/api/saker/${sak.systemId}`);
    expect(sak.saksnummer).toBe(`${sak.saksaar}/${sak.sakssekvensnummer}`);
    expect(sak.saksnummer).toMatch(/^\d{4}\/\d+$/);
    expect(sak.saksansvarlig.systemId).toBe(world.sbh.bruker.systemId);
    expect(sak.saksstatus).toBe('R');
    const hist = await ctx.app.inject({ method: 'GET', url: `/api/saker/${sak.systemId}/historikk`, headers: await as(world.sbh) });
    expect(hist.json().map((h: { handling: string }) => h.handling)).toEqual(['sak_opprettet']);
  });

  it('updates a sak and records before/after in historikk', async () => {
    const created = (await ctx.app.inject({ method: 'POST', url: '/api/saker', headers: await as(world.sbh), payload: { tittel: 'Skoleskyss 2027', sakstype: 'GS' } })).json();
    const res = await ctx.app.inject({ method: 'PATCH', url: `/api/saker/${created.systemId}`, headers: await as(world.sbh), payload: { tittel: 'Skoleskyss skoleåret 2027/2028' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().tittel).toBe('Skoleskyss skoleåret 2027/2028');
    const rows = await ctx.db.selectFrom('historikk').select(['handling', 'data']).where('sakId', '=', created.systemId).where('handling', '=', 'sak_endret').execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0]!.data)).toContain('Skoleskyss 2027');
  });

  it('lists saker with search and paging, and lists a sak’s journalposter', async () => {
    const tag = `Kulvert${Date.now()}`;
    for (const n of [1, 2, 3]) {
      await ctx.app.inject({ method: 'POST', url: '/api/saker', headers: await as(world.sbh), payload: { tittel: `${tag} nummer ${n}`, sakstype: 'GS' } });
    }
    const page = await ctx.app.inject({ method: 'GET', url: `/api/saker?q=${tag}&limit=2`, headers: await as(world.sbh) });
    expect(page.statusCode).toBe(200);
    expect(page.json().items).toHaveLength(2);
    expect(page.json().total).toBe(3);
    const sakId = page.json().items[0].systemId as string;
    await buildJournalpost(ctx.db, world.sbh, sakId, { tittel: 'Første brev' });
    await buildJournalpost(ctx.db, world.sbh, sakId, { tittel: 'Andre brev' });
    const jps = await ctx.app.inject({ method: 'GET', url: `/api/saker/${sakId}/journalposter`, headers: await as(world.sbh) });
    expect(jps.json().items.map((j: { dokumentnummer: number }) => j.dokumentnummer)).toEqual([1, 2]);
  });

  it('a saksbehandler in another unit may not change the sak: 403', async () => {
    const created = (await ctx.app.inject({ method: 'POST', url: '/api/saker', headers: await as(world.sbh), payload: { tittel: 'Byggesak Fjellveien 2', sakstype: 'GS' } })).json();
    const res = await ctx.app.inject({ method: 'PATCH', url: `/api/saker/${created.systemId}`, headers: await as(world.fremmed), payload: { tittel: 'Kapret' } });
    expectProblem(res, 403, 'forbidden');
  });

  it('a bad sakstype is a 400 naming the field; an unknown sak is a 404', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/saker', headers: await as(world.sbh), payload: { tittel: 'x', sakstype: 'ZZ' } });
    const body = expectProblem(res, 400, 'validation_failed');
    expect(body.errors!.map((e) => e.field)).toContain('/body/sakstype');
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/api/saker/00000000-0000-4000-8000-000000000000', headers: await as(world.sbh) }), 404, 'not_found');
  });
});
