import type { TestContext } from '../test/context';
import { buildDokument, buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { openWorld, type World } from '../test/world';

/**
 * The archive's desk (§5, §3.3, §12.8): what waits for journalføring with what the quality
 * check finds missing, saker ready to close, journalføring of a selection, what blocks closing,
 * and the dokumentsenter's helpers (earlier correspondents, units to distribute to).
 */
describe('the archive desk', () => {
  let ctx: TestContext;
  let w: World;
  let sakId: string;
  let tomSakId: string;
  /** I without document or sender, with a fødselsnummer in line 1. */
  let mangelfull: string;
  /** I with a document that has no archive variant, screened without hjemmel. */
  let udokumentert: string;
  /** I with a sender and a document: only the archive variant is missing. */
  let nesten: string;

  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    const dok = som(ctx, w.dok);
    sakId = await buildSak(ctx.db, w.sbh, { tittel: 'Sak for arkivbordet' });
    tomSakId = await buildSak(ctx.db, w.sbh, { tittel: 'Ferdig sak for arkivbordet' });
    const ny = async (body: object) => {
      const res = await dok.post(`/api/saker/${sakId}/journalposter`, body);
      expect(res.status).toBe(201);
      return res.body.systemId as string;
    };
    mangelfull = await ny({ journalposttype: 'I', tittel: 'Søknad fra 01019012480 om plass', saksbehandlerId: w.sbh.bruker.systemId });
    udokumentert = await ny({ journalposttype: 'I', tittel: 'Opplysninger om elev', saksbehandlerId: w.sbh.bruker.systemId, skjerming: { tilgangskode: 'U', skjermingsnivaa: 2, skjermingshjemmel: ' ' }, korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Foresatt' }] });
    await buildDokument(ctx.db, ctx.blobs, w.sbh, udokumentert);
    nesten = await ny({ journalposttype: 'I', tittel: 'Brev fra Fjordvik Velforening', saksbehandlerId: w.sbh.bruker.systemId, korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Fjordvik Velforening', postadresse: 'Postboks 7' }] });
    await buildDokument(ctx.db, ctx.blobs, w.sbh, nesten);
    // A sak whose only letter is answered and journalført: ready to close.
    const svar = await dok.post(`/api/saker/${tomSakId}/journalposter`, { journalposttype: 'I', tittel: 'Takk for svaret', saksbehandlerId: w.sbh.bruker.systemId, korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Foresatt' }] });
    expect((await som(ctx, w.sbh).post(`/api/journalposter/${svar.body.systemId}/avskrivninger`, { avskrivningsmaate: 'TE' })).status).toBe(201);
    expect((await som(ctx, w.ark).post(`/api/journalposter/${svar.body.systemId}/journalfoer`)).body.journalstatus).toBe('J');
  });
  afterAll(() => ctx.close());

  const mangler = async () => {
    const res = await som(ctx, w.ark).get('/api/arkiv/til-journalfoering');
    expect(res.status).toBe(200);
    return new Map((res.body.items as { systemId: string; mangler: string[] }[]).map((i) => [i.systemId, i.mangler]));
  };

  it('lists what waits for journalføring with what the quality check finds missing', async () => {
    const m = await mangler();
    expect(m.get(mangelfull)).toEqual(['ingen_dokument', 'ingen_korrespondansepart', 'foedselsnummer_i_tittel']);
    expect(m.get(nesten)).toEqual(['ingen_arkivvariant']);
    expect(m.get(udokumentert)).toEqual(['ingen_arkivvariant', 'skjerming_uten_hjemmel']);
  });

  it('is the archive’s and the dokumentsenter’s only', async () => {
    expectProblem(await som(ctx, w.sbh).get('/api/arkiv/til-journalfoering'), 403, 'forbidden');
    expectProblem(await som(ctx, w.sbh).get('/api/arkiv/klare-saker'), 403, 'forbidden');
    expectProblem(await som(ctx, w.sbh).post('/api/arkiv/journalfoering', { journalpostIds: [nesten] }), 403, 'forbidden');
    expect((await som(ctx, w.dok).get('/api/arkiv/til-journalfoering')).status).toBe(200);
  });

  it('journalfører a selection, each on its own, and says per record what happened', async () => {
    const ukjent = '00000000-0000-4000-8000-000000000001';
    const feil = expectProblem(await som(ctx, w.ark).post('/api/arkiv/journalfoering', { journalpostIds: [nesten, ukjent] }), 400, 'validation_failed');
    expect(feil.errors?.map((e) => e.field)).toEqual(['/journalpostIds']);
    expect((await som(ctx, w.ark).get(`/api/journalposter/${nesten}`)).body.journalstatus).toBe('S');
    // A removed record is there but not the archive's to journalføre: refused on its own, the rest go.
    const fjernes = await som(ctx, w.dok).post(`/api/saker/${sakId}/journalposter`, { journalposttype: 'I', tittel: 'Feilsendt brev', saksbehandlerId: w.sbh.bruker.systemId });
    expect((await som(ctx, w.dok).post(`/api/journalposter/${fjernes.body.systemId}/feilregistrer`)).status).toBe(204);
    const res = await som(ctx, w.ark).post('/api/arkiv/journalfoering', { journalpostIds: [nesten, mangelfull, fjernes.body.systemId] });
    expect(res.status).toBe(200);
    expect(res.body.resultater).toEqual([
      { journalpostId: nesten, journalstatus: 'J' },
      { journalpostId: mangelfull, journalstatus: 'J' },
      { journalpostId: fjernes.body.systemId, problem: { code: 'not_found', detail: expect.any(String) } },
    ]);
    expect((await som(ctx, w.ark).get(`/api/journalposter/${nesten}`)).body.journalstatus).toBe('J');
    const m = await mangler();
    expect(m.has(nesten)).toBe(false);
    expect(m.has(mangelfull)).toBe(false);
  });

  it('says what blocks closing a sak, and lists a sak once nothing does', async () => {
    const blokk = await som(ctx, w.ark).get(`/api/saker/${sakId}/avslutning`);
    expect(blokk.body.kanAvsluttes).toBe(false);
    // The incoming letters keep their restanse until answered; the notat is not journalført.
    expect(blokk.body.blokkerende.map((b: { systemId: string }) => b.systemId).sort()).toEqual([mangelfull, udokumentert, nesten].sort());
    const klare = (await som(ctx, w.ark).get('/api/arkiv/klare-saker')).body as { systemId: string }[];
    expect(klare.map((k) => k.systemId)).not.toContain(sakId);
    expect(klare.find((k) => k.systemId === tomSakId)).toMatchObject({ saksstatus: 'R', antallJournalposter: 1 });
    expect((await som(ctx, w.ark).get(`/api/saker/${tomSakId}/avslutning`)).body).toEqual({ kanAvsluttes: true, blokkerende: [] });
  });

  it('offers earlier correspondents by name prefix, and units with their leader', async () => {
    const forslag = await som(ctx, w.dok).get('/api/korrespondanseparter/forslag?q=fjordvik');
    expect(forslag.body).toEqual([expect.objectContaining({ navn: 'Fjordvik Velforening', postadresse: 'Postboks 7', postnummer: null, poststed: null, epostadresse: null })]);
    const enheter = (await som(ctx, w.dok).get('/api/enheter')).body as { systemId: string; lederId: string | null }[];
    expect(enheter.find((e) => e.systemId === w.enhet.systemId)?.lederId).toBe(w.leder.bruker.systemId);
  });
});
