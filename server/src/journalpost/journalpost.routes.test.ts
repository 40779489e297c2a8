import { sql } from 'kysely';
import type { TestContext } from '../test/context';
import { expectProblem } from '../test/http';
import { buildSak } from '../test/factories';
import { openWorld, type World } from '../test/world';

/** Manual §5 (journalstatus) and §12.7: the API's journalpost routes, as the roles use them. */
describe('journalpost routes', () => {
  let ctx: TestContext;
  let world: World;
  beforeAll(async () => ({ ctx, w: world } = await openWorld()));
  afterAll(() => ctx.close());

  const as = async (user: { bruker: { brukernavn: string } }) => ctx.auth(user.bruker.brukernavn);

  async function registrer(tittel: string, journalposttype: 'I' | 'U' = 'I') {
    const sakId = await buildSak(ctx.db, world.sbh);
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/saker/${sakId}/journalposter`,
      headers: await as(world.sbh),
      payload: { journalposttype, tittel, korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Ola Nordmann', epostadresse: 'ola@example.no' }] },
    });
    expect(res.statusCode).toBe(201);
    return { sakId, jp: res.json() };
  }

  it('creates an incoming journalpost in status S with journalnummer, dokumentnummer and its korrespondansepart', async () => {
    const { jp } = await registrer('Søknad om byggetillatelse');
    expect(jp).toMatchObject({ journalposttype: 'I', journalstatus: 'S', dokumentnummer: 1, tittel: 'Søknad om byggetillatelse' });
    expect(jp.journalnummer).toMatch(/^\d{4}\/\d+$/);
    expect(jp.korrespondanseparter).toEqual([expect.objectContaining({ navn: 'Ola Nordmann', korrespondanseparttype: 'EA' })]);
    const res = await ctx.app.inject({ method: 'GET', url: `/api/journalposter/${jp.systemId}`, headers: await as(world.sbh) });
    expect(res.json().systemId).toBe(jp.systemId);
  });

  it('an outgoing journalpost starts in R and can be edited there', async () => {
    const { jp } = await registrer('Svar på søknad', 'U');
    expect(jp.journalstatus).toBe('R');
    const res = await ctx.app.inject({ method: 'PATCH', url: `/api/journalposter/${jp.systemId}`, headers: await as(world.sbh), payload: { tittel: 'Svar på søknad om byggetillatelse' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().tittel).toBe('Svar på søknad om byggetillatelse');
  });

  describe('a locked journalpost (status J)', () => {
    let id: string;
    beforeAll(async () => {
      const { jp } = await registrer('Klage på vedtak');
      id = jp.systemId;
      const res = await ctx.app.inject({ method: 'POST', url: `/api/journalposter/${id}/journalfoer`, headers: await as(world.ark) });
      expect(res.statusCode).toBe(200);
      expect(res.json().journalstatus).toBe('J');
    });

    it('refuses an edit of registration data with 409 journalpost_locked and changes nothing', async () => {
      const res = await ctx.app.inject({ method: 'PATCH', url: `/api/journalposter/${id}`, headers: await as(world.ark), payload: { tittel: 'Endret tittel' } });
      expectProblem(res, 409, 'journalpost_locked');
      const row = await ctx.db.selectFrom('journalpost').select('tittel').where('systemId', '=', id).executeTakeFirstOrThrow();
      expect(row.tittel).toBe('Klage på vedtak');
    });

    it('accepts a merknad', async () => {
      const res = await ctx.app.inject({ method: 'POST', url: `/api/journalposter/${id}/merknader`, headers: await as(world.ark), payload: { merknadstype: 'FORMELL', merknadstekst: 'Klagen er oversendt Statsforvalteren' } });
      expect(res.statusCode).toBe(201);
      expect(res.json().merknader).toEqual(expect.arrayContaining([expect.objectContaining({ merknadstekst: 'Klagen er oversendt Statsforvalteren' })]));
    });

    it('accepts a skjerming', async () => {
      const res = await ctx.app.inject({
        method: 'PUT',
        url: `/api/journalposter/${id}/skjerming`,
        headers: await as(world.ark),
        payload: { skjerming: { tilgangskode: 'U', skjermingsnivaa: 2, skjermingshjemmel: 'Offl. § 13, jf. fvl. § 13' } },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().skjerming).toMatchObject({ tilgangskode: 'U', skjermingsnivaa: 2 });
    });

    it('refuses a second journalføring with 409 status_conflict', async () => {
      const res = await ctx.app.inject({ method: 'POST', url: `/api/journalposter/${id}/journalfoer`, headers: await as(world.ark) });
      expectProblem(res, 409, 'status_conflict');
    });
  });

  it('only the archive journalfører (§12.7): a saksbehandler gets 403', async () => {
    const { jp } = await registrer('Henvendelse om skoleskyss');
    const res = await ctx.app.inject({ method: 'POST', url: `/api/journalposter/${jp.systemId}/journalfoer`, headers: await as(world.sbh) });
    expectProblem(res, 403, 'forbidden');
  });

  describe('a malformed body gets 400 with the field named', () => {
    it('a missing required field', async () => {
      const sakId = await buildSak(ctx.db, world.sbh);
      const res = await ctx.app.inject({ method: 'POST', url: `/api/saker/${sakId}/journalposter`, headers: await as(world.sbh), payload: { journalposttype: 'I' } });
      const body = expectProblem(res, 400, 'validation_failed');
      expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: '/body/tittel' })]));
    });

    it('a code outside the code list', async () => {
      const sakId = await buildSak(ctx.db, world.sbh);
      const res = await ctx.app.inject({ method: 'POST', url: `/api/saker/${sakId}/journalposter`, headers: await as(world.sbh), payload: { journalposttype: 'Q', tittel: 'x' } });
      const body = expectProblem(res, 400, 'validation_failed');
      expect(body.errors!.map((e) => e.field)).toContain('/body/journalposttype');
    });

    it('an unknown field', async () => {
      const sakId = await buildSak(ctx.db, world.sbh);
      const res = await ctx.app.inject({ method: 'POST', url: `/api/saker/${sakId}/journalposter`, headers: await as(world.sbh), payload: { journalposttype: 'I', tittel: 'x', hemmelig: true } });
      const body = expectProblem(res, 400, 'validation_failed');
      expect(body.errors).toEqual([expect.objectContaining({ field: '/body/hemmelig', message: 'ukjent felt' })]);
    });

    it('invalid JSON', async () => {
      const sakId = await buildSak(ctx.db, world.sbh);
      const res = await ctx.app.inject({ method: 'POST', url: `/api/saker/${sakId}/journalposter`, headers: { ...(await as(world.sbh)), 'content-type': 'application/json' }, payload: '{"tittel": ' });
      expectProblem(res, 400, 'malformed_request');
    });

    it('a path id that is not a UUID', async () => {
      const res = await ctx.app.inject({ method: 'GET', url: '/api/journalposter/123', headers: await as(world.sbh) });
      const body = expectProblem(res, 400, 'validation_failed');
      expect(body.errors!.map((e) => e.field)).toContain('/params/id');
    });
  });

  it('an unknown journalpost is 404 problem+json', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/journalposter/00000000-0000-4000-8000-000000000000', headers: await as(world.sbh) });
    expectProblem(res, 404, 'not_found');
  });

  it('a title repeated in the same sak is registered with a warning that links the existing one (§4)', async () => {
    const { sakId, jp } = await registrer('Reguleringsplan for Storgata');
    const res = await ctx.app.inject({ method: 'POST', url: `/api/saker/${sakId}/journalposter`, headers: await as(world.sbh), payload: { journalposttype: 'I', tittel: ' reguleringsplan for storgata ' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().advarsler).toEqual([expect.objectContaining({ kode: 'lik_tittel', lenke: `/api/journalposter/${jp.systemId}` })]);
    const unik = await ctx.app.inject({ method: 'POST', url: `/api/saker/${sakId}/journalposter`, headers: await as(world.sbh), payload: { journalposttype: 'I', tittel: 'Merknad til planforslaget' } });
    expect(unik.json().advarsler).toEqual([]);
    const rename = await ctx.app.inject({ method: 'PATCH', url: `/api/journalposter/${unik.json().systemId}`, headers: await as(world.sbh), payload: { tittel: 'Reguleringsplan for Storgata' } });
    expect(rename.statusCode).toBe(200);
    expect(rename.json().advarsler).toHaveLength(1);
  });

  it('writes historikk in the same transaction: when the commit fails, neither the change nor its historikk row remains', async () => {
    const { jp } = await registrer('Søknad om skjenkebevilling', 'U');
    // A deferred constraint trigger fails the commit after both the update and its historikk row were written.
    await sql`create or replace function arkiv_test_fail_commit() returns trigger language plpgsql as $$
      begin raise exception 'simulated commit failure'; end $$`.execute(ctx.db);
    await sql`create constraint trigger arkiv_test_fail_commit after insert on historikk deferrable initially deferred
      for each row when (new.handling = 'journalpost_endret') execute function arkiv_test_fail_commit()`.execute(ctx.db);
    try {
      const res = await ctx.app.inject({ method: 'PATCH', url: `/api/journalposter/${jp.systemId}`, headers: await as(world.sbh), payload: { tittel: 'Ny tittel som ikke skal lagres' } });
      expectProblem(res, 500, 'internal_error');
    } finally {
      await sql`drop trigger arkiv_test_fail_commit on historikk`.execute(ctx.db);
    }
    const row = await ctx.db.selectFrom('journalpost').select('tittel').where('systemId', '=', jp.systemId).executeTakeFirstOrThrow();
    expect(row.tittel).toBe('Søknad om skjenkebevilling');
    const endret = await ctx.db.selectFrom('historikk').select('id').where('journalpostId', '=', jp.systemId).where('handling', '=', 'journalpost_endret').execute();
    expect(endret).toHaveLength(0);
    // …and the same edit without the failure writes both.
    const ok = await ctx.app.inject({ method: 'PATCH', url: `/api/journalposter/${jp.systemId}`, headers: await as(world.sbh), payload: { tittel: 'Ny tittel' } });
    expect(ok.statusCode).toBe(200);
    const after = await ctx.db.selectFrom('historikk').select('data').where('journalpostId', '=', jp.systemId).where('handling', '=', 'journalpost_endret').execute();
    expect(after).toHaveLength(1);
  });

  it('lists historikk of a journalpost: opprettet, status, merknad', async () => {
    const { jp } = await registrer('Søknad om startlån');
    await ctx.app.inject({ method: 'POST', url: `/api/journalposter/${jp.systemId}/merknader`, headers: await as(world.sbh), payload: { merknadstype: 'FORMELL', merknadstekst: 'Purret per telefon' } });
    const res = await ctx.app.inject({ method: 'GET', url: `/api/journalposter/${jp.systemId}/historikk`, headers: await as(world.sbh) });
    expect(res.statusCode).toBe(200);
    expect(res.json().map((h: { handling: string }) => h.handling)).toEqual(expect.arrayContaining(['journalpost_opprettet', 'merknad_lagt_til']));
  });
});
