import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extractText } from '../test/pdf-text';
import { pdfaProblems } from '../test/pdfa';
import { buildDokument, buildJournalpost, buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { openWorld, type World } from '../test/world';
import type { TestContext } from '../test/context';

/**
 * §10.1 and §10.4 as the pane uses them: earlier correspondents suggested (never from a screened
 * registration), a letter edited as rich text (cleaned, archived as PDF/A), and another document
 * of the sak attached as a vedlegg (filtilknytning).
 */
describe('writing and correcting in the pane', () => {
  let ctx: TestContext;
  let w: World;
  let sakId: string;
  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    sakId = await buildSak(ctx.db, w.sbh, { tittel: 'Byggesak Fjordveien 2' });
  }, 180_000);
  afterAll(() => ctx?.close());

  const bytes = async (sha: string) => {
    const { stream } = await ctx.blobs.open(sha);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  };

  it('suggests earlier correspondents by name or address, once each; a screened registration suggests nothing to those without the code', async () => {
    await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'I', tittel: 'Søknad', korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Kari Nordmann', epostadresse: 'kari@example.no', postadresse: 'Fjordveien 2', postnummer: '9000', poststed: 'Fjordvik' }] });
    await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'I', tittel: 'Ettersending', korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Kari Nordmann', epostadresse: 'kari@example.no' }] });
    // Personal matters (§13 offl.): the party is screened at level 3 with code P.
    const personalsak = await buildSak(ctx.db, w.sbh2, { tittel: 'Personalsak' });
    await buildJournalpost(ctx.db, w.sbh2, personalsak, { journalposttype: 'I', tittel: 'Klage', skjerming: { tilgangskode: 'P', skjermingsnivaa: 3, skjermingshjemmel: 'Offl. § 13' }, korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Karianne Skjult', epostadresse: 'skjult@example.no' }] });

    const sbh = await som(ctx, w.sbh).get('/api/korrespondanseparter/forslag?q=kari');
    expect(sbh.status).toBe(200);
    expect(sbh.body.map((p: { navn: string }) => p.navn)).toEqual(['Kari Nordmann']);
    expect(sbh.body[0]).toMatchObject({ epostadresse: 'kari@example.no' });
    const ark = await som(ctx, w.ark).get('/api/korrespondanseparter/forslag?q=kari');
    expect(ark.body.map((p: { navn: string }) => p.navn).sort()).toEqual(['Kari Nordmann', 'Karianne Skjult']);
    expect((await som(ctx, w.sbh).get('/api/korrespondanseparter/forslag?q=skjult@')).body).toEqual([]);
  });

  it('lists the people of a unit for fordeling (§10.1)', async () => {
    const res = await som(ctx, w.sbh).get(`/api/brukere?enhetId=${w.enhet.systemId}`);
    expect(res.status).toBe(200);
    const ids = res.body.map((b: { systemId: string }) => b.systemId);
    expect(ids).toEqual(expect.arrayContaining([w.sbh.bruker.systemId, w.sbh2.bruker.systemId, w.leder.bruker.systemId]));
    expect(ids).not.toContain(w.fremmed.bruker.systemId);
    expect(ids).not.toContain(w.ark.bruker.systemId);
  });

  it('keeps the letter the pane edited as clean HTML and archives its text as PDF/A', async () => {
    const jpId = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'U', tittel: 'Svar på søknad', korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Kari Nordmann' }] });
    const html = '<h2>Svar på søknad</h2><p>Vi har <strong>mottatt</strong> søknaden &amp; vedlegg.</p><script>alert(1)</script><ul><li>Tegninger</li></ul><p onclick="x()">Med hilsen</p>';
    const res = await som(ctx, w.sbh).put(`/api/journalposter/${jpId}/brev/html`, { html });
    expect(res.status).toBe(200);
    const hoved = res.body.dokumenter[0];
    const p = hoved.versjoner.find((v: { variantformat: string }) => v.variantformat === 'P');
    const a = hoved.versjoner.find((v: { variantformat: string }) => v.variantformat === 'A');
    expect(p.format).toBe('text/html; charset=utf-8');
    expect((await bytes(p.sjekksum)).toString()).toBe('<h2>Svar på søknad</h2><p>Vi har <strong>mottatt</strong> søknaden &amp; vedlegg.</p><ul><li>Tegninger</li></ul><p>Med hilsen</p>');
    const pdf = await bytes(a.sjekksum);
    expect(await pdfaProblems(pdf)).toEqual([]);
    const tekst = (await extractText(pdf))[0]!.linjer;
    expect(tekst).toContain('Vi har mottatt søknaden & vedlegg.');
    expect(tekst).toContain('Tegninger');
    expect(tekst).not.toContain('alert');
    expectProblem(await som(ctx, w.sbh).put(`/api/journalposter/${jpId}/brev/html`, { html: '<script>x</script>' }), 400, 'validation_failed');
  });

  it('keeps bold and italic from the editor in the PDF/A letter: the words are drawn in Noto Sans Bold and Italic, embedded', async () => {
    const jpId = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'U', tittel: 'Vedtak om dispensasjon', korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Kari Nordmann' }] });
    const html = '<h2>Vedtak</h2><p>Søknaden er <strong>innvilget</strong> med <em>vilkår</em> og <strong><em>frist 1. mars</em></strong>.</p><ul><li>Vilkår <b>én</b></li></ul><p>Med hilsen</p>';
    const res = await som(ctx, w.sbh).put(`/api/journalposter/${jpId}/brev/html`, { html });
    expect(res.status).toBe(200);
    const a = res.body.dokumenter[0].versjoner.find((v: { variantformat: string }) => v.variantformat === 'A');
    const pdf = await bytes(a.sjekksum);
    expect(await pdfaProblems(pdf)).toEqual([]);
    const [side] = await extractText(pdf);
    // The text reads as before (search, previews); each word is drawn in its face.
    expect(side!.linjer).toContain('Søknaden er innvilget med vilkår og frist 1. mars.');
    expect(side!.linjer).toContain('• Vilkår én');
    const i = (ord: string) => side!.runs.filter((r) => r.text.includes(ord)).map((r) => r.font);
    expect({ overskrift: i('Vedtak'), innvilget: i('innvilget'), vilkaar: i('vilkår'), frist: i('frist 1. mars'), en: i('én'), hilsen: i('Med hilsen') }).toEqual({
      overskrift: ['NotoSans-Bold'],
      innvilget: ['NotoSans-Bold'],
      vilkaar: ['NotoSans-Italic'],
      frist: ['NotoSans-BoldItalic'],
      en: ['NotoSans-Bold'],
      hilsen: ['NotoSans-Regular'],
    });
    expect(side!.runs.find((r) => r.text.includes('Søknaden er'))?.font).toBe('NotoSans-Regular');
    // poppler agrees: the four faces are embedded (subsets), as PDF/A requires.
    const dir = await mkdtemp(path.join(tmpdir(), 'brev-'));
    try {
      await writeFile(path.join(dir, 'brev.pdf'), pdf);
      const fonts = execFileSync('pdffonts', [path.join(dir, 'brev.pdf')], { encoding: 'utf8' })
        .split('\n')
        .slice(2)
        .filter(Boolean)
        .map((l) => l.split(/\s+/))
        .map((c) => [c[0]!.replace(/^[A-Z]{6}\+/, ''), c.at(-5)]);
      expect(fonts.sort()).toEqual([
        ['NotoSans-Bold', 'yes'],
        ['NotoSans-BoldItalic', 'yes'],
        ['NotoSans-Italic', 'yes'],
        ['NotoSans-Regular', 'yes'],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('attaches a document of another journalpost in the sak as a vedlegg, with the same file', async () => {
    const kilde = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'N', tittel: 'Notat om befaring' });
    const kildeDok = await buildDokument(ctx.db, ctx.blobs, w.sbh, kilde, 'befaringsnotat');
    const jpId = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'U', tittel: 'Vedtak' });
    const res = await som(ctx, w.sbh).post(`/api/journalposter/${jpId}/dokumenter/tilknytning`, { dokumentId: kildeDok });
    expect(res.status).toBe(201);
    const [vedlegg] = res.body.dokumenter;
    expect(vedlegg).toMatchObject({ tilknyttetRegistreringSom: 'V', dokumentnummer: 1 });
    expect((await bytes(vedlegg.versjoner[0].sjekksum)).toString()).toBe('befaringsnotat');
    const h = await ctx.db.selectFrom('historikk').select(['handling', 'data']).where('journalpostId', '=', jpId).where('handling', '=', 'dokument_tilknyttet').execute();
    expect(h).toHaveLength(1);
    // A document from another sak is not the sak's: refused.
    const annenSak = await buildSak(ctx.db, w.sbh, { tittel: 'Annen sak' });
    const fremmedJp = await buildJournalpost(ctx.db, w.sbh, annenSak, { journalposttype: 'N', tittel: 'Annet notat' });
    const fremmedDok = await buildDokument(ctx.db, ctx.blobs, w.sbh, fremmedJp);
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${jpId}/dokumenter/tilknytning`, { dokumentId: fremmedDok }), 422, 'unprocessable');
    // Someone without rights on the journalpost may not attach.
    expectProblem(await som(ctx, w.fremmed).post(`/api/journalposter/${jpId}/dokumenter/tilknytning`, { dokumentId: kildeDok }), 404, 'not_found');
  });
});
