import { Readable } from 'node:stream';
import type { SkjermingInput } from '@arkiv/shared';
import { addDokument } from '../dokument/dokument.service';
import { setDokumentSkjerming } from '../dokument/offentlighet.service';
import { buildJournalpost, buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { extractText } from '../test/pdf-text';
import { openWorld, type World } from '../test/world';
import type { TestContext } from '../test/context';

/**
 * §8 on what goes out (§10.4 letter, §10.7 preview, expedition and paper bundle): whoever
 * writes, previews, expedites or prints it must see its recipients and its documents. A user
 * from whom any of it is screened is refused (403), and the utsending list hands out no link
 * the bundle route would refuse. The leader of the unit has rights on the journalpost but only
 * code U for the unit; the archive holds U, P and IS for all units.
 */
describe('§8 skjerming of what goes out: letter, preview, expedition, paper bundle', () => {
  let ctx: TestContext;
  let w: World;
  beforeAll(async () => ({ ctx, w } = await openWorld()));
  afterAll(() => ctx.close());

  const P3: SkjermingInput = { tilgangskode: 'P', skjermingsnivaa: 3, skjermingshjemmel: 'Offl. § 13' };
  const P1: SkjermingInput = { tilgangskode: 'P', skjermingsnivaa: 1, skjermingshjemmel: 'Offl. § 13' };
  const MOTTAKER = { korrespondanseparttype: 'EM' as const, navn: 'Hemmelig Mottaker', postadresse: 'Skjultveien 7', postnummer: '9990', poststed: 'Løyndal' };

  const brev = async (skjerming: SkjermingInput, innhold = 'Brevets innhold') => {
    const sakId = await buildSak(ctx.db, w.sbh);
    const id = await buildJournalpost(ctx.db, w.sbh, sakId, { tittel: 'Brev til skjermet mottaker', korrespondanseparter: [MOTTAKER], skjerming });
    const staged = await ctx.blobs.stage(Readable.from([Buffer.from(innhold)]));
    const dokId = await addDokument(ctx.db, ctx.blobs, w.sbh, id, { tittel: 'Brev' }, { staged, filnavn: 'brev.txt', mimeType: 'text/plain' });
    return { id, dokId };
  };
  const hemmelig = (body: unknown) => /Hemmelig|Skjultveien|Løyndal|HEMMELIG-INNHOLD/.test(typeof body === 'string' ? body : JSON.stringify(body));
  const pakke = async (brukernavn: string, url: string) => ctx.app.inject({ method: 'GET', url, headers: await ctx.auth(brukernavn) });

  it('a paper bundle of a journalpost whose recipients are screened (level 3) goes only to who sees them; the list gives no link to others', async () => {
    const { id } = await brev(P3);
    expect((await som(ctx, w.sbh).post(`/api/journalposter/${id}/ekspeder`, {})).status).toBe(200);
    const list = async (u: typeof w.sbh) => (await som(ctx, u).get(`/api/journalposter/${id}/utsendinger`)).body as { systemId: string; kanal: string; mottakerNavn: string; pakke: string | null }[];
    const url = `/api/utsendinger/${(await list(w.sbh))[0]!.systemId}/pakke.pdf`;
    expect((await list(w.sbh)).map((u) => [u.kanal, u.mottakerNavn, u.pakke])).toEqual([['papir', 'Hemmelig Mottaker', url]]);

    for (const u of [w.leder, w.fremmed, w.sbh2, w.dok]) {
      expect((await list(u)).map((x) => [x.kanal, x.mottakerNavn, x.pakke])).toEqual([['papir', '*****', null]]);
      const res = await pakke(u.bruker.brukernavn, url);
      expectProblem(res, 403, 'forbidden');
      expect(hemmelig(res.body)).toBe(false);
    }
    // The archive holds P: the bundle has the address page with name and postal address.
    const ok = await pakke(w.ark.bruker.brukernavn, url);
    expect([ok.statusCode, ok.headers['content-type']]).toEqual([200, 'application/pdf']);
    const adresse = (await extractText(ok.rawPayload))[0]!.text;
    expect(adresse).toContain('Hemmelig Mottaker');
    expect(adresse).toContain('Skjultveien 7');
  });

  it('a paper bundle whose documents are screened from the reader (level 1) is refused, not printed without them', async () => {
    const { id } = await brev(P1, 'HEMMELIG-INNHOLD');
    expect((await som(ctx, w.sbh).post(`/api/journalposter/${id}/ekspeder`, {})).status).toBe(200);
    const [u] = (await som(ctx, w.sbh).get(`/api/journalposter/${id}/utsendinger`)).body as { systemId: string }[];
    const url = `/api/utsendinger/${u!.systemId}/pakke.pdf`;
    // The recipient is not screened at level 1, the documents are.
    const fremmed = (await som(ctx, w.fremmed).get(`/api/journalposter/${id}/utsendinger`)).body as { mottakerNavn: string; pakke: string | null }[];
    expect(fremmed.map((x) => [x.mottakerNavn, x.pakke])).toEqual([['Hemmelig Mottaker', null]]);
    expectProblem(await pakke(w.fremmed.bruker.brukernavn, url), 403, 'forbidden');
    const ok = await pakke(w.sbh.bruker.brukernavn, url);
    expect(ok.statusCode).toBe(200);
    expect((await extractText(ok.rawPayload)).map((p) => p.text).join('\n')).toContain('HEMMELIG-INNHOLD');
  });

  it('the preview and the expedition are refused to a leader from whom the documents are screened (level 1); nothing of them is shown', async () => {
    const { id } = await brev(P1, 'HEMMELIG-INNHOLD');
    const view = (await som(ctx, w.leder).get(`/api/journalposter/${id}`)).body;
    expect([view.dokumenter[0].skjermet, view.abilities.ekspeder]).toEqual([true, false]);
    for (const url of [`/api/journalposter/${id}/ekspeder/forhaandsvisning`, `/api/journalposter/${id}/ekspeder`]) {
      const res = await som(ctx, w.leder).post(url, { hoveddokumentSom: 'tekst' });
      expectProblem(res, 403, 'forbidden');
      expect(hemmelig(res.body)).toBe(false);
    }
    expect((await som(ctx, w.sbh).get(`/api/journalposter/${id}`)).body).toMatchObject({ journalstatus: 'R', abilities: { ekspeder: true } });
  });

  it('§10.4 a letter from a template is written only by one who sees its recipients and the hoveddokument', async () => {
    const mal = await som(ctx, w.ark).post('/api/maler', { navn: 'Brev med adresse', journalposttype: 'U', innhold: '{{mottakerNavn}}\n{{mottakerAdresse}}\n\n{{tittel}}' });
    expect(mal.status).toBe(201);
    // Recipients screened at level 3 with P; the hoveddokument graded on its own with U, which
    // the leader holds: without the rule the letter would carry the recipient into a document
    // the leader may read.
    const { id, dokId } = await brev(P3);
    await setDokumentSkjerming(ctx.db, w.sbh, dokId, { tilgangskode: 'U', skjermingsnivaa: 1, skjermingshjemmel: 'Offl. § 13' });
    const before = (await som(ctx, w.leder).get(`/api/journalposter/${id}`)).body;
    expect([before.korrespondanseparterSkjermet, before.dokumenter[0].skjermet]).toEqual([true, false]);

    const refused = await som(ctx, w.leder).post(`/api/journalposter/${id}/brev`, { malId: mal.body.systemId });
    expectProblem(refused, 403, 'forbidden');
    expectProblem(await som(ctx, w.leder).put(`/api/journalposter/${id}/brev`, { tekst: 'Ny tekst' }), 403, 'forbidden');
    const innhold = await ctx.app.inject({ method: 'GET', url: `/api/dokumenter/${dokId}/innhold`, headers: await ctx.auth(w.leder.bruker.brukernavn) });
    expect([innhold.statusCode, innhold.body]).toEqual([200, 'Brevets innhold']);
    expect(hemmelig(innhold.body)).toBe(false);

    // The saksbehandler sees through and writes it.
    const ok = await som(ctx, w.sbh).post(`/api/journalposter/${id}/brev`, { malId: mal.body.systemId });
    expect(ok.status).toBe(201);
    const brevtekst = await ctx.app.inject({ method: 'GET', url: `/api/dokumenter/${dokId}/innhold`, headers: await ctx.auth(w.sbh.bruker.brukernavn) });
    expect(brevtekst.body).toContain('Hemmelig Mottaker\nSkjultveien 7\n9990 Løyndal');
  });
});
