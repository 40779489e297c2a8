import { TILGANGSKODE_KODER, type Tilgangskode } from '@arkiv/shared';
import { type Actor, effektiveTilganger } from '../auth/actor';
import { createJournalpost, updateJournalpost } from '../journalpost/journalpost.service';
import { opprettOppgave } from '../oppgave/oppgave.service';
import { createSak } from '../sak/sak.service';
import { oppnevnStedfortreder } from '../stedfortreder/stedfortreder.service';
import { createTestContext, type TestContext } from '../test/context';
import { buildArkivdel, buildBruker, buildEnhet } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { forventetSkjult, type Gradering, graderinger, skjermingAv } from './skjerming.fixtures';
import { omDager } from '../test/dato';

/**
 * "Nothing screened leaks" on the desk's read paths: the kurver (contents
 * and counts), oppgaver, the restanserapport, lignende saker, and a stedfortreder on a
 * leader's desk. One grading matrix (skjerming.fixtures.ts, as skjerming.matrix.test.ts) sits
 * on one leader's desk; every viewer reads every path. Every record is listed and counted
 * (as in every journalpost list) and shown redacted to the level the manual hides; the list
 * (SQL filter) shows what the single view (policy) shows; no hidden marker appears anywhere;
 * the one who sees through sees every marker.
 */
const RUN = `D${Date.now().toString(36)}`;
const mk = (i: number, part: string) => `${RUN}${part}X${i}Z`;
const PARTS = { t2: 'T2', beskrivelse: 'BE', part: 'PA', sakT2: 'ST' } as const;
const dag = omDager;

interface Fixture extends Gradering {
  i: number;
  sakId: string;
  jpId: string;
  oppgaveId: string;
}

interface Viewer {
  navn: string;
  actor: Actor;
  /** On the leader's desk as stedfortreder. */
  deputy: boolean;
  koder: readonly (readonly [Tilgangskode, string | null])[];
  personlig: boolean;
}

describe('skjerming on the desk: kurver, oppgaver, restanserapport, lignende saker, stedfortreder', () => {
  let ctx: TestContext;
  const fixtures: Fixture[] = [];
  const viewers: Viewer[] = [];
  let enhetA: string;
  let leder: Actor;
  let utgaatt: Actor;
  const sakIds = new Set<string>();

  beforeAll(async () => {
    ctx = await createTestContext();
    const db = ctx.db;
    await buildArkivdel(db);
    const a = await buildEnhet(db);
    const b = await buildEnhet(db);
    enhetA = a.systemId;
    const alleForA = TILGANGSKODE_KODER.map((k) => [k, a.systemId] as const);
    leder = await buildBruker(db, { roller: [['LED', a.systemId]], tilganger: alleForA });
    const ark = await buildBruker(db, { roller: [['ARK', b.systemId]] });

    viewers.push({ navn: 'the leader (own desk)', actor: leder, deputy: false, koder: alleForA, personlig: true });
    // Deputies get the codes their appointment names, nothing for being on the leader's desk.
    const oppnevn = async (koder: readonly Tilgangskode[], fra = dag(0), til = dag(7)) => {
      const d = await buildBruker(db, { roller: [['SBH', b.systemId]] });
      await oppnevnStedfortreder(db, leder, { stedfortrederId: d.bruker.systemId, fraDato: fra, tilDato: til, tilgangskoder: [...koder] });
      return d;
    };
    viewers.push({ navn: 'deputy, no codes', actor: await oppnevn([]), deputy: true, koder: [], personlig: false });
    viewers.push({ navn: 'deputy, all codes', actor: await oppnevn(TILGANGSKODE_KODER), deputy: true, koder: alleForA, personlig: false });
    for (const k of TILGANGSKODE_KODER) viewers.push({ navn: `deputy, ${k}`, actor: await oppnevn([k]), deputy: true, koder: [[k, a.systemId]], personlig: false });
    utgaatt = await oppnevn(TILGANGSKODE_KODER, dag(-10), dag(-1));
    // The archive reads the unit's restanserapport; with and without codes.
    viewers.push({ navn: 'archive, no codes', actor: ark, deputy: false, koder: [], personlig: false });
    const alleGlobalt = TILGANGSKODE_KODER.map((k) => [k, null] as const);
    viewers.push({ navn: 'archive, all codes', actor: await buildBruker(db, { roller: [['ARK', b.systemId]], tilganger: alleGlobalt }), deputy: false, koder: alleGlobalt, personlig: false });

    const fellesSak = await createSak(db, ark, { tittel: `${RUN} skjermet sak felles`, sakstype: 'GS', saksansvarligId: leder.bruker.systemId, administrativEnhetId: a.systemId });
    sakIds.add(fellesSak);
    for (const [i, g] of graderinger({ dokument: false }).entries()) {
      const skjerming = skjermingAv(g);
      let sakId = fellesSak;
      if (g.paa === 'sak') {
        sakId = await createSak(db, ark, {
          tittel: `${RUN} skjermet sak ${i}`,
          tittel2: mk(i, PARTS.sakT2),
          sakstype: 'GS',
          saksansvarligId: leder.bruker.systemId,
          administrativEnhetId: a.systemId,
          ...(skjerming ? { skjerming } : {}),
        });
        sakIds.add(sakId);
      }
      // Received, with restanse: the leader's *Ubehandlet*.
      const jpId = await createJournalpost(db, leder, sakId, {
        journalposttype: 'I',
        tittel: `${RUN} journalpost ${i}`,
        tittel2: `${mk(i, PARTS.t2)}-v1`,
        beskrivelse: mk(i, PARTS.beskrivelse),
        forfallsdato: dag(30),
        administrativEnhetId: a.systemId,
        korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: mk(i, PARTS.part) }],
        ...(skjerming && g.paa === 'journalpost' ? { skjerming } : {}),
      });
      await updateJournalpost(db, leder, jpId, { tittel2: mk(i, PARTS.t2) });
      // An oppgave about it from the archive: the leader's *Mottatte oppgaver*.
      const [oppgaveId] = await opprettOppgave(db, ark, { oppgavetype: 'UTTALELSE', mottakerIds: [leder.bruker.systemId], journalpostId: jpId });
      fixtures.push({ ...g, i, sakId, jpId, oppgaveId: oppgaveId! });
    }
  }, 180_000);
  afterAll(() => ctx.close());

  it('covers every tilgangskode × level on sak and journalpost, and a deputy per code', () => {
    expect(fixtures.filter((f) => f.paa !== 'ingen')).toHaveLength(TILGANGSKODE_KODER.length * 3 * 2);
    expect(viewers.filter((v) => v.deputy)).toHaveLength(TILGANGSKODE_KODER.length + 2);
  });

  it('§11.3 a deputy’s codes come from effektiveTilganger, only inside the appointment’s dates', async () => {
    const deputy = viewers.find((v) => v.navn === 'deputy, U')!;
    const paa = await effektiveTilganger(ctx.db, deputy.actor.bruker.systemId, { paaVegneAv: leder.bruker.systemId });
    expect(paa).toEqual([{ tilgangskode: 'U', enhetId: enhetA }]);
    // Before and after the period: only the deputy's own (none).
    expect(await effektiveTilganger(ctx.db, deputy.actor.bruker.systemId, { paaVegneAv: leder.bruker.systemId, now: new Date(Date.now() + 30 * 86400000) })).toEqual([]);
    expect(await effektiveTilganger(ctx.db, deputy.actor.bruker.systemId, { paaVegneAv: leder.bruker.systemId, now: new Date(Date.now() - 30 * 86400000) })).toEqual([]);
    expect(await effektiveTilganger(ctx.db, utgaatt.bruker.systemId, { paaVegneAv: leder.bruker.systemId })).toEqual([]);
    // The actor the request runs as carries exactly those codes.
    const meg = await som(ctx, deputy.actor, { paaVegneAv: leder.bruker.systemId }).get('/api/meg');
    expect(meg.status).toBe(200);
    expect(meg.body.tilganger).toEqual([{ tilgangskode: 'U', enhetId: enhetA }]);
    expectProblem(await som(ctx, utgaatt, { paaVegneAv: leder.bruker.systemId }).get('/api/kurver'), 403, 'forbidden');
  });

  it.each(Array.from({ length: TILGANGSKODE_KODER.length + 5 }, (_, n) => n))('viewer #%i: every issue-3 read path lists all, redacts as the manual says, leaks nothing', async (n) => {
    const v = viewers[n]!;
    const http = som(ctx, v.actor, v.deputy ? { paaVegneAv: leder.bruker.systemId } : {});
    const bodies: string[] = [];
    const get = async (url: string) => {
      const res = await http.get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      bodies.push(JSON.stringify(res.body));
      return res.body;
    };
    const exp = (f: Fixture) => forventetSkjult(f, v, enhetA);
    const shown = (nivaa: number, marker: string) => ({ skjultNivaa: nivaa, tittel2: nivaa >= 2 ? '*****' : marker });
    type Item = { systemId: string; skjultNivaa: number; tittel2: string | null };
    const byId = (items: Item[]) => new Map(items.map((i) => [i.systemId, { skjultNivaa: i.skjultNivaa, tittel2: i.tittel2 }]));

    // The single-record views (policy path), which the lists must equal.
    const single = new Map<string, { tittel2: string }>();
    for (const f of fixtures) single.set(f.jpId, await get(`/api/journalposter/${f.jpId}`));

    const desk = v.deputy || v.personlig;
    if (desk) {
      // Counts: every record on the desk, graded or not, counted once.
      const counts = Object.fromEntries(((await get('/api/kurver')) as { kurv: string; antall: number }[]).map((k) => [k.kurv, k.antall]));
      expect({ ubehandlet: counts.ubehandlet, oppgaver: counts.mottatte_oppgaver, saker: counts.mine_saker }).toEqual({ ubehandlet: fixtures.length, oppgaver: fixtures.length, saker: sakIds.size });

      const ubehandlet = byId(await get('/api/kurver/ubehandlet'));
      const oppgaver = byId(await get('/api/kurver/mottatte_oppgaver'));
      const mineSaker = byId(await get('/api/kurver/mine_saker'));
      expect(ubehandlet.size + oppgaver.size + mineSaker.size).toBe(2 * fixtures.length + sakIds.size);
      for (const f of fixtures) {
        const e = exp(f);
        const want = shown(e.jpNivaa, mk(f.i, PARTS.t2));
        expect({ f: f.i, kurv: 'ubehandlet', ...ubehandlet.get(f.jpId) }).toEqual({ f: f.i, kurv: 'ubehandlet', ...want });
        expect({ f: f.i, kurv: 'oppgaver', ...oppgaver.get(f.oppgaveId) }).toEqual({ f: f.i, kurv: 'oppgaver', ...want });
        // List (SQL filter) = single view (policy).
        expect({ f: f.i, list: ubehandlet.get(f.jpId)!.tittel2 }).toEqual({ f: f.i, list: single.get(f.jpId)!.tittel2 });
        if (f.paa === 'sak') expect({ f: f.i, ...mineSaker.get(f.sakId) }).toEqual({ f: f.i, ...shown(e.sakNivaa, mk(f.i, PARTS.sakT2)) });
      }
    }

    // Restanserapport for the unit (the leader's, the deputy's on the leader's desk, the archive's).
    const rapport = await get(`/api/rapporter/restanse?enhetId=${enhetA}`);
    const rapportJps = byId(rapport.journalposter);
    expect(rapportJps.size).toBe(fixtures.length);
    for (const f of fixtures) expect({ f: f.i, ...rapportJps.get(f.jpId) }).toEqual({ f: f.i, ...shown(exp(f).jpNivaa, mk(f.i, PARTS.t2)) });

    // Oppgaver about each journalpost, and each oppgave (a 404 for who is neither sender nor receiver).
    const part = desk || v.navn === 'archive, no codes';
    for (const f of fixtures) {
      await get(`/api/journalposter/${f.jpId}/oppgaver`);
      if (part) await get(`/api/oppgaver/${f.oppgaveId}`);
      else expectProblem(await http.get(`/api/oppgaver/${f.oppgaveId}`), 404, 'not_found');
    }

    // Lignende saker: title line 1 is public, so graded saker are found; nothing else shows.
    const lignende = (await get(`/api/saker/lignende?tittel=${encodeURIComponent(`${RUN} skjermet sak`)}`)) as unknown[];
    expect(lignende).toHaveLength(Math.min(10, sakIds.size));

    // No hidden marker in any response; every visible one somewhere.
    const all = bodies.join('\n');
    for (const f of fixtures) {
      const e = exp(f);
      const shouldShow: Record<string, boolean> = {
        [PARTS.t2]: e.jpNivaa < 2,
        [PARTS.beskrivelse]: e.jpNivaa < 2,
        [PARTS.part]: e.jpNivaa < 3,
      };
      if (f.paa === 'sak' && desk) shouldShow[PARTS.sakT2] = e.sakNivaa < 2;
      const seen = Object.fromEntries(Object.keys(shouldShow).map((p) => [p, all.includes(mk(f.i, p))]));
      expect({ f: f.i, grading: `${f.paa}:${f.kode}:${f.nivaa}`, seen }).toEqual({ f: f.i, grading: `${f.paa}:${f.kode}:${f.nivaa}`, seen: shouldShow });
    }
    // Off the desk no path here shows a sak's line 2, so none may appear.
    if (!desk) expect(all.includes(`${RUN}${PARTS.sakT2}X`)).toBe(false);
  });
});
