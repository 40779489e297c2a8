import { createTestContext, type TestContext } from '../test/context';
import { drainOutbox } from '../utsending/outbox.worker';
import { folderSender } from '../utsending/mail-sender';
import { seedDemoIfEmpty } from './demo-seed';

/** `npm start` on an empty database shows the mail features' records: an imported mail, a template, an outbox entry. */
describe('demo seed (mail, template, outbox)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('seeds once, through the real services, and the outbox entry is delivered to the local folder', async () => {
    expect(await seedDemoIfEmpty(ctx.db, ctx.blobs)).toBe(true);
    expect(await seedDemoIfEmpty(ctx.db, ctx.blobs)).toBe(false);

    const imported = await ctx.db.selectFrom('mailImport as m').innerJoin('journalpost as j', 'j.systemId', 'm.journalpostId').select(['j.tittel', 'j.journalposttype', 'j.journalstatus', 'm.foreslaattAvsender']).execute();
    expect(imported).toEqual([{ tittel: 'Merknad til planforslaget Sjøfronten', journalposttype: 'I', journalstatus: 'S', foreslaattAvsender: { navn: 'Hans Hørsel', epost: 'hans.horsel@example.no' } }]);
    expect((await ctx.db.selectFrom('mal').select('navn').execute()).map((m) => m.navn)).toEqual(['Svar på merknad til planforslag']);

    const utsending = await ctx.db.selectFrom('utsending').select(['kanal', 'status', 'mottakerNavn']).orderBy('mottakerNavn').execute();
    expect(utsending).toEqual([
      { kanal: 'epost', status: 'VENTER', mottakerNavn: 'Hans Hørsel' },
      { kanal: 'papir', status: 'REGISTRERT', mottakerNavn: 'Sjøfronten Velforening' },
    ]);
    await drainOutbox(ctx.db, ctx.blobs, folderSender(ctx.config.mail.outboxDir), { leaseMs: 60_000, maxAttempts: 3 });
    const list = await ctx.app.inject({ method: 'GET', url: '/api/dev/utsendt' });
    expect(list.json()).toHaveLength(1);
  });
});
