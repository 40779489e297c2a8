import { execFileSync } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestContext } from '../../test/context';
import { buildDokument, buildJournalpost, buildSak } from '../../test/factories';
import { expectProblem, som } from '../../test/http';
import { openWorld, type World } from '../../test/world';

/** The package as GNU tar reads it (an implementation independent of the one that wrote it): path → contents. */
function lesTar(buf: Buffer): Map<string, Buffer> {
  const navn = execFileSync('tar', ['-tf', '-'], { input: buf }).toString('utf8').split('\n').filter((n) => n && !n.endsWith('/'));
  return new Map(navn.map((n) => [n, execFileSync('tar', ['-xOf', '-', n], { input: buf, maxBuffer: 64 << 20 })]));
}

/** The archive manager orders a deposit through the API and follows it to the end. */
describe('POST /api/uttrekk', () => {
  let ctx: TestContext;
  let w: World;

  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    const sak = await buildSak(ctx.db, w.sbh, { tittel: 'Sak i uttrekket' });
    const jp = await buildJournalpost(ctx.db, w.sbh, sak, { journalposttype: 'N', tittel: 'Notat i uttrekket' });
    await buildDokument(ctx.db, ctx.blobs, w.sbh, jp, 'notatets innhold');
  }, 300_000);
  afterAll(async () => ctx?.close());

  it('runs the export as a job with progress, and writes the package into the data folder', async () => {
    const ark = som(ctx, w.ark);
    const bestilt = await ark.post('/api/uttrekk', { arkivdel: 'testarkivdel' });
    expect(bestilt.status).toBe(202);
    expect(bestilt.body).toMatchObject({ status: expect.stringMatching(/^(VENTER|KJOERER)$/), journalposterSkrevet: 0 });
    let jobb = bestilt.body;
    while (jobb.status === 'VENTER' || jobb.status === 'KJOERER') {
      await new Promise((r) => setTimeout(r, 50));
      jobb = (await ark.get(`/api/uttrekk/${jobb.id}`)).body;
    }
    expect(jobb).toMatchObject({ status: 'FERDIG', journalposterTotalt: 1, journalposterSkrevet: 1, feil: null });
    expect(jobb.mappe.startsWith(ctx.dataDir)).toBe(true);
    expect(await readdir(jobb.mappe)).toEqual(expect.arrayContaining(['arkivuttrekk.xml', 'arkivstruktur.xml', 'endringslogg.xml', 'loependeJournal.xml', 'offentligJournal.xml', 'dokumenter']));
    expect((await ark.get('/api/uttrekk')).body.map((j: { id: string }) => j.id)).toContain(jobb.id);

    // The package comes down as one tar file named by the job, every file as written on the server.
    const ned = await ctx.app.inject({ method: 'GET', url: `/api/uttrekk/${jobb.id}/pakke`, headers: await ctx.auth(w.ark.bruker.brukernavn) });
    expect(ned.statusCode).toBe(200);
    expect(ned.headers['content-type']).toBe('application/x-tar');
    expect(ned.headers['content-disposition']).toBe(`attachment; filename="arkivuttrekk-${jobb.id}.tar"`);
    const tar = lesTar(ned.rawPayload);
    const topp = `arkivuttrekk-${jobb.id}`;
    expect([...tar.keys()]).toEqual(expect.arrayContaining([`${topp}/arkivuttrekk.xml`, `${topp}/arkivstruktur.xml`, `${topp}/offentligJournal.xml`]));
    expect(tar.get(`${topp}/arkivstruktur.xml`)!.equals(await readFile(path.join(jobb.mappe, 'arkivstruktur.xml')))).toBe(true);
    const dokumenter = await readdir(path.join(jobb.mappe, 'dokumenter'));
    expect(dokumenter).toHaveLength(1);
    expect(tar.get(`${topp}/dokumenter/${dokumenter[0]}`)!.toString('utf8')).toBe('notatets innhold');
    expectProblem(await som(ctx, w.dok).get(`/api/uttrekk/${jobb.id}/pakke`), 403, 'forbidden');
    await rm(jobb.mappe, { recursive: true, force: true });
    // Gone from the data folder: said so, never a broken file.
    expectProblem(await ark.get(`/api/uttrekk/${jobb.id}/pakke`), 409, 'uttrekk_not_finished');
  }, 300_000);

  it('offers the arkivdeler to choose from, and has no package while a job is not finished', async () => {
    const ark = som(ctx, w.ark);
    const deler = (await ark.get('/api/uttrekk/arkivdeler')).body as { systemId: string; tittel: string }[];
    expect(deler.map((d) => d.tittel)).toContain('Testarkivdel');
    expectProblem(await som(ctx, w.dok).get('/api/uttrekk/arkivdeler'), 403, 'forbidden');
    const arkivdelId = deler.find((d) => d.tittel === 'Testarkivdel')!.systemId;
    const kjoerer = await ctx.db.insertInto('uttrekkJobb').values({ arkivdelId, mappe: path.join(ctx.dataDir, 'uttrekk', 'kjoerer'), bestiltAvId: w.ark.bruker.systemId, status: 'KJOERER' }).returning('systemId').executeTakeFirstOrThrow();
    expectProblem(await ark.get(`/api/uttrekk/${kjoerer.systemId}/pakke`), 409, 'uttrekk_not_finished');
    expectProblem(await ark.post('/api/uttrekk', { arkivdel: arkivdelId }), 409, 'uttrekk_running');
    await ctx.db.updateTable('uttrekkJobb').set({ status: 'FEILET', sistFeil: 'avbrutt i testen' }).where('systemId', '=', kjoerer.systemId).execute();
    expectProblem(await ark.get('/api/uttrekk/00000000-0000-4000-8000-000000000000/pakke'), 404, 'not_found');
  });

  it('is for the archive manager only, and names an arkivdel that exists', async () => {
    expectProblem(await som(ctx, w.sbh).post('/api/uttrekk', { arkivdel: 'Testarkivdel' }), 403, 'forbidden');
    expectProblem(await som(ctx, w.dok).get('/api/uttrekk'), 403, 'forbidden');
    expectProblem(await som(ctx, w.ark).post('/api/uttrekk', { arkivdel: 'Finnes ikke' }), 404, 'not_found');
  });
});
