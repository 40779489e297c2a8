import { Readable } from 'node:stream';
import { addDokument } from '../dokument/dokument.service';
import type { TestContext } from '../test/context';
import { buildJournalpost, buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { openWorld, type World } from '../test/world';

/**
 * §12.3 Send uformelt: the documents go into a new Outlook message, and Outlook fetches them
 * itself, without the user's token. Each comes as a short-lived link that stands for the user.
 */
describe('§12.3 send uformelt: links Outlook can fetch', () => {
  let ctx: TestContext;
  let w: World;
  beforeAll(async () => ({ ctx, w } = await openWorld()));
  afterAll(() => ctx.close());

  /** A letter out (a draft: its saksbehandler's) or, `inn`, registered post in (the unit reads it). */
  const brev = async (tittel: string, tekst: string, inn = false) => {
    const sakId = await buildSak(ctx.db, w.sbh, { tittel: `Sak for ${tittel}` });
    const part = inn ? { korrespondanseparttype: 'EA' as const, navn: 'Per Hansen' } : { korrespondanseparttype: 'EM' as const, navn: 'Per Hansen', epostadresse: 'per@example.no' };
    const jpId = await buildJournalpost(ctx.db, w.sbh, sakId, { tittel, journalposttype: inn ? 'I' : 'U', korrespondanseparter: [part] });
    const staged = await ctx.blobs.stage(Readable.from([Buffer.from(tekst)]));
    const dokId = await addDokument(ctx.db, ctx.blobs, w.sbh, jpId, { tittel }, { staged, filnavn: 'brev.txt', mimeType: 'text/plain' });
    return { jpId, dokId };
  };
  const utenToken = (url: string) => ctx.app.inject({ method: 'GET', url });
  const versjon = async (jpId: string) => (await ctx.db.selectFrom('journalpost').select('versjon').where('systemId', '=', jpId).executeTakeFirstOrThrow()).versjon;

  it('gives each document as a link that works without a token, and keeps in historikk that it was handed out', async () => {
    const { jpId, dokId } = await brev('Brev sendt uformelt', 'Vi viser til telefonsamtalen.');
    const foer = await versjon(jpId);
    const pakke = await som(ctx, w.sbh).post('/api/sendepakke', { dokumenter: [{ dokumentId: dokId }] });
    expect(pakke.status).toBe(200);
    const [vedlegg] = pakke.body.vedlegg as { filnavn: string; url: string; utloeper: string }[];
    expect(vedlegg!.url).toMatch(/^\/api\/dokumentlenker\/[\w-]{43}$/);
    const om = new Date(vedlegg!.utloeper).getTime() - Date.now();
    expect(om > 10 * 60_000 && om <= 15 * 60_000).toBe(true);

    const hentet = await utenToken(vedlegg!.url);
    expect([hentet.statusCode, hentet.body, hentet.headers['content-disposition'], hentet.headers['cache-control']]).toEqual([200, 'Vi viser til telefonsamtalen.', "attachment; filename*=UTF-8''brev.txt", 'private, no-store']);

    const historikk = await ctx.db.selectFrom('historikk').select(['brukerId', 'data']).where('journalpostId', '=', jpId).where('handling', '=', 'sendt_uformelt').execute();
    expect(historikk).toEqual([{ brukerId: w.sbh.bruker.systemId, data: { dokumenter: [{ dokumentId: dokId, versjonsnummer: 1, variantformat: 'P' }] } }]);
    // Handing documents out is not a change of the record: an edit begun before it still goes through.
    expect(await versjon(jpId)).toBe(foer);
  });

  it('checks access again when the link is used: a document screened since is not given out', async () => {
    const { dokId } = await brev('Brev som skjermes etterpå', 'Opplysninger om helse.', true);
    const pakke = await som(ctx, w.sbh2).post('/api/sendepakke', { dokumenter: [{ dokumentId: dokId }] });
    expect(pakke.status).toBe(200);
    const url = (pakke.body.vedlegg as { url: string }[])[0]!.url;
    expect((await utenToken(url)).statusCode).toBe(200);
    const skjermet = await som(ctx, w.sbh).put(`/api/dokumenter/${dokId}/skjerming`, { skjerming: { tilgangskode: 'U', skjermingsnivaa: 2, skjermingshjemmel: 'Offl. § 13' } });
    expect(skjermet.status).toBe(200);
    expectProblem(await utenToken(url), 404, 'not_found');
  });

  it('refuses an expired, an unknown and a malformed link with problem+json', async () => {
    const { dokId } = await brev('Brev med gammel lenke', 'Tekst.');
    const pakke = await som(ctx, w.sbh).post('/api/sendepakke', { dokumenter: [{ dokumentId: dokId }] });
    const url = (pakke.body.vedlegg as { url: string }[])[0]!.url;
    await ctx.db.updateTable('dokumentlenke').set({ utloeper: new Date(Date.now() - 60_000) }).where('dokumentbeskrivelseId', '=', dokId).execute();
    expectProblem(await utenToken(url), 410, 'link_expired');
    expectProblem(await utenToken(`/api/dokumentlenker/${'A'.repeat(43)}`), 404, 'not_found');
    expectProblem(await utenToken('/api/dokumentlenker/ikke-en-lenke'), 400, 'validation_failed');
  });

  it('hands out nothing the user does not see', async () => {
    const { dokId } = await brev('Brev i annen enhet', 'Tekst.');
    await som(ctx, w.sbh).put(`/api/dokumenter/${dokId}/skjerming`, { skjerming: { tilgangskode: 'U', skjermingsnivaa: 2, skjermingshjemmel: 'Offl. § 13' } });
    expectProblem(await som(ctx, w.fremmed).post('/api/sendepakke', { dokumenter: [{ dokumentId: dokId }] }), 404, 'not_found');
    expect(await ctx.db.selectFrom('dokumentlenke').select('tokenSha256').where('dokumentbeskrivelseId', '=', dokId).execute()).toEqual([]);
  });
});
