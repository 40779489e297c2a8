import type { TestContext } from '../test/context';
import { buildBruker, buildEnhet, buildJournalpost, buildSak } from '../test/factories';
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

  it('§3.1 DOK distributes to a unit: it goes to the unit’s leader for saksfordeling, in the unit chosen, also when the leader leads two units', async () => {
    const foerste = await buildEnhet(ctx.db);
    const andre = await buildEnhet(ctx.db);
    const leder = await buildBruker(ctx.db, { roller: [['LED', foerste.systemId], ['LED', andre.systemId]] });
    const sbhAndre = await buildBruker(ctx.db, { roller: [['SBH', andre.systemId]] });
    const id = await buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', tittel: 'Søknad om skjenkebevilling' });
    const foer = (await som(ctx, w.dok).get(`/api/journalposter/${id}`)).body;

    const res = await som(ctx, w.dok).post(`/api/journalposter/${id}/fordel`, { administrativEnhetId: andre.systemId });
    expect(res.status).toBe(200);
    expect({ saksbehandler: res.body.saksbehandler.systemId, enhet: res.body.administrativEnhet.systemId }).toEqual({ saksbehandler: leder.bruker.systemId, enhet: andre.systemId });
    // Historikk says who had it and in which unit, and who and which unit has it now.
    const h = (await som(ctx, w.dok).get(`/api/journalposter/${id}/historikk`)).body as { handling: string; bruker: { systemId: string }; data: Record<string, unknown> }[];
    const fordelt = h.filter((x) => x.handling === 'journalpost_fordelt');
    expect(fordelt).toHaveLength(1);
    expect(fordelt[0]!.bruker.systemId).toBe(w.dok.bruker.systemId);
    expect(fordelt[0]!.data).toEqual({
      saksbehandlerId: { fra: foer.saksbehandler.systemId, til: leder.bruker.systemId },
      administrativEnhetId: { fra: foer.administrativEnhet.systemId, til: andre.systemId },
    });
    // In the leader's Ubehandlet, and the second unit's saksfordeling: the leader passes it to
    // a saksbehandler of that unit, where it stays.
    expect(ids((await som(ctx, leder).get('/api/kurver/ubehandlet')).body)).toContain(id);
    expect(ids((await som(ctx, leder).get(`/api/kurver/ubehandlet?enhetId=${andre.systemId}`)).body)).toContain(id);
    const videre = await som(ctx, leder).post(`/api/journalposter/${id}/fordel`, { saksbehandlerId: sbhAndre.bruker.systemId });
    expect(videre.status).toBe(200);
    expect({ saksbehandler: videre.body.saksbehandler.systemId, enhet: videre.body.administrativEnhet.systemId }).toEqual({ saksbehandler: sbhAndre.bruker.systemId, enhet: andre.systemId });
    expect(ids((await som(ctx, sbhAndre).get('/api/kurver/ubehandlet')).body)).toContain(id);
  });

  it('to a unit: a saksbehandler named must work there; a unit without a leader needs one named; only the archive moves it to another unit', async () => {
    const utenLeder = await buildEnhet(ctx.db);
    const id = await buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', saksbehandlerId: w.sbh.bruker.systemId });
    expectProblem(await som(ctx, w.dok).post(`/api/journalposter/${id}/fordel`, { administrativEnhetId: utenLeder.systemId }), 400, 'validation_failed');
    expectProblem(await som(ctx, w.dok).post(`/api/journalposter/${id}/fordel`, { administrativEnhetId: w.annenEnhet.systemId, saksbehandlerId: w.sbh2.bruker.systemId }), 400, 'validation_failed');
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${id}/fordel`, { administrativEnhetId: w.annenEnhet.systemId, saksbehandlerId: w.fremmed.bruker.systemId }), 403, 'forbidden');
    // Within the own unit a saksbehandler may give it to the unit's leader.
    const egen = await som(ctx, w.sbh).post(`/api/journalposter/${id}/fordel`, { administrativEnhetId: w.enhet.systemId });
    expect({ status: egen.status, saksbehandler: egen.body.saksbehandler?.systemId }).toEqual({ status: 200, saksbehandler: w.leder.bruker.systemId });
    const annen = await som(ctx, w.dok).post(`/api/journalposter/${id}/fordel`, { administrativEnhetId: w.annenEnhet.systemId, saksbehandlerId: w.fremmed.bruker.systemId });
    expect({ status: annen.status, enhet: annen.body.administrativEnhet?.systemId }).toEqual({ status: 200, enhet: w.annenEnhet.systemId });
  });
});
