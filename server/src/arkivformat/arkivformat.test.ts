import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { deflateSync } from 'node:zlib';
import { addDokument } from '../dokument/dokument.service';
import { renderPdf } from '../mail/body-pdf';
import type { TestContext } from '../test/context';
import { buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { pdfaProblems } from '../test/pdfa';
import { openWorld, type World } from '../test/world';
import { drainArkivformat } from './arkivformat.worker';
import { finnSoffice, lagKonverterer } from './konverterer';

/**
 * Every journalført document gets an archive variant (A, PDF/A-2b) from a job outside the
 * request: office documents through LibreOffice headless, images drawn on a page, PDF/A kept.
 * What cannot be converted is flagged for the archive desk with the reason.
 */
const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name));

/** A 2×2 RGB PNG, built from its chunks. */
function png(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

let ctx: TestContext;
let w: World;
let sakId: string;

async function journalfoertDokument(filnavn: string, mimeType: string, innhold: Buffer): Promise<{ jp: string; dok: string }> {
  const opprettet = await som(ctx, w.dok).post(`/api/saker/${sakId}/journalposter`, { journalposttype: 'I', tittel: `Innkommende ${filnavn}`, saksbehandlerId: w.sbh.bruker.systemId });
  const jp = opprettet.body.systemId as string;
  const staged = await ctx.blobs.stage(Readable.from([innhold]));
  const dok = await addDokument(ctx.db, ctx.blobs, w.dok, jp, { tittel: filnavn }, { staged, filnavn, mimeType });
  const res = await som(ctx, w.ark).post(`/api/journalposter/${jp}/journalfoer`);
  if (res.body.journalstatus !== 'J') throw new Error(`journalføring: ${JSON.stringify(res.body)}`);
  return { jp, dok };
}

const arkivVariant = (dok: string) => ctx.db.selectFrom('dokumentversjon').selectAll().where('dokumentbeskrivelseId', '=', dok).where('variantformat', '=', 'A').executeTakeFirst();
const blobBytes = async (sha: string) => {
  const chunks: Buffer[] = [];
  for await (const c of (await ctx.blobs.open(sha)).stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};
const opts = { leaseMs: 600_000, maxAttempts: 2 };

beforeAll(async () => {
  ({ ctx, w } = await openWorld());
  sakId = await buildSak(ctx.db, w.sbh, { tittel: 'Sak med dokumenter til arkivformat' });
});
afterAll(async () => ctx?.close());

describe('archive variants without a converter program', () => {
  it('draws an image as PDF/A, keeps a PDF/A, flags a plain PDF and an unknown format, and lets office documents wait', async () => {
    const bilde = await journalfoertDokument('kart.png', 'image/png', png());
    const pdfa = await renderPdf('Allerede PDF/A', [{ tekst: 'Et brev som allerede er PDF/A.' }]);
    const alleredeA = await journalfoertDokument('brev.pdf', 'application/pdf', Buffer.from(pdfa));
    const vanligPdf = await journalfoertDokument('skannet.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'));
    const zip = await journalfoertDokument('vedlegg.zip', 'application/zip', Buffer.from('PK\u0003\u0004'));
    const word = await journalfoertDokument('soknad.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', fixture('brev.docx'));
    // A document of a record that is not journalført yet gets no variant.
    const utkast = (await som(ctx, w.sbh).post(`/api/saker/${sakId}/journalposter`, { journalposttype: 'N', tittel: 'Notat under arbeid' })).body.systemId as string;
    const utkastDok = await addDokument(ctx.db, ctx.blobs, w.sbh, utkast, { tittel: 'notat' }, { staged: await ctx.blobs.stage(Readable.from([Buffer.from('x')])), filnavn: 'notat.txt', mimeType: 'text/plain' });

    await drainArkivformat(ctx.db, ctx.blobs, lagKonverterer({ soffice: null, timeoutMs: 60_000 }), opts);

    const a = await arkivVariant(bilde.dok);
    expect(a).toMatchObject({ format: 'application/pdf', formatDetaljer: 'PDF/A-2b (ISO 19005-2)', filnavn: 'kart.pdf', versjonsnummer: 1 });
    expect(await pdfaProblems(await blobBytes(a!.sjekksum))).toEqual([]);
    expect((await arkivVariant(alleredeA.dok))?.sjekksum).toBe((await ctx.db.selectFrom('dokumentversjon').select('sjekksum').where('dokumentbeskrivelseId', '=', alleredeA.dok).where('variantformat', '=', 'P').executeTakeFirstOrThrow()).sjekksum);
    expect(await arkivVariant(vanligPdf.dok)).toBeUndefined();
    expect(await arkivVariant(zip.dok)).toBeUndefined();
    expect(await arkivVariant(word.dok)).toBeUndefined();
    expect(await arkivVariant(utkastDok)).toBeUndefined();

    // The archive desk's list: failed with the reason, the office document waiting because the converter is missing.
    const ark = som(ctx, w.ark);
    const feilet = await ark.get('/api/arkivformat?status=FEILET');
    expect(feilet.status).toBe(200);
    expect(feilet.body.libreoffice).toBe((await finnSoffice()) !== null);
    const feil = Object.fromEntries(feilet.body.dokumenter.map((d: { dokumentId: string; feil: string }) => [d.dokumentId, d.feil]));
    expect(feil[vanligPdf.dok]).toMatch(/ikke PDF\/A/);
    expect(feil[zip.dok]).toMatch(/application\/zip.*ingen konvertering/);
    const venter = (await ark.get(`/api/dokumenter/${word.dok}/arkivformat`)).body;
    expect(venter).toEqual([expect.objectContaining({ status: 'VENTER', forsoek: 0, feil: expect.stringMatching(/LibreOffice er ikke installert/) })]);

    // The saksbehandler sees the state of a document on the record, not the desk's list.
    expect((await som(ctx, w.sbh).get(`/api/dokumenter/${bilde.dok}/arkivformat`)).body).toEqual([expect.objectContaining({ status: 'KONVERTERT', versjonsnummer: 1 })]);
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/api/arkivformat', headers: await ctx.auth(w.sbh.bruker.brukernavn) }), 403, 'forbidden');
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/api/dokumenter/00000000-0000-4000-8000-000000000000/arkivformat', headers: await ctx.auth(w.ark.bruker.brukernavn) }), 404, 'not_found');

    // Each outcome is in the record's history.
    const historikk = (await som(ctx, w.sbh).get(`/api/journalposter/${zip.jp}/historikk`)).body as { handling: string }[];
    expect(historikk.map((h) => h.handling)).toContain('arkivformat_feilet');
  });
});

// LibreOffice (Debian libreoffice-*-nogui) converts office documents. .ci/run installs it and sets
// ARKIV_REQUIRE_LIBREOFFICE=1; elsewhere its absence is said loudly and the office tests do not run.
const soffice = execFileSync('sh', ['-c', 'command -v soffice || true'], { encoding: 'utf8' }).trim();
if (!soffice) {
  const msg = `${'!'.repeat(78)}\n!! LIBREOFFICE CONVERSION TESTS DID NOT RUN: no soffice (apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui).\n${'!'.repeat(78)}`;
  if (process.env.ARKIV_REQUIRE_LIBREOFFICE === '1') {
    it('converts office documents with LibreOffice (required in CI)', () => {
      throw new Error(msg);
    });
  } else process.stderr.write(`\n${msg}\n\n`);
}
if (soffice)
  describe('archive variants by LibreOffice', () => {
    it('converts Word, spreadsheet and OpenDocument files to PDF/A-2b that poppler and the PDF/A check accept', async () => {
      const docx = await journalfoertDokument('brev.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', fixture('brev.docx'));
      const xlsx = await journalfoertDokument('tabell.xlsx', 'application/octet-stream', fixture('tabell.xlsx'));
      const odt = await journalfoertDokument('brev.odt', 'application/vnd.oasis.opendocument.text', fixture('brev.odt'));
      await drainArkivformat(ctx.db, ctx.blobs, lagKonverterer({ soffice, timeoutMs: 300_000 }), opts);
      const dir = mkdtempSync(path.join(os.tmpdir(), 'arkivformat-'));
      try {
        for (const d of [docx, xlsx, odt]) {
          const a = await arkivVariant(d.dok);
          expect(a).toMatchObject({ format: 'application/pdf', formatDetaljer: 'PDF/A-2b (ISO 19005-2)' });
          const bytes = await blobBytes(a!.sjekksum);
          // LibreOffice opens the file at page 1 with a GoTo /OpenAction, which PDF/A-2 allows (it
          // forbids JavaScript and Launch actions, which the check looks for in every object).
          expect((await pdfaProblems(bytes)).filter((p) => p !== 'catalog: /OpenAction')).toEqual([]);
          const file = path.join(dir, `${d.dok}.pdf`);
          writeFileSync(file, bytes);
          if (process.env.ARKIV_REQUIRE_POPPLER === '1' || execFileSync('sh', ['-c', 'command -v pdfinfo || true'], { encoding: 'utf8' }).trim()) {
            expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Producer:\s+LibreOffice/);
          }
        }
        const tekst = execFileSync('pdftotext', [path.join(dir, `${docx.dok}.pdf`), '-'], { encoding: 'utf8' });
        expect(tekst).toContain('Kommunen har behandlet søknaden. Æ Ø Å.');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      expect((await som(ctx, w.ark).get(`/api/dokumenter/${docx.dok}/arkivformat`)).body).toEqual([expect.objectContaining({ status: 'KONVERTERT' })]);
    }, 600_000);

    it('kills LibreOffice at the timeout, tries again, and flags the document after the last attempt', async () => {
      const d = await journalfoertDokument('treg.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', fixture('brev.docx'));
      let now = new Date(Date.now() + 60_000);
      const konverterer = lagKonverterer({ soffice, timeoutMs: 50 });
      const o = { ...opts, now: () => now };
      await drainArkivformat(ctx.db, ctx.blobs, konverterer, o);
      const etterFoerste = (await som(ctx, w.ark).get(`/api/dokumenter/${d.dok}/arkivformat`)).body[0];
      expect(etterFoerste).toMatchObject({ status: 'VENTER', forsoek: 1, feil: expect.stringMatching(/LibreOffice brukte mer enn/) });
      now = new Date(now.getTime() + 3600_000);
      await drainArkivformat(ctx.db, ctx.blobs, konverterer, o);
      const liste = (await som(ctx, w.ark).get('/api/arkivformat?status=FEILET')).body.dokumenter as { dokumentId: string; forsoek: number }[];
      expect(liste.find((x) => x.dokumentId === d.dok)).toMatchObject({ forsoek: 2 });
      expect(await arkivVariant(d.dok)).toBeUndefined();
    }, 600_000);
  });

describe('a failed conversion tried again (the archive desk)', () => {
  it('the archive puts a failed document back in the queue with its attempts counted afresh, with historikk; other states and other users are refused', async () => {
    const zip = await journalfoertDokument('arkiv.zip', 'application/zip', Buffer.from('PK\u0003\u0004'));
    const konverterer = lagKonverterer({ soffice: null, timeoutMs: 60_000 });
    await drainArkivformat(ctx.db, ctx.blobs, konverterer, opts);
    const ark = som(ctx, w.ark);
    expect((await ark.get(`/api/dokumenter/${zip.dok}/arkivformat`)).body).toEqual([expect.objectContaining({ status: 'FEILET', feil: expect.stringMatching(/ingen konvertering/) })]);

    // A saksbehandler may see the state but not order a new attempt.
    expectProblem(await som(ctx, w.sbh).post(`/api/dokumenter/${zip.dok}/arkivformat/nytt-forsok`), 403, 'forbidden');
    expectProblem(await ark.post('/api/dokumenter/00000000-0000-4000-8000-000000000000/arkivformat/nytt-forsok'), 404, 'not_found');

    const igjen = await ark.post(`/api/dokumenter/${zip.dok}/arkivformat/nytt-forsok`);
    expect(igjen.status).toBe(200);
    expect(igjen.body).toEqual([expect.objectContaining({ status: 'VENTER', forsoek: 0 })]);
    expect(((await ark.get('/api/arkivformat?status=FEILET')).body.dokumenter as { dokumentId: string }[]).map((d) => d.dokumentId)).not.toContain(zip.dok);
    // Waiting already: nothing to retry (409, the state unchanged).
    expectProblem(await ark.post(`/api/dokumenter/${zip.dok}/arkivformat/nytt-forsok`), 409, 'arkivformat_not_failed');
    // A document never journalført has no conversion to retry.
    const utkast = (await som(ctx, w.sbh).post(`/api/saker/${sakId}/journalposter`, { journalposttype: 'N', tittel: 'Notat uten arkivformat' })).body.systemId as string;
    const utkastDok = await addDokument(ctx.db, ctx.blobs, w.sbh, utkast, { tittel: 'notat' }, { staged: await ctx.blobs.stage(Readable.from([Buffer.from('x')])), filnavn: 'notat.txt', mimeType: 'text/plain' });
    expectProblem(await ark.post(`/api/dokumenter/${utkastDok}/arkivformat/nytt-forsok`), 409, 'arkivformat_not_failed');

    // The job runs again; a zip still cannot be converted, so it is flagged again, never left silent.
    await drainArkivformat(ctx.db, ctx.blobs, konverterer, opts);
    expect((await ark.get(`/api/dokumenter/${zip.dok}/arkivformat`)).body).toEqual([expect.objectContaining({ status: 'FEILET', forsoek: 1 })]);
    const historikk = (await som(ctx, w.sbh).get(`/api/journalposter/${zip.jp}/historikk`)).body as { handling: string; bruker: { navn: string } | null }[];
    expect(historikk.map((h) => h.handling).filter((h) => h.startsWith('arkivformat'))).toEqual(expect.arrayContaining(['arkivformat_feilet', 'arkivformat_nytt_forsoek']));
    expect(historikk.filter((h) => h.handling === 'arkivformat_feilet')).toHaveLength(2);
  });
});
