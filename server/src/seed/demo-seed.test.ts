import { createTestContext, type TestContext } from '../test/context';
import { seedDemoIfEmpty } from './demo-seed';
import { som } from '../test/http';

/** The demo a newcomer sees on `npm start` shows the routines: every basket has something somewhere. */
describe('demo seed', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    expect(await seedDemoIfEmpty(ctx.db, ctx.blobs, { dataDir: ctx.dataDir })).toBe(true);
  }, 300_000);
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

  it('has a removed (feilregistrert) letter, listed for the archive and in no basket', async () => {
    const fjernet = (await som(ctx, await ctx.actor('arne')).get('/api/journalposter/feilregistrerte')).body;
    const titler = fjernet.items.map((j: { tittel: string }) => j.tittel);
    expect(titler).toContain('Faktura for skolemelk');
    const ubehandlet = (await som(ctx, await ctx.actor('ola')).get('/api/kurver/ubehandlet')).body.map((i: { tittel: string }) => i.tittel);
    expect(ubehandlet).not.toContain('Faktura for skolemelk');
  });

  it('fills the archive desk: post to journalføre with and without findings, a sak ready to close, a Beskjed til dokumentsenteret', async () => {
    const arne = som(ctx, await ctx.actor('arne'));
    const venter = (await arne.get('/api/arkiv/til-journalfoering')).body.items as { tittel: string; mangler: string[] }[];
    expect(venter.find((j) => j.tittel === 'Søknad om skyss for skoleåret 2027')?.mangler).toEqual([]);
    expect(venter.find((j) => j.tittel === 'Håndskrevet brev om busstider')?.mangler).toEqual(['ingen_arkivvariant', 'ingen_korrespondansepart']);
    const klare = (await arne.get('/api/arkiv/klare-saker')).body as { tittel: string }[];
    expect(klare.map((k) => k.tittel)).toContain('Vintervedlikehold av gangveier 2025');
    const oppgaver = (await som(ctx, await ctx.actor('dina')).get('/api/kurver/mottatte_oppgaver')).body as { tittel: string }[];
    expect(oppgaver.map((o) => o.tittel)).toContain('Håndskrevet brev om busstider');
  });

  it('shows the archive formats and the deposit: a conversion that failed with its reason, and a finished arkivuttrekk to download', async () => {
    const arne = som(ctx, await ctx.actor('arne'));
    const feilet = (await arne.get('/api/arkivformat?status=FEILET')).body as { dokumenter: { journalpostId: string; feil: string }[] };
    expect(feilet.dokumenter).toEqual([expect.objectContaining({ feil: expect.stringMatching(/application\/zip/) })]);
    const jp = (await arne.get(`/api/journalposter/${feilet.dokumenter[0]!.journalpostId}`)).body as { tittel: string; journalstatus: string };
    expect([jp.tittel, jp.journalstatus]).toEqual(['Kartdata fra oppmåling', 'J']);
    const uttrekk = (await arne.get('/api/uttrekk')).body as { id: string; status: string; journalposterSkrevet: number }[];
    expect(uttrekk).toEqual([expect.objectContaining({ status: 'FERDIG' })]);
    expect(uttrekk[0]!.journalposterSkrevet).toBeGreaterThan(10);
    const pakke = await ctx.app.inject({ method: 'GET', url: `/api/uttrekk/${uttrekk[0]!.id}/pakke`, headers: await ctx.auth('arne') });
    expect([pakke.statusCode, pakke.headers['content-type']]).toEqual([200, 'application/x-tar']);
  });
});
