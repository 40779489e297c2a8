import type { TestContext } from '../test/context';
import { buildSak } from '../test/factories';
import { openWorld, type World } from '../test/world';

/** Issue 4: mail nobody has assessed yet is XX (midlertidig skjermet) until the saksbehandler assesses it. */
describe('XX: midlertidig skjermet, ikke offentlighetsvurdert', () => {
  let ctx: TestContext;
  let w: World;
  beforeAll(async () => ({ ctx, w } = await openWorld()));
  afterAll(() => ctx.close());

  const as = async (who: { bruker: { brukernavn: string } }) => ctx.auth(who.bruker.brukernavn);

  it('the archive registers incoming mail as XX; the saksbehandler is reminded and clears it by assessing', async () => {
    const sak = await buildSak(ctx.db, w.sbh);
    const created = await ctx.app.inject({
      method: 'POST',
      url: `/api/saker/${sak}/journalposter`,
      headers: await as(w.dok),
      payload: { journalposttype: 'I', tittel: 'E-post fra innbygger', tittel2: 'Om naboen', saksbehandlerId: w.sbh.bruker.systemId, midlertidigSkjermet: true, korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Innbygger Innsen' }] },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().systemId as string;
    expect(created.json()).toMatchObject({ skjerming: { tilgangskode: 'XX', skjermingsnivaa: 3 }, trengerOffentlighetsvurdering: true });

    // Someone without XX sees title line 1 only.
    const other = (await ctx.app.inject({ method: 'GET', url: `/api/journalposter/${id}`, headers: await as(w.sbh2) })).json();
    expect(other).toMatchObject({ tittel: 'E-post fra innbygger', tittel2: '*****', korrespondanseparterSkjermet: true, korrespondanseparter: [] });

    // The saksbehandler is reminded, and the reminder goes once the assessment is made.
    const own = (await ctx.app.inject({ method: 'GET', url: `/api/journalposter/${id}`, headers: await as(w.sbh) })).json();
    expect(own).toMatchObject({ trengerOffentlighetsvurdering: true, tittel2: 'Om naboen' });
    const assessed = await ctx.app.inject({ method: 'PUT', url: `/api/journalposter/${id}/skjerming`, headers: await as(w.sbh), payload: { skjerming: null } });
    expect(assessed.statusCode).toBe(200);
    expect(assessed.json()).toMatchObject({ skjerming: null, trengerOffentlighetsvurdering: false });
  });

  it('only the archive may set XX at registration, and not together with a skjerming', async () => {
    const sak = await buildSak(ctx.db, w.sbh);
    const bySbh = await ctx.app.inject({ method: 'POST', url: `/api/saker/${sak}/journalposter`, headers: await as(w.sbh), payload: { journalposttype: 'I', tittel: 'Brev A', midlertidigSkjermet: true } });
    expect([bySbh.statusCode, bySbh.json().code]).toEqual([403, 'forbidden']);
    const both = await ctx.app.inject({
      method: 'POST',
      url: `/api/saker/${sak}/journalposter`,
      headers: await as(w.ark),
      payload: { journalposttype: 'I', tittel: 'Brev B', midlertidigSkjermet: true, skjerming: { tilgangskode: 'U', skjermingsnivaa: 1, skjermingshjemmel: 'Offl. § 13' } },
    });
    expect([both.statusCode, both.json().code]).toEqual([400, 'validation_failed']);
  });

  it('the archive archives a journalført journalpost (J → A), and only then', async () => {
    const sak = await buildSak(ctx.db, w.sbh);
    const jp = (await ctx.app.inject({ method: 'POST', url: `/api/saker/${sak}/journalposter`, headers: await as(w.sbh), payload: { journalposttype: 'I', tittel: 'Til arkivering' } })).json().systemId;
    const tooEarly = await ctx.app.inject({ method: 'POST', url: `/api/journalposter/${jp}/arkiver`, headers: await as(w.ark) });
    expect([tooEarly.statusCode, tooEarly.json().code]).toEqual([409, 'status_conflict']);
    await ctx.app.inject({ method: 'POST', url: `/api/journalposter/${jp}/journalfoer`, headers: await as(w.ark) });
    // An incoming letter is archived once its restanse is avskrevet.
    const avskrevet = await ctx.app.inject({ method: 'POST', url: `/api/journalposter/${jp}/avskrivninger`, headers: await as(w.sbh), payload: { avskrivningsmaate: 'TE' } });
    expect(avskrevet.statusCode).toBe(201);
    const notArchive = await ctx.app.inject({ method: 'POST', url: `/api/journalposter/${jp}/arkiver`, headers: await as(w.sbh) });
    expect(notArchive.statusCode).toBe(403);
    const ok = await ctx.app.inject({ method: 'POST', url: `/api/journalposter/${jp}/arkiver`, headers: await as(w.ark) });
    expect([ok.statusCode, ok.json().journalstatus]).toEqual([200, 'A']);
  });
});
