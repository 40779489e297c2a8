import type { TestContext } from '../test/context';
import { buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { openWorld, type World } from '../test/world';
import { arvetSkjermingSomMistes } from './feilregistrer-flytt';
import { idag } from '../test/dato';

const U3 = { tilgangskode: 'U', skjermingsnivaa: 3, skjermingshjemmel: 'Offl. § 13' } as const;
const ingen = { tilgangskode: null, skjermingsnivaa: null, skjermingshjemmel: null };

/**
 * §12.7 Flytt and §8 skjerming: a journalpost that inherits its sak's skjerming must not come
 * out of a move more public than it went in. The archive may release the grading, explicitly,
 * and that decision is in historikk.
 */
describe('§12.7 a move never makes a journalpost more public on its own', () => {
  let ctx: TestContext;
  let w: World;
  let skjermetSak: string;
  let aapenSak: string;
  const iDag = idag();

  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    skjermetSak = await buildSak(ctx.db, w.sbh, { tittel: 'Barnevernssak', skjerming: U3 });
    aapenSak = await buildSak(ctx.db, w.sbh, { tittel: 'Generell sak' });
  });
  afterAll(() => ctx.close());

  /** A journalført incoming letter in the screened sak, with no grading of its own. */
  const journalfoertIskjermetSak = async (merke: string) => {
    const res = await som(ctx, w.dok).post(`/api/saker/${skjermetSak}/journalposter`, {
      journalposttype: 'I',
      tittel: `Melding ${merke}`,
      tittel2: `Barnets navn ${merke}`,
      saksbehandlerId: w.sbh.bruker.systemId,
      korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: `Avsender ${merke}` }],
    });
    expect(res.body.skjermingKilde).toBe('sak');
    await som(ctx, w.ark).post(`/api/journalposter/${res.body.systemId}/journalfoer`);
    return res.body.systemId as string;
  };

  /** What the public journal and a user without the code see of the record. */
  const sett = async (id: string, merke: string) => {
    const oj = await ctx.app.inject({ method: 'GET', url: `/api/offentlig-journal?fra=${iDag}&til=${iDag}&antall=100` });
    const item = oj.json().items.find((i: { systemId: string }) => i.systemId === id);
    const fremmed = (await som(ctx, w.fremmed).get(`/api/journalposter/${id}`)).body;
    return {
      offentligTittel: item.offentligTittel,
      offentligLekker: JSON.stringify(item).includes(`Barnets navn ${merke}`) || JSON.stringify(item).includes(`Avsender ${merke}`),
      fremmedTittel2: fremmed.tittel2,
      fremmedParter: fremmed.korrespondanseparter.length,
    };
  };
  const skjermingHistorikk = async (id: string) =>
    (await som(ctx, w.ark).get(`/api/journalposter/${id}/historikk`)).body.filter((h: { handling: string }) => h.handling === 'journalpost_skjerming_endret').map((h: { data: unknown }) => h.data);

  it('keeps the inherited skjerming on the journalpost when it moves into an unscreened sak', async () => {
    const id = await journalfoertIskjermetSak('FLYTT-A');
    const skjermet = { offentligTittel: 'Melding FLYTT-A - *****', offentligLekker: false, fremmedTittel2: '*****', fremmedParter: 0 };
    expect(await sett(id, 'FLYTT-A')).toEqual(skjermet);

    const res = await som(ctx, w.ark).post(`/api/journalposter/${id}/flytt`, { sakId: aapenSak });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sakId: aapenSak, skjerming: U3, skjermingKilde: 'journalpost' });
    expect(await sett(id, 'FLYTT-A')).toEqual(skjermet);
    expect(await skjermingHistorikk(id)).toEqual([
      { skjerming: { fra: { ...U3, kilde: 'sak' }, til: { ...U3, kilde: 'journalpost' } }, grunn: 'flytt', beslutning: 'behold', fraSakId: skjermetSak, tilSakId: aapenSak },
    ]);
  });

  it('releases it only on the archive’s explicit decision, recorded in historikk', async () => {
    const id = await journalfoertIskjermetSak('FLYTT-B');
    const res = await som(ctx, w.ark).post(`/api/journalposter/${id}/flytt`, { sakId: aapenSak, skjerming: 'fjern' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sakId: aapenSak, skjerming: null, skjermingKilde: null });
    expect(await sett(id, 'FLYTT-B')).toEqual({ offentligTittel: 'Melding FLYTT-B - Barnets navn FLYTT-B', offentligLekker: true, fremmedTittel2: 'Barnets navn FLYTT-B', fremmedParter: 1 });
    expect(await skjermingHistorikk(id)).toEqual([{ skjerming: { fra: { ...U3, kilde: 'sak' }, til: null }, grunn: 'flytt', beslutning: 'fjern', fraSakId: skjermetSak, tilSakId: aapenSak }]);
  });

  it('changes nothing where the new sak screens at least as much, and refuses an unknown decision', async () => {
    const strengere = await buildSak(ctx.db, w.sbh, { tittel: 'Annen barnevernssak', skjerming: { ...U3, skjermingshjemmel: 'Offl. § 13 jf. bvl.' } });
    const id = await journalfoertIskjermetSak('FLYTT-C');
    expectProblem(await som(ctx, w.ark).post(`/api/journalposter/${id}/flytt`, { sakId: aapenSak, skjerming: 'kanskje' }), 400, 'validation_failed');
    const res = await som(ctx, w.ark).post(`/api/journalposter/${id}/flytt`, { sakId: strengere });
    expect(res.body).toMatchObject({ skjerming: { ...U3, skjermingshjemmel: 'Offl. § 13 jf. bvl.' }, skjermingKilde: 'sak' });
    expect(await skjermingHistorikk(id)).toEqual([]);
  });
});

describe('arvetSkjermingSomMistes (§8: each level includes the ones below; another code is another audience)', () => {
  const sak = (kode: string, nivaa: number) => ({ tilgangskode: kode as 'U', skjermingsnivaa: nivaa, skjermingshjemmel: null });
  it.each([
    ['no grading anywhere', ingen, ingen, ingen, false],
    ['own grading on the journalpost', sak('U', 1), sak('U', 3), ingen, false],
    ['old sak screened, new one not', ingen, sak('U', 2), ingen, true],
    ['same code, lower level', ingen, sak('U', 3), sak('U', 2), true],
    ['same code, same level', ingen, sak('U', 2), sak('U', 2), false],
    ['same code, higher level', ingen, sak('U', 2), sak('U', 3), false],
    ['another code, higher level', ingen, sak('U', 1), sak('P', 3), true],
    ['old sak open, new one screened', ingen, ingen, sak('P', 1), false],
  ])('%s', (_navn, jp, fra, til, mistes) => {
    expect(arvetSkjermingSomMistes(jp, fra, til) !== null).toBe(mistes);
  });
});
