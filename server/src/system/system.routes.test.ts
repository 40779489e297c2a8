import { KODELISTER } from '@arkiv/shared';
import { seedDemoIfEmpty } from '../seed/demo-seed';
import { createTestContext, type TestContext } from '../test/context';
import { expectProblem } from '../test/http';

describe('system routes on the demo municipality', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    expect(await seedDemoIfEmpty(ctx.db, ctx.blobs)).toBe(true);
  });
  afterAll(() => ctx.close());

  it('GET /api/health answers ok with the database kind', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('GET /api/kodelister serves the one source of code lists in shared/', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/kodelister' });
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(KODELISTER)));
  });

  it('GET /openapi.json is an OpenAPI 3 document describing the API, and /docs browses it', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/saker', '/api/saker/{id}', '/api/saker/{id}/journalposter', '/api/journalposter/{id}', '/api/journalposter/{id}/dokumenter', '/api/dokumenter/{id}/versjoner', '/api/health']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect(doc.components.securitySchemes).toBeDefined();
    const ui = await ctx.app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('an unknown route is a 404 problem', async () => {
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/api/finnes-ikke' }), 404, 'route_not_found');
  });

  it('dev login issues a token for a seeded user that the API accepts; an unknown user is refused', async () => {
    const brukere = (await ctx.app.inject({ method: 'GET', url: '/api/dev/brukere' })).json() as { brukernavn: string; roller: string[] }[];
    const roller = new Set(brukere.flatMap((b) => b.roller));
    for (const rolle of ['SBH', 'SA', 'LED', 'ARK', 'DOK', 'SYS']) expect(roller).toContain(rolle);
    const login = await ctx.app.inject({ method: 'POST', url: '/api/dev/login', payload: { brukernavn: 'ola' } });
    expect(login.statusCode).toBe(200);
    const meg = await ctx.app.inject({ method: 'GET', url: '/api/meg', headers: { authorization: `Bearer ${login.json().token}` } });
    expect(meg.json().bruker.brukernavn).toBe('ola');
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/api/dev/login', payload: { brukernavn: 'ingen' } }), 401, 'unknown_user');
  });

  it('the demo seed runs once: a second run changes nothing', async () => {
    const count = async () => Number((await ctx.db.selectFrom('sak').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    expect(await seedDemoIfEmpty(ctx.db, ctx.blobs)).toBe(false);
    expect(await count()).toBe(before);
  });

  it('the demo shows something real: saker with journalposter in several statuses, documents whose blobs exist, one screened sak', async () => {
    const saker = await ctx.db.selectFrom('sak').select(['systemId', 'tilgangskode']).execute();
    expect(saker.length).toBeGreaterThanOrEqual(4);
    expect(saker.some((s) => s.tilgangskode !== null)).toBe(true);
    const statuser = new Set((await ctx.db.selectFrom('journalpost').select('journalstatus').execute()).map((j) => j.journalstatus));
    for (const s of ['R', 'S', 'J']) expect(statuser).toContain(s);
    const versjoner = await ctx.db.selectFrom('dokumentversjon').select('sjekksum').execute();
    expect(versjoner.length).toBeGreaterThan(0);
    for (const v of versjoner) expect(await ctx.blobs.has(v.sjekksum)).toBe(true);
  });

  it('a screened sak shows ***** in tittel2 to a user without the code, and the text to one with it', async () => {
    const screened = await ctx.db.selectFrom('sak').select(['systemId', 'tittel2']).where('tilgangskode', 'is not', null).where('tittel2', 'is not', null).executeTakeFirstOrThrow();
    const token = async (u: string) => `Bearer ${(await ctx.app.inject({ method: 'POST', url: '/api/dev/login', payload: { brukernavn: u } })).json().token}`;
    const asOla = await ctx.app.inject({ method: 'GET', url: `/api/saker/${screened.systemId}`, headers: { authorization: await token('ola') } });
    const asArne = await ctx.app.inject({ method: 'GET', url: `/api/saker/${screened.systemId}`, headers: { authorization: await token('arne') } });
    expect(asArne.json().tittel2).toBe(screened.tittel2);
    expect(asOla.statusCode).toBe(200);
    expect(asOla.json().tittel2).toBe('*****');
    expect(asOla.json().tittel).not.toContain(screened.tittel2!);
  });
});
