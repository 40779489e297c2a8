import type { AddressInfo } from 'node:net';
import { createApi } from '../../../addin/src/api/client';
import { seedDemoIfEmpty } from '../seed/demo-seed';
import { createTestContext, type TestContext } from '../test/context';

/**
 * The add-in's API client against the real server: a route this branch does not have yet
 * reads as "not available" (the views say so), a record one may not see as an ordinary 404.
 */
let ctx: TestContext;
let api: ReturnType<typeof createApi>;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemoIfEmpty(ctx.db, ctx.blobs);
  await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  const { authorization } = await ctx.auth('ola');
  api = createApi({ baseUrl: base, getToken: async () => authorization.replace(/^Bearer /, '') });
});
afterAll(async () => ctx?.close());

it('signs in through the dev endpoints and reads the user', async () => {
  const brukere = await api.devBrukere();
  expect(brukere.map((b) => b.brukernavn)).toContain('ola');
  expect((await api.meg()).bruker.brukernavn).toBe('ola');
});

it('creates a sak and a journalpost and uploads a document', async () => {
  const sak = await api.createSak({ tittel: 'Klientens testsak', sakstype: 'GS' });
  const jp = await api.createJournalpost(sak.systemId, { journalposttype: 'I', tittel: 'Brev fra klienten' });
  const withDoc = await api.uploadDokument(jp.systemId, new Blob(['hei'], { type: 'text/plain' }), 'brev.txt', { tilknytning: 'H' });
  expect(withDoc.dokumenter.map((d) => d.tittel)).toEqual(['brev']);
  expect(await (await api.dokumentInnhold(withDoc.dokumenter[0]!.systemId)).text()).toBe('hei');
});

it('reports a planned endpoint as not available, and a missing record as a plain 404', async () => {
  await expect(api.kurver()).rejects.toMatchObject({ notAvailable: true, status: 404 });
  await expect(api.getSak('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ notAvailable: false, status: 404 });
});

it('turns a validation problem into an ApiError with the fields', async () => {
  await expect(api.createSak({ tittel: ' ', sakstype: 'GS' })).rejects.toMatchObject({ status: 400, problem: { errors: expect.any(Array) } });
});
