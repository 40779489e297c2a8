import { createHash } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTestContext, type TestContext } from '../test/context';
import { buildJournalpost, buildSak, buildWorld } from '../test/factories';
import { expectProblem, multipart } from '../test/http';
import { openWorld, type World } from '../test/world';

const LIMIT = 64 * 1024;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Manual §5 (Saksdokument → Versjon → Variant): upload, versions, download, limits. */
describe('document routes', () => {
  let ctx: TestContext;
  let world: World;
  beforeAll(async () => {
    ctx = await createTestContext({ ARKIV_MAX_UPLOAD_BYTES: String(LIMIT) });
    world = await buildWorld(ctx.db);
  });
  afterAll(() => ctx.close());

  const headers = async () => ctx.auth(world.sbh.bruker.brukernavn);
  async function nyJournalpost() {
    const sakId = await buildSak(ctx.db, world.sbh);
    return buildJournalpost(ctx.db, world.sbh, sakId, { journalposttype: 'U' });
  }
  async function upload(jpId: string, fields: Record<string, string>, name: string, content: Buffer | string, type = 'application/pdf') {
    const body = await multipart(fields, { name, type, content });
    return ctx.app.inject({ method: 'POST', url: `/api/journalposter/${jpId}/dokumenter`, headers: { ...(await headers()), ...body.headers }, payload: body.payload });
  }

  it('uploads a hoveddokument and a vedlegg, and downloads the exact bytes with checksum headers', async () => {
    const jpId = await nyJournalpost();
    const brev = Buffer.from('%PDF-1.7 brev til søker\n');
    const res = await upload(jpId, { tittel: 'Vedtak om byggetillatelse' }, 'vedtak.pdf', brev);
    expect(res.statusCode).toBe(201);
    const vedlegg = await upload(jpId, {}, 'C:\\Users\\ola\\Situasjonskart.pdf', Buffer.from('%PDF kart'));
    expect(vedlegg.statusCode).toBe(201);
    const dokumenter = vedlegg.json().dokumenter as { systemId: string; tittel: string; tilknyttetRegistreringSom: string }[];
    expect(dokumenter.map((d) => [d.tittel, d.tilknyttetRegistreringSom])).toEqual([
      ['Vedtak om byggetillatelse', 'H'],
      ['Situasjonskart', 'V'],
    ]);
    const dl = await ctx.app.inject({ method: 'GET', url: `/api/dokumenter/${dokumenter[0]!.systemId}/innhold`, headers: await headers() });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(brev)).toBe(true);
    expect(dl.headers['content-type']).toContain('application/pdf');
    expect(dl.headers['content-disposition']).toContain('vedtak.pdf');
    expect(dl.headers.etag).toBe(`"${createHash('sha256').update(brev).digest('hex')}"`);
    const hist = await ctx.db.selectFrom('historikk').select('handling').where('journalpostId', '=', jpId).execute();
    expect(hist.filter((h) => h.handling === 'dokument_lagt_til')).toHaveLength(2);
  });

  it('serves an uploaded HTML or SVG file as bytes to save, never as a page of this site (nosniff, attachment, sandbox)', async () => {
    const jpId = await nyJournalpost();
    const farlig = [
      ['side.html', 'text/html', '<html><script>fetch("/api/meg")</script></html>'],
      ['bilde.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ] as const;
    for (const [name, type, content] of farlig) {
      const res = await upload(jpId, {}, name, content, type);
      expect(res.statusCode).toBe(201);
      const dok = (res.json().dokumenter as { systemId: string; tittel: string }[]).at(-1)!;
      const dl = await ctx.app.inject({ method: 'GET', url: `/api/dokumenter/${dok.systemId}/innhold`, headers: await headers() });
      expect(dl.statusCode).toBe(200);
      expect(dl.body).toBe(content);
      expect({
        type: dl.headers['content-type'],
        nosniff: dl.headers['x-content-type-options'],
        disposition: String(dl.headers['content-disposition']).split(';')[0],
        csp: dl.headers['content-security-policy'],
      }).toEqual({ type: 'application/octet-stream', nosniff: 'nosniff', disposition: 'attachment', csp: expect.stringMatching(/default-src 'none'.*sandbox/) });
    }
    const pdf = await upload(jpId, {}, 'brev.pdf', '%PDF-1.7 brev');
    const pdfDok = (pdf.json().dokumenter as { systemId: string }[]).at(-1)!;
    const dl = await ctx.app.inject({ method: 'GET', url: `/api/dokumenter/${pdfDok.systemId}/innhold`, headers: await headers() });
    expect({ type: dl.headers['content-type'], nosniff: dl.headers['x-content-type-options'] }).toEqual({ type: 'application/pdf', nosniff: 'nosniff' });
  });

  it('a new version becomes the active one; older versions stay downloadable', async () => {
    const jpId = await nyJournalpost();
    const first = await upload(jpId, { tittel: 'Utkast til svar' }, 'svar.txt', 'versjon 1', 'text/plain');
    const dokId = first.json().dokumenter[0].systemId as string;
    const v2 = await multipart({}, { name: 'svar.txt', type: 'text/plain', content: 'versjon 2' });
    const res = await ctx.app.inject({ method: 'POST', url: `/api/dokumenter/${dokId}/versjoner`, headers: { ...(await headers()), ...v2.headers }, payload: v2.payload });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ dokumentId: dokId, versjonsnummer: 2, variantformat: 'P' });
    const active = await ctx.app.inject({ method: 'GET', url: `/api/dokumenter/${dokId}/innhold`, headers: await headers() });
    expect(active.body).toBe('versjon 2');
    const old = await ctx.app.inject({ method: 'GET', url: `/api/dokumenter/${dokId}/versjoner/1/innhold`, headers: await headers() });
    expect(old.body).toBe('versjon 1');
    const missing = await ctx.app.inject({ method: 'GET', url: `/api/dokumenter/${dokId}/versjoner/3/innhold`, headers: await headers() });
    expectProblem(missing, 404, 'not_found');
  });

  it('an upload over the limit gets 413 and leaves no record and no blob behind', async () => {
    const jpId = await nyJournalpost();
    const before = await filesUnder(path.join(ctx.dataDir, 'blobs'));
    const res = await upload(jpId, { tittel: 'Altfor stor tegning' }, 'tegning.pdf', Buffer.alloc(LIMIT + 1, 7));
    expectProblem(res, 413, 'payload_too_large');
    const rows = await ctx.db.selectFrom('dokumentbeskrivelse').select('systemId').where('journalpostId', '=', jpId).execute();
    expect(rows).toEqual([]);
    expect(await filesUnder(path.join(ctx.dataDir, 'blobs'))).toEqual(before);
    const hist = await ctx.db.selectFrom('historikk').select('handling').where('journalpostId', '=', jpId).where('handling', '=', 'dokument_lagt_til').execute();
    expect(hist).toEqual([]);
    // exactly at the limit is fine
    const ok = await upload(jpId, { tittel: 'Tegning' }, 'tegning.pdf', Buffer.alloc(LIMIT, 7));
    expect(ok.statusCode).toBe(201);
  });

  it('a refused upload (a second hoveddokument) leaves no record and no blob behind', async () => {
    const jpId = await nyJournalpost();
    expect((await upload(jpId, { tittel: 'Kart' }, 'kart.pdf', 'kart 1')).statusCode).toBe(201);
    const before = await filesUnder(path.join(ctx.dataDir, 'blobs'));
    const res = await upload(jpId, { tittel: 'Nytt hoveddokument', tilknytning: 'H' }, 'kart2.pdf', `unikt kart ${Date.now()}`);
    const body = expectProblem(res, 422, 'unprocessable');
    expect(body.errors).toEqual([expect.objectContaining({ field: '/tilknytning' })]);
    expect(await filesUnder(path.join(ctx.dataDir, 'blobs'))).toEqual(before);
    const rows = await ctx.db.selectFrom('dokumentbeskrivelse').select('tittel').where('journalpostId', '=', jpId).execute();
    expect(rows.map((r) => r.tittel)).toEqual(['Kart']);
  });

  it('a document title repeated in the journalpost is added with a warning (§4)', async () => {
    const jpId = await nyJournalpost();
    expect((await upload(jpId, { tittel: 'Situasjonskart' }, 'kart.pdf', 'kart a')).json().advarsler).toEqual([]);
    const res = await upload(jpId, { tittel: 'situasjonskart' }, 'kart-b.pdf', 'kart b');
    expect(res.statusCode).toBe(201);
    expect(res.json().advarsler).toEqual([expect.objectContaining({ kode: 'lik_tittel' })]);
    expect(res.json().dokumenter).toHaveLength(2);
  });

  it('a request without a file or with a wrong content type is a 4xx problem', async () => {
    const jpId = await nyJournalpost();
    const noFile = await multipart({ tittel: 'Uten fil' });
    const res = await ctx.app.inject({ method: 'POST', url: `/api/journalposter/${jpId}/dokumenter`, headers: { ...(await headers()), ...noFile.headers }, payload: noFile.payload });
    const body = expectProblem(res, 400, 'validation_failed');
    expect(body.errors).toEqual([expect.objectContaining({ field: '/fil' })]);
    const json = await ctx.app.inject({ method: 'POST', url: `/api/journalposter/${jpId}/dokumenter`, headers: await headers(), payload: { tittel: 'x' } });
    expectProblem(json, 415, 'unsupported_media_type');
  });

  it('verifies the checksum on read: a corrupted file is refused, not served', async () => {
    const jpId = await nyJournalpost();
    const content = `viktig avtale ${Date.now()}`;
    const res = await upload(jpId, { tittel: 'Avtale' }, 'avtale.txt', content, 'text/plain');
    const dokId = res.json().dokumenter[0].systemId as string;
    const sha = createHash('sha256').update(content).digest('hex');
    const file = (await filesUnder(path.join(ctx.dataDir, 'blobs'))).find((f) => f.endsWith(sha))!;
    await writeFile(file, 'tampered');
    const dl = await ctx.app.inject({ method: 'GET', url: `/api/dokumenter/${dokId}/innhold`, headers: await headers() });
    expectProblem(dl, 500, 'checksum_mismatch');
  });

  it('refuses documents on a locked journalpost with 409', async () => {
    const sakId = await buildSak(ctx.db, world.sbh);
    const jpId = await buildJournalpost(ctx.db, world.sbh, sakId, { journalposttype: 'I' });
    const jf = await ctx.app.inject({ method: 'POST', url: `/api/journalposter/${jpId}/journalfoer`, headers: await ctx.auth(world.ark.bruker.brukernavn) });
    expect(jf.statusCode).toBe(200);
    const res = await upload(jpId, { tittel: 'For sent' }, 'sent.pdf', 'for sent');
    expectProblem(res, 409, 'journalpost_locked');
  });
});
