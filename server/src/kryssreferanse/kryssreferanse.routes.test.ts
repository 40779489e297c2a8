import type { TestContext } from '../test/context';
import { buildJournalpost, buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { openWorld, type World } from '../test/world';

/** Kryssreferanser (DOMAIN.md §1): sak and journalpost point to each other, both ways, screened like every list. */
describe('kryssreferanser', () => {
  let ctx: TestContext;
  let w: World;
  let sakA: string;
  let sakB: string;
  let jpA: string;
  let jpB: string;
  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    sakA = await buildSak(ctx.db, w.sbh, { tittel: 'Byggesak Storgata 1' });
    sakB = await buildSak(ctx.db, w.sbh2, { tittel: 'Klage på nabovarsel' });
    jpA = await buildJournalpost(ctx.db, w.sbh, sakA, { tittel: 'Vedtak om rammetillatelse' });
    // Registered incoming letters, not drafts: a draft is read by its own readers only (§6, policies/utkast.ts).
    jpB = await buildJournalpost(ctx.db, w.sbh2, sakB, { journalposttype: 'I', tittel: 'Klage' });
  });
  afterAll(() => ctx.close());

  const historikk = async (url: string) => (await som(ctx, w.ark).get(url)).body as { handling: string; objektId: string; data: Record<string, unknown>; bruker: { systemId: string } }[];

  it('a journalpost refers to a journalpost in another sak; both ends list it, in their own direction', async () => {
    const res = await som(ctx, w.sbh).post(`/api/journalposter/${jpA}/kryssreferanser`, { tilJournalpostId: jpB });
    expect(res.status).toBe(201);
    expect(res.body.referertFra).toEqual([]);
    expect(res.body.refererer).toEqual([
      expect.objectContaining({
        retning: 'til',
        objekt: expect.objectContaining({ type: 'journalpost', systemId: jpB, sakId: sakB, tittel: 'Klage', skjultNivaa: 0, journalposttype: 'I', journalstatus: 'S' }),
        opprettetAv: expect.objectContaining({ systemId: w.sbh.bruker.systemId }),
        abilities: { fjern: true },
      }),
    ]);
    expect(res.body.refererer[0].objekt.nummer).toMatch(/^\d{4}\/\d+-1$/);
    const motsatt = await som(ctx, w.sbh2).get(`/api/journalposter/${jpB}/kryssreferanser`);
    expect(motsatt.status).toBe(200);
    expect(motsatt.body.refererer).toEqual([]);
    // sbh2 has no rights on jpA (the record the reference belongs to): may not remove it.
    expect(motsatt.body.referertFra).toEqual([expect.objectContaining({ retning: 'fra', objekt: expect.objectContaining({ systemId: jpA, tittel: 'Vedtak om rammetillatelse' }), abilities: { fjern: false } })]);
  });

  it('writes historikk on the referring record in the same transaction, naming the target by number only', async () => {
    const h = (await historikk(`/api/journalposter/${jpA}/historikk`)).filter((x) => x.handling === 'kryssreferanse_lagt_til');
    expect(h).toHaveLength(1);
    expect(h[0]!.data).toMatchObject({ til: 'journalpost', tilId: jpB, tilNummer: expect.stringMatching(/-1$/) });
    expect(JSON.stringify(h[0]!.data)).not.toContain('Klage');
  });

  it('a sak refers to a sak and to a journalpost; the sak view tells who may add (abilities)', async () => {
    expect((await som(ctx, w.sbh).post(`/api/saker/${sakA}/kryssreferanser`, { tilSakId: sakB })).status).toBe(201);
    const res = await som(ctx, w.sbh).post(`/api/saker/${sakA}/kryssreferanser`, { tilJournalpostId: jpB });
    expect(res.status).toBe(201);
    expect(res.body.refererer.map((r: { objekt: { type: string; systemId: string } }) => [r.objekt.type, r.objekt.systemId])).toEqual([
      ['sak', sakB],
      ['journalpost', jpB],
    ]);
    const sakBListe = (await som(ctx, w.sbh).get(`/api/saker/${sakB}/kryssreferanser`)).body;
    expect(sakBListe.referertFra).toEqual([expect.objectContaining({ objekt: expect.objectContaining({ type: 'sak', systemId: sakA, tittel: 'Byggesak Storgata 1', saksstatus: 'R' }) })]);
    expect((await som(ctx, w.sbh).get(`/api/saker/${sakA}`)).body.abilities.addKryssreferanse).toBe(true);
    expect((await som(ctx, w.fremmed).get(`/api/saker/${sakA}`)).body.abilities.addKryssreferanse).toBe(false);
    expect((await som(ctx, w.sbh).get(`/api/journalposter/${jpA}`)).body.abilities.addKryssreferanse).toBe(true);
    expect((await som(ctx, w.fremmed).get(`/api/journalposter/${jpA}`)).body.abilities.addKryssreferanse).toBe(false);
  });

  it('refuses: no rights on the source (403), unknown source or target (404), itself (422), twice (409), a malformed body (400)', async () => {
    const ukjent = '00000000-0000-4000-8000-000000000000';
    expectProblem(await som(ctx, w.fremmed).post(`/api/journalposter/${jpA}/kryssreferanser`, { tilSakId: sakB }), 403, 'forbidden');
    expectProblem(await som(ctx, w.fremmed).post(`/api/saker/${sakA}/kryssreferanser`, { tilSakId: sakB }), 403, 'forbidden');
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${ukjent}/kryssreferanser`, { tilSakId: sakB }), 404, 'not_found');
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${jpA}/kryssreferanser`, { tilSakId: ukjent }), 404, 'not_found');
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${jpA}/kryssreferanser`, { tilJournalpostId: jpA }), 422, 'kryssreferanse_to_self');
    expectProblem(await som(ctx, w.sbh).post(`/api/saker/${sakA}/kryssreferanser`, { tilSakId: sakA }), 422, 'kryssreferanse_to_self');
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${jpA}/kryssreferanser`, { tilJournalpostId: jpB }), 409, 'kryssreferanse_exists');
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${jpA}/kryssreferanser`, { tilJournalpostId: jpB, tilSakId: sakB }), 400, 'validation_failed');
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${jpA}/kryssreferanser`, {}), 400, 'validation_failed');
    expectProblem(await som(ctx, w.sbh).get(`/api/saker/${ukjent}/kryssreferanser`), 404, 'not_found');
    // Nothing of the refused attempts was written.
    const n = await ctx.db.selectFrom('kryssreferanse').select((eb) => eb.fn.countAll<string>().as('n')).where('fraJournalpostId', '=', jpA).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('a screened draft (R) is referred to only by those who read it; to others it is as unknown as a missing record (§6)', async () => {
    // A draft shows its title line 1 only where nothing else of it is screened; this one is screened.
    const utkast = await buildJournalpost(ctx.db, w.sbh2, sakB, { tittel: 'Utkast til svar på klagen', tittel2: 'Navn på klager', skjerming: { tilgangskode: 'U', skjermingsnivaa: 2, skjermingshjemmel: 'Offl. § 13' } });
    const ukjent = '00000000-0000-4000-8000-000000000001';
    const avvist = await som(ctx, w.sbh).post(`/api/journalposter/${jpA}/kryssreferanser`, { tilJournalpostId: utkast });
    const mangler = await som(ctx, w.sbh).post(`/api/journalposter/${jpA}/kryssreferanser`, { tilJournalpostId: ukjent });
    expectProblem(avvist, 404, 'not_found');
    expectProblem(mangler, 404, 'not_found');
    expect(avvist.body.detail).toBe(mangler.body.detail);
    expect((await som(ctx, w.sbh2).post(`/api/journalposter/${jpB}/kryssreferanser`, { tilJournalpostId: utkast })).status).toBe(201);
  });

  it('removes one (204) with historikk; only those with rights on the source (403), unknown is 404', async () => {
    const { refererer } = (await som(ctx, w.sbh).get(`/api/saker/${sakA}/kryssreferanser`)).body;
    const id = refererer.find((r: { objekt: { type: string } }) => r.objekt.type === 'journalpost').systemId;
    expectProblem(await som(ctx, w.sbh2).delete(`/api/kryssreferanser/${id}`), 403, 'forbidden');
    expect((await som(ctx, w.sbh).delete(`/api/kryssreferanser/${id}`)).status).toBe(204);
    expectProblem(await som(ctx, w.sbh).delete(`/api/kryssreferanser/${id}`), 404, 'not_found');
    expect((await som(ctx, w.sbh).get(`/api/saker/${sakA}/kryssreferanser`)).body.refererer).toHaveLength(1);
    const h = (await historikk(`/api/saker/${sakA}/historikk`)).filter((x) => x.handling === 'kryssreferanse_fjernet');
    expect(h).toEqual([expect.objectContaining({ objektId: id, data: expect.objectContaining({ til: 'journalpost', tilId: jpB }), bruker: expect.objectContaining({ systemId: w.sbh.bruker.systemId }) })]);
  });

  describe('locked records (§5): added like a merknad, removed from J/A and closed saker only by the archive', () => {
    it('a journalført journalpost gets a reference from its saksbehandler; only the archive removes it', async () => {
      const sak = await buildSak(ctx.db, w.sbh);
      const jp = await buildJournalpost(ctx.db, w.dok, sak, { journalposttype: 'I', saksbehandlerId: w.sbh.bruker.systemId, tittel: 'Søknad' });
      expect((await som(ctx, w.ark).post(`/api/journalposter/${jp}/journalfoer`)).status).toBe(200);
      const res = await som(ctx, w.sbh).post(`/api/journalposter/${jp}/kryssreferanser`, { tilSakId: sakB });
      expect(res.status).toBe(201);
      const ref = res.body.refererer[0];
      expect(ref.abilities).toEqual({ fjern: false });
      expectProblem(await som(ctx, w.sbh).delete(`/api/kryssreferanser/${ref.systemId}`), 409, 'journalpost_locked');
      expect((await som(ctx, w.ark).get(`/api/journalposter/${jp}/kryssreferanser`)).body.refererer[0].abilities).toEqual({ fjern: true });
      expect((await som(ctx, w.ark).delete(`/api/kryssreferanser/${ref.systemId}`)).status).toBe(204);
    });

    it('a sak set to Utgår points to the right sak; removing it afterwards is the archive’s', async () => {
      const feil = await buildSak(ctx.db, w.sbh, { tittel: 'Feil opprettet sak' });
      expect((await som(ctx, w.dok).post(`/api/saker/${feil}/status`, { handling: 'utgaar' })).status).toBe(200);
      const res = await som(ctx, w.sbh).post(`/api/saker/${feil}/kryssreferanser`, { tilSakId: sakA });
      expect(res.status).toBe(201);
      expectProblem(await som(ctx, w.sbh).delete(`/api/kryssreferanser/${res.body.refererer[0].systemId}`), 409, 'sak_closed');
      expect((await som(ctx, w.ark).delete(`/api/kryssreferanser/${res.body.refererer[0].systemId}`)).status).toBe(204);
    });
  });

  describe('skjerming (§8): the other end is read through the one SQL filter, like every list', () => {
    let skjermetSak: string;
    let skjermetJp: string;
    let kilde: string;
    beforeAll(async () => {
      // Screened U level 2, owned by sbh2 in the unit: sbh does not see through, the leader (U for the unit) does.
      skjermetSak = await buildSak(ctx.db, w.sbh2, { tittel: 'Personalsak', tittel2: 'SKJULT-SAKT2', skjerming: { tilgangskode: 'U', skjermingsnivaa: 2, skjermingshjemmel: 'Offl. § 13' } });
      skjermetJp = await buildJournalpost(ctx.db, w.sbh2, sakB, { journalposttype: 'I', tittel: 'Helseopplysninger', tittel2: 'SKJULT-JPT2', skjerming: { tilgangskode: 'U', skjermingsnivaa: 2, skjermingshjemmel: 'Offl. § 13' } });
      kilde = await buildJournalpost(ctx.db, w.sbh, sakA, { tittel: 'Oversendelse' });
      expect((await som(ctx, w.sbh).post(`/api/journalposter/${kilde}/kryssreferanser`, { tilJournalpostId: skjermetJp })).status).toBe(201);
      expect((await som(ctx, w.sbh).post(`/api/journalposter/${kilde}/kryssreferanser`, { tilSakId: skjermetSak })).status).toBe(201);
      // And the other way: the screened journalpost refers to sbh's.
      expect((await som(ctx, w.sbh2).post(`/api/journalposter/${skjermetJp}/kryssreferanser`, { tilJournalpostId: kilde })).status).toBe(201);
    });

    it('a reader without the code sees the public title line 1 and the number, never line 2', async () => {
      const res = await som(ctx, w.sbh).get(`/api/journalposter/${kilde}/kryssreferanser`);
      expect(res.status).toBe(200);
      const objekter = [...res.body.refererer, ...res.body.referertFra].map((r: { objekt: object }) => r.objekt);
      expect(objekter).toEqual([
        expect.objectContaining({ systemId: skjermetJp, tittel: 'Helseopplysninger', tittel2: '*****', skjultNivaa: 2 }),
        expect.objectContaining({ systemId: skjermetSak, tittel: 'Personalsak', tittel2: '*****', skjultNivaa: 2 }),
        expect.objectContaining({ systemId: skjermetJp, tittel2: '*****', skjultNivaa: 2 }),
      ]);
      expect(JSON.stringify(res.body)).not.toContain('SKJULT');
      // The list shows what the single view (policy) shows.
      expect((await som(ctx, w.sbh).get(`/api/journalposter/${skjermetJp}`)).body.tittel2).toBe('*****');
      expect(JSON.stringify((await som(ctx, w.sbh).get(`/api/journalposter/${kilde}/historikk`)).body)).not.toContain('SKJULT');
    });

    it('a reader holding the code (the unit’s leader) sees line 2', async () => {
      const res = await som(ctx, w.leder).get(`/api/journalposter/${kilde}/kryssreferanser`);
      expect(res.body.refererer.map((r: { objekt: { tittel2: string; skjultNivaa: number } }) => [r.objekt.tittel2, r.objekt.skjultNivaa])).toEqual([
        ['SKJULT-JPT2', 0],
        ['SKJULT-SAKT2', 0],
      ]);
      expect(res.body.referertFra[0].objekt.tittel2).toBe('SKJULT-JPT2');
    });

    it('a feilregistrert journalpost leaves every list of references (§12.6)', async () => {
      const borte = await buildJournalpost(ctx.db, w.sbh, sakA, { tittel: 'Feil' });
      expect((await som(ctx, w.sbh).post(`/api/journalposter/${kilde}/kryssreferanser`, { tilJournalpostId: borte })).status).toBe(201);
      expect((await som(ctx, w.sbh).post(`/api/journalposter/${borte}/feilregistrer`)).status).toBe(204);
      const res = await som(ctx, w.sbh).get(`/api/journalposter/${kilde}/kryssreferanser`);
      expect(res.body.refererer.map((r: { objekt: { systemId: string } }) => r.objekt.systemId)).not.toContain(borte);
      expectProblem(await som(ctx, w.sbh).get(`/api/journalposter/${borte}/kryssreferanser`), 404, 'not_found');
      expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${kilde}/kryssreferanser`, { tilJournalpostId: borte }), 404, 'not_found');
    });
  });
});
