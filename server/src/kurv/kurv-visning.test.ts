import type { TestContext } from '../test/context';
import { buildJournalpost, buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { openWorld, type World } from '../test/world';
import { omDager } from '../test/dato';

type Item = { systemId: string; nummer: string; tittel: string; journalstatus: string | null; forfallsdato: string | null; korrespondent: string | null; restanse: boolean | null; hos?: string; oppgavetype?: string; svar?: string | null; dato: string | null };

/**
 * What a basket shows of each item without opening it (§5): number, title, date, correspondent,
 * status, forfallsdato and restanse; an answered approval comes back with its answer; and the
 * leader's view of the unit (§6 saksfordeling, §11.1), screened like every list.
 */
describe('§5 What the baskets show, and the leader’s view of the unit', () => {
  let ctx: TestContext;
  let w: World;
  beforeAll(async () => ({ ctx, w } = await openWorld()));
  afterAll(() => ctx.close());

  const dag = omDager;
  const kurv = async (actor: World['sbh'], navn: string, q = ''): Promise<Item[]> => (await som(ctx, actor).get(`/api/kurver/${navn}${q}`)).body as Item[];

  it('lists a journalpost with its status, first correspondent, forfallsdato and restanse', async () => {
    const sakId = await buildSak(ctx.db, w.sbh, { tittel: 'Byggesak Fjellveien 2' });
    const jpId = await buildJournalpost(ctx.db, w.dok, sakId, {
      journalposttype: 'I',
      tittel: 'Søknad om tillatelse',
      saksbehandlerId: w.sbh.bruker.systemId,
      forfallsdato: dag(14),
      korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Tiltakshaver AS' }],
    });
    const item = (await kurv(w.sbh, 'ubehandlet')).find((i) => i.systemId === jpId);
    expect(item).toMatchObject({ tittel: 'Søknad om tillatelse', korrespondent: 'Tiltakshaver AS', forfallsdato: dag(14), restanse: true, dato: dag(0) });
    expect(['S', 'J']).toContain(item!.journalstatus);
    expect(item!.nummer).toMatch(/^\d{4}\/\d+-\d+$/);
  });

  it('an answered approval comes back to the saksbehandler in Mottatte oppgaver with its answer (§11.2)', async () => {
    const sakId = await buildSak(ctx.db, w.sbh, { tittel: 'Godkjenning vises' });
    const brev = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'U', tittel: 'Vedtak om tillatelse', korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Tiltakshaver AS' }] });
    const [o] = (await som(ctx, w.sbh).post(`/api/journalposter/${brev}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId })).body as { systemId: string }[];
    const venter = (await kurv(w.sbh, 'sendt_til_godkjenning')).find((i) => i.tittel === 'Vedtak om tillatelse');
    expect(venter).toMatchObject({ journalstatus: 'R', korrespondent: 'Tiltakshaver AS', hos: w.leder.bruker.navn });
    await som(ctx, w.leder).post(`/api/oppgaver/${o!.systemId}/svar`, { svar: 'Godkjent' });
    const tilbake = (await kurv(w.sbh, 'mottatte_oppgaver')).find((i) => i.tittel === 'Vedtak om tillatelse');
    expect(tilbake).toMatchObject({ oppgavetype: 'BESKJED', svar: 'Godkjent', journalstatus: 'F' });
  });

  it('the leader lists the unit’s Ubehandlet with whose each one is, and its saksbehandlere; nobody else may', async () => {
    const sakId = await buildSak(ctx.db, w.sbh2, { tittel: 'Enhetens post' });
    const jpId = await buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', tittel: 'Klage på støy', saksbehandlerId: w.sbh2.bruker.systemId, korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Nabo Nilsen' }] });
    const enhet = `?enhetId=${w.enhet.systemId}`;
    expect((await kurv(w.leder, 'ubehandlet', enhet)).find((i) => i.systemId === jpId)).toMatchObject({ hos: w.sbh2.bruker.navn, korrespondent: 'Nabo Nilsen' });
    // Another unit's post is not in it.
    const fremmedSak = await buildSak(ctx.db, w.fremmed);
    const fremmedJp = await buildJournalpost(ctx.db, w.dok, fremmedSak, { journalposttype: 'I', saksbehandlerId: w.fremmed.bruker.systemId });
    expect((await kurv(w.leder, 'ubehandlet', enhet)).map((i) => i.systemId)).not.toContain(fremmedJp);
    expectProblem(await som(ctx, w.sbh).get(`/api/kurver/ubehandlet${enhet}`), 403, 'forbidden');
    expectProblem(await som(ctx, w.leder).get(`/api/kurver/mine_saker${enhet}`), 403, 'forbidden');

    const ledet = (await som(ctx, w.leder).get('/api/enheter/ledet')).body as { enhet: { systemId: string }; brukere: { systemId: string }[] }[];
    expect(ledet.map((l) => l.enhet.systemId)).toEqual([w.enhet.systemId]);
    expect(ledet[0]!.brukere.map((b) => b.systemId).sort()).toEqual([w.sbh.bruker.systemId, w.sbh2.bruker.systemId, w.leder.bruker.systemId].sort());
    expect((await som(ctx, w.sbh).get('/api/enheter/ledet')).body).toEqual([]);
  });

  it('hides the correspondent from a leader who does not see through a level-3 skjerming (§8)', async () => {
    const sakId = await buildSak(ctx.db, w.sbh, { tittel: 'Personalsak' });
    const jpId = await buildJournalpost(ctx.db, w.ark, sakId, {
      journalposttype: 'I',
      tittel: 'Søknad om permisjon',
      tittel2: 'fra Kari Ansatt',
      saksbehandlerId: w.sbh.bruker.systemId,
      skjerming: { tilgangskode: 'P', skjermingsnivaa: 3, skjermingshjemmel: 'Offl. § 13' },
      korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Kari Ansatt' }],
    });
    const hosLeder = (await kurv(w.leder, 'ubehandlet', `?enhetId=${w.enhet.systemId}`)).find((i) => i.systemId === jpId);
    expect(hosLeder).toMatchObject({ tittel: 'Søknad om permisjon', korrespondent: '*****' });
    expect(JSON.stringify(hosLeder)).not.toContain('Kari Ansatt');
    // The saksbehandler sees through it.
    expect((await kurv(w.sbh, 'ubehandlet')).find((i) => i.systemId === jpId)).toMatchObject({ korrespondent: 'Kari Ansatt' });
  });
});
