import { effektiveTilganger } from './auth/actor';
import { loadConfig, ConfigError } from './config';
import { createJournalpost } from './journalpost/journalpost.service';
import { norskDato } from './maler/flettefelt';
import { navnesoekGrense, parsePeriode } from './offentlig-journal/periode';
import { oppnevnStedfortreder } from './stedfortreder/stedfortreder.service';
import type { TestContext } from './test/context';
import { buildJournalpost, buildSak } from './test/factories';
import { som } from './test/http';
import { openWorld, type World } from './test/world';

/**
 * Users are in Norway: with the clock at 2026-12-31T23:30Z it is 00:30 on 1 January 2027 in
 * Oslo, so a sak and a journalpost registered then belong to 2027 (saksår, journalår,
 * journaldato), and every date derived from "today" is 1 January 2027.
 */
const NYTTAARSNATT = new Date('2026-12-31T23:30:00Z');

describe('the archive’s time zone (Europe/Oslo by default)', () => {
  let ctx: TestContext;
  let w: World;
  beforeAll(async () => {
    ({ ctx, w } = await openWorld({ ARKIV_FORFALLSDAGER: 'I=14' }));
  });
  afterAll(() => ctx.close());

  it('a sak and a journalpost registered at 00:30 on 1 January get the new year’s numbers and date', async () => {
    const sakId = await buildSak(ctx.db, w.sbh, {}, NYTTAARSNATT);
    const sak = (await som(ctx, w.sbh).get(`/api/saker/${sakId}`)).body;
    expect(sak).toMatchObject({ saksaar: 2027, saksdato: '2027-01-01' });
    expect(sak.saksnummer).toMatch(/^2027\//);
    const id = await buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', saksbehandlerId: w.sbh.bruker.systemId }, NYTTAARSNATT);
    const jp = (await som(ctx, w.sbh).get(`/api/journalposter/${id}`)).body;
    expect(jp).toMatchObject({ journaldato: '2027-01-01', journalnummer: '2027/1' });
    expect(jp.registreringsId).toMatch(/^2027\/\d+-1$/);
  });

  it('the default forfallsdato counts from the Oslo day', async () => {
    const sakId = await buildSak(ctx.db, w.sbh);
    const id = await createJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', tittel: 'Nyttårsbrev', saksbehandlerId: w.sbh.bruker.systemId }, NYTTAARSNATT, { forfallsdager: { I: 14 } });
    expect((await som(ctx, w.sbh).get(`/api/journalposter/${id}`)).body.forfallsdato).toBe('2027-01-15');
  });

  it('a letter is dated and the public journal’s default period ends on the Oslo day', () => {
    expect(norskDato(NYTTAARSNATT)).toBe('01.01.2027');
    expect(parsePeriode(undefined, undefined, NYTTAARSNATT)).toEqual({ fra: '2026-12-02', til: '2027-01-01' });
    expect(navnesoekGrense(NYTTAARSNATT)).toBe('2026-01-01');
  });

  it('a stedfortreder appointed from 1 January has the leader’s codes at 00:30 that night', async () => {
    await oppnevnStedfortreder(ctx.db, w.leder, { stedfortrederId: w.sbh2.bruker.systemId, fraDato: '2027-01-01', tilDato: '2027-01-31', tilgangskoder: ['U'] });
    const koder = await effektiveTilganger(ctx.db, w.sbh2.bruker.systemId, { now: NYTTAARSNATT, paaVegneAv: w.leder.bruker.systemId });
    expect(koder.map((t) => t.tilgangskode)).toContain('U');
  });

  it('is configurable (ARKIV_TIDSSONE) and refuses a zone that does not exist', () => {
    expect(loadConfig({}).tidssone).toBe('Europe/Oslo');
    expect(loadConfig({ ARKIV_TIDSSONE: 'Atlantic/Reykjavik' }).tidssone).toBe('Atlantic/Reykjavik');
    expect(() => loadConfig({ ARKIV_TIDSSONE: 'Europe/Fjordvik' })).toThrow(ConfigError);
  });
});

describe('another configured zone', () => {
  let ctx: TestContext;
  let w: World;
  beforeAll(async () => {
    ({ ctx, w } = await openWorld({ ARKIV_TIDSSONE: 'UTC' }));
  });
  afterAll(() => ctx.close());

  it('dates the same instant by that zone', async () => {
    const sakId = await buildSak(ctx.db, w.sbh, {}, NYTTAARSNATT);
    const id = await buildJournalpost(ctx.db, w.sbh, sakId, {}, NYTTAARSNATT);
    expect((await som(ctx, w.sbh).get(`/api/journalposter/${id}`)).body).toMatchObject({ journaldato: '2026-12-31', journalnummer: expect.stringMatching(/^2026\//) });
  });
});
