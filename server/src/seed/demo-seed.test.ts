import { createTestContext, type TestContext } from '../test/context';
import { seedDemoIfEmpty } from './demo-seed';
import { som } from '../test/http';

/** The demo a newcomer sees on `npm start` shows the routines: every basket has something somewhere. */
describe('demo seed', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    expect(await seedDemoIfEmpty(ctx.db, ctx.blobs)).toBe(true);
  });
  afterAll(() => ctx.close());

  const kurver = async (brukernavn: string, opts = {}) =>
    Object.fromEntries((await som(ctx, await ctx.actor(brukernavn), opts).get('/api/kurver')).body.map((k: { kurv: string; antall: number }) => [k.kurv, k.antall]));

  it('fills the desks of the demo users', async () => {
    const ola = await kurver('ola');
    expect(ola).toMatchObject({ sendt_til_godkjenning: 1, siste_saksmapper: 1 });
    expect(ola.forfall).toBeGreaterThanOrEqual(1);
    expect(ola.ubehandlet).toBeGreaterThanOrEqual(2);
    expect(ola.mottatte_oppgaver).toBeGreaterThanOrEqual(1);
    const lise = await kurver('lise');
    expect(lise).toMatchObject({ mottatt_for_godkjenning: 1, kopier: 1 });
    const kari = await kurver('kari');
    expect(kari.obs_saker).toBe(1);
    expect(kari.mottatte_oppgaver).toBeGreaterThanOrEqual(1);
    const lisesId = (await ctx.actor('lise')).bruker.systemId;
    expect((await kurver('kari', { paaVegneAv: lisesId })).mottatt_for_godkjenning).toBe(1);
  });

  it('has kryssreferanser between saker and journalposter, on locked records too', async () => {
    const refs = await ctx.db.selectFrom('kryssreferanse').selectAll().execute();
    expect(refs.length).toBeGreaterThanOrEqual(4);
    expect(refs.some((r) => r.fraSakId && r.tilSakId)).toBe(true);
    expect(refs.some((r) => r.fraJournalpostId && r.tilJournalpostId)).toBe(true);
  });

  it('has saker in status R, B, A and U', async () => {
    const statuser = await ctx.db.selectFrom('sak').select('saksstatus').distinct().execute();
    expect(statuser.map((s) => s.saksstatus).sort()).toEqual(['A', 'B', 'R', 'U', 'X']);
  });
});
