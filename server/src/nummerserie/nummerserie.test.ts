import { createJournalpost } from '../journalpost/journalpost.service';
import { createSak } from '../sak/sak.service';
import type { TestContext } from '../test/context';
import { openWorld, type World } from '../test/world';

/**
 * Manual §5: saksnummer YYYY/N per year, journalnummer YYYY/N per year across the archive,
 * dokumentnummer 1..n within a sak: unique and without gaps under concurrency. On PostgreSQL
 * (CI) the 20 clients really run in parallel; on PGlite the socket serializes them.
 */
describe('numbering under concurrency', () => {
  let ctx: TestContext;
  let world: World;
  beforeAll(async () => ({ ctx, w: world } = await openWorld()));
  afterAll(() => ctx.close());

  const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it('gives 20 concurrent clients × 25 journalposter 500 distinct journalnummer without gaps, and distinct saksnummer', async () => {
    const year = new Date('2031-03-01T10:00:00Z');
    const clients = range(20);
    const sakIds = await Promise.all(clients.map((c) => createSak(ctx.db, world.sbh, { tittel: `Samtidig sak ${c}`, sakstype: 'GS' }, year)));
    await Promise.all(
      clients.map(async (c, i) => {
        for (const n of range(25)) {
          await createJournalpost(ctx.db, world.sbh, sakIds[i]!, { journalposttype: 'U', tittel: `Brev ${c}-${n}` }, year);
        }
      }),
    );

    const jps = await ctx.db.selectFrom('journalpost').select(['journalsekvensnummer', 'sakId', 'dokumentnummer']).where('journalaar', '=', 2031).execute();
    expect(jps).toHaveLength(500);
    expect(jps.map((j) => j.journalsekvensnummer).sort((a, b) => a - b)).toEqual(range(500));

    for (const sakId of sakIds) {
      const nrs = jps.filter((j) => j.sakId === sakId).map((j) => j.dokumentnummer).sort((a, b) => a - b);
      expect(nrs).toEqual(range(25));
    }

    const saker = await ctx.db.selectFrom('sak').select(['sakssekvensnummer', 'mappeId']).where('saksaar', '=', 2031).execute();
    expect(saker.map((s) => s.sakssekvensnummer).sort((a, b) => a - b)).toEqual(range(20));
    expect(new Set(saker.map((s) => s.mappeId)).size).toBe(20);
    expect(saker.map((s) => s.mappeId)).toContain('2031/20');
  }, 180_000); // 520 registrations; on PGlite one at a time

  it('hands a number back when the transaction that took it fails', async () => {
    const year = new Date('2032-01-05T10:00:00Z');
    const sakId = await createSak(ctx.db, world.sbh, { tittel: 'Rollback-sak', sakstype: 'GS' }, year);
    await createJournalpost(ctx.db, world.sbh, sakId, { journalposttype: 'U', tittel: 'Første' }, year);
    // A party pointing at a user that does not exist fails (foreign key) after the numbers were drawn,
    // so the transaction rolls back and gives them back.
    const ukjent = '00000000-0000-4000-8000-00000000dead';
    await expect(
      createJournalpost(ctx.db, world.sbh, sakId, { journalposttype: 'U', tittel: 'Mislykket', korrespondanseparter: [{ korrespondanseparttype: 'IM', navn: 'Ingen', brukerId: ukjent }] }, year),
    ).rejects.toMatchObject({ code: '23503' });
    await createJournalpost(ctx.db, world.sbh, sakId, { journalposttype: 'U', tittel: 'Andre' }, year);
    const rows = await ctx.db.selectFrom('journalpost').select(['journalsekvensnummer', 'dokumentnummer']).where('journalaar', '=', 2032).orderBy('journalsekvensnummer').execute();
    expect(rows).toEqual([
      { journalsekvensnummer: 1, dokumentnummer: 1 },
      { journalsekvensnummer: 2, dokumentnummer: 2 },
    ]);
  });

  it('starts every year at 1', async () => {
    const a = await createSak(ctx.db, world.sbh, { tittel: 'År A', sakstype: 'GS' }, new Date('2033-12-31T12:00:00Z'));
    const b = await createSak(ctx.db, world.sbh, { tittel: 'År B', sakstype: 'GS' }, new Date('2034-01-01T12:00:00Z'));
    const rows = await ctx.db.selectFrom('sak').select(['systemId', 'mappeId']).where('systemId', 'in', [a, b]).execute();
    expect(Object.fromEntries(rows.map((r) => [r.systemId, r.mappeId]))).toEqual({ [a]: '2033/1', [b]: '2034/1' });
  });
});
