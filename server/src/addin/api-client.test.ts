import type { AddressInfo } from 'node:net';
import { KURVER } from '@arkiv/shared';
import { createApi } from '../../../addin/src/api/client';
import { seedDemoIfEmpty } from '../seed/demo-seed';
import { createTestContext, type TestContext } from '../test/context';

/**
 * The add-in's API client against the real server: its paths and shapes are the server's
 * (kurver, mail import, stedfortreder); an unknown route reads as "not available", a record
 * one may not see as an ordinary 404.
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

it('reads every kurv of the arbeidsbord with the keys the server uses', async () => {
  const kurver = await api.kurver();
  expect(kurver.map((k) => k.kurv)).toEqual([...KURVER]);
  const mine = kurver.find((k) => k.kurv === 'mine_saker')!;
  expect(await api.kurv('mine_saker')).toHaveLength(mine.antall);
});

it('imports a raw message through the server, which refuses the same message twice with a link (§10.3)', async () => {
  const sak = await api.createSak({ tittel: 'Klientens importsak', sakstype: 'GS' });
  const eml = new TextEncoder().encode('Message-ID: <klient-1@example.no>\r\nFrom: "Kari Nordmann" <kari@example.no>\r\nTo: post@kommune.example.no\r\nSubject: Spørsmål fra klienten\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHei.');
  const message = { bytes: eml, contentType: 'message/rfc822', name: 'sporsmal.eml' };
  const { resultater } = await api.importer(sak.systemId, { retning: 'mottatt' }, [message]);
  expect(resultater).toMatchObject([{ status: 201, sakId: sak.systemId }]);
  const jp = await api.getJournalpost(resultater[0]!.journalpostId!);
  expect([jp.journalposttype, jp.korrespondanseparter.map((p) => p.navn)]).toEqual(['I', ['Kari Nordmann']]);
  await expect(api.importer(sak.systemId, { retning: 'mottatt' }, [message])).rejects.toMatchObject({ status: 409, problem: { code: 'already_imported', existing: `/api/journalposter/${jp.systemId}` } });
});

it('lists the receivers an oppgave can go to, and the stedfortreder arrangements', async () => {
  expect((await api.brukere()).map((b) => b.brukernavn)).toEqual(expect.arrayContaining(['ola', 'lise']));
  expect(Array.isArray(await api.stedfortredere())).toBe(true);
});

it('reports an unknown route as not available, and a missing record as a plain 404', async () => {
  await expect(api.http.json('GET', '/api/finnes-ikke')).rejects.toMatchObject({ notAvailable: true, status: 404 });
  await expect(api.getSak('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ notAvailable: false, status: 404 });
});

it('turns a validation problem into an ApiError with the fields', async () => {
  await expect(api.createSak({ tittel: ' ', sakstype: 'GS' })).rejects.toMatchObject({ status: 400, problem: { errors: expect.any(Array) } });
});

it('saves with the version it read; a save from an older read is refused as stale with the record as it is now', async () => {
  const sak = await api.createSak({ tittel: 'Klientens versjonssak', sakstype: 'GS' });
  const jp = await api.createJournalpost(sak.systemId, { journalposttype: 'I', tittel: 'Brev om versjoner' });
  const first = await api.updateJournalpost(jp.systemId, { tittel: 'Brev om versjoner, endret' }, jp.versjon);
  expect(first.versjon).toBeGreaterThan(jp.versjon);
  const stale = await api.updateJournalpost(jp.systemId, { tittel: 'Fra en gammel visning' }, jp.versjon).catch((e: unknown) => e);
  expect(stale).toMatchObject({ stale: true, status: 412, problem: { code: 'precondition_failed', gjeldende: { tittel: 'Brev om versjoner, endret', versjon: first.versjon } } });
  const obs = await api.updateSak(sak.systemId, { obsKommentar: 'Følg opp' }, sak.versjon);
  await expect(api.updateSak(sak.systemId, { obsKommentar: 'Gammel' }, sak.versjon)).rejects.toMatchObject({ stale: true, problem: { gjeldende: { obsKommentar: 'Følg opp', versjon: obs.versjon } } });
});
