import type { TestContext } from '../test/context';
import { buildJournalpost, buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { openWorld, type World } from '../test/world';

/** §3.1 registration and §10.1 the checklist on new incoming post (fordeling). */
describe('§3.1 / §10.1 Registrering og fordeling', () => {
  let ctx: TestContext;
  let w: World;
  let sakId: string;
  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    sakId = await buildSak(ctx.db, w.sbh);
  });
  afterAll(() => ctx.close());

  const ids = (items: { systemId: string }[]) => items.map((i) => i.systemId);

  it('DOK registers incoming post for a saksbehandler: it lands in that person’s Ubehandlet', async () => {
    const res = await som(ctx, w.dok).post(`/api/saker/${sakId}/journalposter`, { journalposttype: 'I', tittel: 'Brev fra nabo', saksbehandlerId: w.sbh2.bruker.systemId });
    expect(res.status).toBe(201);
    expect(res.body.administrativEnhet.systemId).toBe(w.enhet.systemId);
    expect(ids((await som(ctx, w.sbh2).get('/api/kurver/ubehandlet')).body)).toContain(res.body.systemId);
    expect(ids((await som(ctx, w.sbh).get('/api/kurver/ubehandlet')).body)).not.toContain(res.body.systemId);
  });

  it('a SBH passes a journalpost to another saksbehandler in the own unit, with forfallsdato, skjerming, merknad and kopimottaker', async () => {
    const id = await buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', saksbehandlerId: w.sbh.bruker.systemId });
    const res = await som(ctx, w.sbh).post(`/api/journalposter/${id}/fordel`, {
      saksbehandlerId: w.sbh2.bruker.systemId,
      forfallsdato: '2099-03-01',
      skjerming: { tilgangskode: 'U', skjermingsnivaa: 1, skjermingshjemmel: 'Offl. § 13' },
      merknad: 'Du kjenner saken best',
      kopimottakerIds: [w.leder.bruker.systemId],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ saksbehandler: { systemId: w.sbh2.bruker.systemId }, forfallsdato: '2099-03-01', skjerming: { tilgangskode: 'U' } });
    expect(res.body.korrespondanseparter).toEqual([expect.objectContaining({ korrespondanseparttype: 'IK', brukerId: w.leder.bruker.systemId })]);
    expect(res.body.merknader).toEqual([expect.objectContaining({ merknadstype: 'UFORMELL', merknadstekst: 'Du kjenner saken best' })]);
    expect(ids((await som(ctx, w.sbh2).get('/api/kurver/ubehandlet')).body)).toContain(id);
    const h = (await som(ctx, w.sbh2).get(`/api/journalposter/${id}/historikk`)).body.map((x: { handling: string }) => x.handling);
    expect(h).toContain('journalpost_fordelt');
  });

  it('refuses a SBH passing it outside the own unit (403); the archive may', async () => {
    const id = await buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', saksbehandlerId: w.sbh.bruker.systemId });
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${id}/fordel`, { saksbehandlerId: w.fremmed.bruker.systemId }), 403, 'forbidden');
    const res = await som(ctx, w.dok).post(`/api/journalposter/${id}/fordel`, { saksbehandlerId: w.fremmed.bruker.systemId });
    expect(res.status).toBe(200);
    expect(res.body.administrativEnhet.systemId).toBe(w.annenEnhet.systemId);
  });

  it('a leader distributes within the unit; a stranger may not (403); bad input is 400', async () => {
    const id = await buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', saksbehandlerId: w.sbh.bruker.systemId });
    expect((await som(ctx, w.leder).post(`/api/journalposter/${id}/fordel`, { saksbehandlerId: w.sbh2.bruker.systemId })).status).toBe(200);
    expectProblem(await som(ctx, w.fremmed).post(`/api/journalposter/${id}/fordel`, { forfallsdato: '2099-01-01' }), 403, 'forbidden');
    expectProblem(await som(ctx, w.leder).post(`/api/journalposter/${id}/fordel`, {}), 400, 'validation_failed');
    expectProblem(await som(ctx, w.leder).post(`/api/journalposter/${id}/fordel`, { forfallsdato: 'i morgen' }), 400, 'validation_failed');
  });
});
