import { Readable } from 'node:stream';
import { TILGANGSKODE_KODER, type Tilgangskode } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import { addDokument } from '../dokument/dokument.service';
import { setDokumentSkjerming } from '../dokument/offentlighet.service';
import { dokumentSkjult, journalpostFinnes, journalpostSkjultNivaa } from '../journalpost/journalpost.presenter';
import { findJournalpost, loadChildren, loadChildrenFor, selectJournalpostFor, type JournalpostRow } from '../journalpost/journalpost.repository';
import { addMerknad, createJournalpost } from '../journalpost/journalpost.service';
import { opprettKryssreferanse } from '../kryssreferanse/kryssreferanse.service';
import { besvarOppgave } from '../oppgave/besvar-oppgave';
import { deaktiver, opprettOppgave } from '../oppgave/oppgave.service';
import { giTilgang } from '../sak/sak-tilgang';
import { createSak } from '../sak/sak.service';
import { oppnevnStedfortreder, somStedfortreder } from '../stedfortreder/stedfortreder.service';
import { createTestContext, type TestContext } from '../test/context';
import { buildArkivdel, buildBruker, buildEnhet } from '../test/factories';
import { som } from '../test/http';
import { forventetSkjult, type Gradering, skjermingAv } from './skjerming.fixtures';
import { idag } from '../test/dato';

/**
 * Dokumenter i arbeid (manual §5 status R, §6): a draft is read by its saksbehandler, the
 * saksansvarlig, whoever it is sent to for approval (open or answered; §10.6, §11.2), the
 * leaders of its unit, the archive, and a stedfortreder on one of their desks (§11.3). Anyone
 * else sees at most title line 1, and only where nothing else of the record is screened from
 * them (§8). One fixture set of drafts, graded as in skjerming.fixtures.ts, runs through the
 * TypeScript policy (single records), the SQL filter (lists) and every read path over HTTP;
 * the expectation is written out here from the manual.
 */
const RUN = `U${Date.now().toString(36)}`;
const mk = (i: number, part: string) => `${RUN}${part}X${i}Z`;
const PARTS = { t2: 'T2', beskrivelse: 'BE', part: 'PA', dok: 'DO', innhold: 'IN', merknad: 'ME' } as const;

interface Fixture extends Gradering {
  i: number;
  sakId: string;
  jpId: string;
  dokId: string;
  /** A draft (R), or the control: a registered incoming letter (S). */
  utkast: boolean;
}

interface Viewer {
  navn: string;
  /** The actor the policy and the SQL filter see (on a desk for a stedfortreder). */
  actor: Actor;
  /** Who signs in, and whose desk they are on. */
  bruker: Actor;
  paaVegneAv?: string;
  /** Reads the drafts, by the manual. */
  leser: boolean;
  koder: readonly (readonly [Tilgangskode, string | null])[];
  personlig: boolean;
}

const GRADERINGER: Gradering[] = [
  { kode: null, nivaa: null, paa: 'ingen' },
  { kode: 'U', nivaa: 1, paa: 'journalpost' },
  { kode: 'U', nivaa: 3, paa: 'journalpost' },
  { kode: 'P', nivaa: 2, paa: 'sak' },
  { kode: 'U', nivaa: 1, paa: 'dokument' },
];

describe('§6 Dokumenter i arbeid: who reads a draft; policy and SQL filter agree on every read path', () => {
  let ctx: TestContext;
  const fixtures: Fixture[] = [];
  const viewers: Viewer[] = [];
  let enhetA: string;
  let nav: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    const db = ctx.db;
    await buildArkivdel(db);
    const a = await buildEnhet(db);
    const b = await buildEnhet(db);
    enhetA = a.systemId;
    const sbh = (enhet: string, tilganger: readonly (readonly [Tilgangskode, string | null])[] = []) => buildBruker(db, { roller: [['SBH', enhet]], tilganger });
    const led = (enhet: string) => buildBruker(db, { roller: [['LED', enhet]] });

    const forfatter = await sbh(a.systemId);
    const saksansvarlig = await sbh(a.systemId);
    const lederA = await led(a.systemId);
    // Approvers: leaders of another unit, so only the approval makes them readers.
    const godkjenner = await led(b.systemId);
    const besvart = await led(b.systemId);
    const deaktivert = await led(b.systemId);
    const ark = await buildBruker(db, { roller: [['ARK', b.systemId]] });
    const dok = await buildBruker(db, { roller: [['DOK', b.systemId]] });
    const alleForA = TILGANGSKODE_KODER.map((k) => [k, a.systemId] as const);

    const add = (navn: string, actor: Actor, leser: boolean, extra: Partial<Viewer> = {}) =>
      viewers.push({ navn, actor, bruker: actor, leser, koder: [], personlig: false, ...extra });
    add('saksbehandler', forfatter, true, { personlig: true });
    add('saksansvarlig', saksansvarlig, true, { personlig: true });
    add('leder of the unit', lederA, true);
    add('approver, open', godkjenner, true);
    add('approver, answered', besvart, true);
    add('archive (ARK)', ark, true);
    add('dokumentsenter (DOK)', dok, true);
    add('approver, deactivated before read', deaktivert, false);
    add('saksbehandler, same unit', await sbh(a.systemId), false);
    add('saksbehandler, same unit, every code', await sbh(a.systemId, alleForA), false, { koder: alleForA });
    add('saksbehandler, other unit', await sbh(b.systemId), false);
    add('leder of another unit', await led(b.systemId), false);
    // §11.3: deputies on the desks of the unit's leader and of the approver.
    for (const [navn, leder] of [['deputy of the leader', lederA], ['deputy of the approver', godkjenner]] as const) {
      const deputy = await sbh(b.systemId);
      await oppnevnStedfortreder(db, leder, { stedfortrederId: deputy.bruker.systemId, fraDato: idag(), tilDato: idag() });
      add(navn, await somStedfortreder(db, deputy, leder.bruker.systemId), true, { bruker: deputy, paaVegneAv: leder.bruker.systemId });
    }

    const nySak = async (g: Gradering, i: number) => {
      const skjerming = g.paa === 'sak' ? skjermingAv(g) : undefined;
      const sakId = await createSak(db, ark, { tittel: `${RUN} sak ${i}`, sakstype: 'GS', saksansvarligId: saksansvarlig.bruker.systemId, administrativEnhetId: a.systemId, ...(skjerming ? { skjerming } : {}) });
      // §6: the saksansvarlig lets the saksbehandler add journalposter to the sak.
      await giTilgang(db, saksansvarlig, sakId, forfatter.bruker.systemId);
      return sakId;
    };
    const lag = async (g: Gradering, i: number, utkast: boolean) => {
      const sakId = await nySak(g, i);
      const skjerming = g.paa === 'journalpost' ? skjermingAv(g) : undefined;
      const jpId = await createJournalpost(db, forfatter, sakId, {
        journalposttype: utkast ? 'U' : 'I',
        tittel: `${RUN} journalpost ${i}`,
        tittel2: mk(i, PARTS.t2),
        beskrivelse: mk(i, PARTS.beskrivelse),
        administrativEnhetId: a.systemId,
        korrespondanseparter: [{ korrespondanseparttype: utkast ? 'EM' : 'EA', navn: mk(i, PARTS.part) }],
        ...(skjerming ? { skjerming } : {}),
      });
      const staged = await ctx.blobs.stage(Readable.from([Buffer.from(mk(i, PARTS.innhold))]));
      const dokId = await addDokument(db, ctx.blobs, forfatter, jpId, { tittel: mk(i, PARTS.dok) }, { staged, filnavn: 'brev.txt', mimeType: 'text/plain' });
      if (g.paa === 'dokument') await setDokumentSkjerming(db, forfatter, dokId, skjermingAv(g)!);
      await addMerknad(db, forfatter, jpId, { merknadstype: 'FORMELL', merknadstekst: mk(i, PARTS.merknad) });
      if (utkast) {
        // Sent for approval: answered (Ikke godkjent), then deactivated before read, then open.
        const send = async (til: Actor) => (await opprettOppgave(db, forfatter, { oppgavetype: 'GODKJENNING', mottakerIds: [til.bruker.systemId], journalpostId: jpId }))[0]!;
        await besvarOppgave(db, besvart, await send(besvart), { svar: 'Ikke godkjent' });
        await deaktiver(db, forfatter, await send(deaktivert));
        await send(godkjenner);
      }
      fixtures.push({ ...g, i, sakId, jpId, dokId, utkast });
    };
    for (const [i, g] of GRADERINGER.entries()) await lag(g, i, true);
    await lag({ kode: null, nivaa: null, paa: 'ingen' }, GRADERINGER.length, false);

    // A journalpost every fixture is referred to from: kryssreferanser are a read path too.
    const navSak = await createSak(db, ark, { tittel: 'Kryssreferanser', sakstype: 'GS', saksansvarligId: saksansvarlig.bruker.systemId, administrativEnhetId: a.systemId });
    nav = await createJournalpost(db, ark, navSak, { journalposttype: 'X', tittel: 'Kryssreferansenav', administrativEnhetId: a.systemId });
    for (const f of fixtures) await opprettKryssreferanse(db, ark, { type: 'journalpost', id: nav }, { tilJournalpostId: f.jpId });
  }, 180_000);
  afterAll(() => ctx.close());

  /** The manual: §8 for the skjerming, then §6 for the draft. */
  const expected = (v: Viewer, f: Fixture) => {
    const skj = forventetSkjult(f, { koder: v.koder, personlig: v.personlig }, enhetA);
    if (!f.utkast || v.leser) return { finnes: true, nivaa: skj.jpNivaa, dokSkjult: skj.dokSkjult, merknader: true };
    // Title line 1 only, and only where nothing else of the record is screened from them.
    return { finnes: skj.jpNivaa === 0, nivaa: 4, dokSkjult: true, merknader: false };
  };

  it('has readers and non-readers, drafts in every kind of grading and a control that is not a draft', () => {
    expect(viewers.filter((v) => v.leser).map((v) => v.navn)).toHaveLength(9);
    expect(viewers.filter((v) => !v.leser).map((v) => v.navn)).toHaveLength(5);
    expect(fixtures.map((f) => f.utkast)).toEqual([true, true, true, true, true, false]);
  });

  it.each(Array.from({ length: 14 }, (_, n) => n))('viewer #%i: policy = SQL = the manual on every read path, nothing of a draft leaks', async (n) => {
    const v = viewers[n]!;
    const { db } = ctx;
    const http = som(ctx, v.bruker, v.paaVegneAv ? { paaVegneAv: v.paaVegneAv } : {});

    // 1. Decisions: the policy (single record) and the SQL filter (lists) against the manual.
    const jpIds = fixtures.map((f) => f.jpId);
    const sqlJps = new Map((await selectJournalpostFor(db, v.actor).where('j.systemId', 'in', jpIds).execute()).map((r) => [r.systemId, r]));
    const sqlChildren = await loadChildrenFor(db, v.actor, jpIds);
    const rawChildren = await loadChildren(db, jpIds);
    for (const f of fixtures) {
      const exp = expected(v, f);
      const raw = (await findJournalpost(db, f.jpId)) as JournalpostRow;
      const dok = rawChildren.dokumenter.find((d) => d.systemId === f.dokId)!;
      expect({ f: f.i, policyFinnes: journalpostFinnes(v.actor, raw), sqlFinnes: sqlJps.has(f.jpId), policyNivaa: journalpostSkjultNivaa(v.actor, raw), policyDok: dokumentSkjult(v.actor, raw, dok) }).toEqual({
        f: f.i,
        policyFinnes: exp.finnes,
        sqlFinnes: exp.finnes,
        policyNivaa: exp.nivaa,
        policyDok: exp.dokSkjult,
      });
      if (exp.finnes) expect({ f: f.i, sqlNivaa: sqlJps.get(f.jpId)!.skjultNivaa, sqlDok: sqlChildren.dokumentSkjult!.get(f.dokId) }).toEqual({ f: f.i, sqlNivaa: exp.nivaa, sqlDok: exp.dokSkjult });
    }

    // 2. Every read path over HTTP.
    const bodies: string[] = [];
    const sok = await http.get(`/api/sok?q=${RUN}&limit=100`);
    expect(sok.status).toBe(200);
    bodies.push(JSON.stringify(sok.body));
    const sokIds = new Set((sok.body.journalposter.items as { systemId: string }[]).map((j) => j.systemId));
    expect(sok.body.journalposter.total).toBe(fixtures.filter((f) => expected(v, f).finnes).length);

    for (const f of fixtures) {
      const exp = expected(v, f);
      const [jp, liste, sakHist, jpHist, innhold] = await Promise.all([
        http.get(`/api/journalposter/${f.jpId}`),
        http.get(`/api/saker/${f.sakId}/journalposter`),
        http.get(`/api/saker/${f.sakId}/historikk`),
        http.get(`/api/journalposter/${f.jpId}/historikk`),
        ctx.app.inject({ method: 'GET', url: `/api/dokumenter/${f.dokId}/innhold`, headers: { ...(await ctx.auth(v.bruker.bruker.brukernavn)), ...(v.paaVegneAv ? { 'x-paa-vegne-av': v.paaVegneAv } : {}) } }),
      ]);
      bodies.push(...[jp, liste, sakHist, jpHist].map((r) => JSON.stringify(r.body)));
      expect({ f: f.i, jp: jp.status, jpHist: jpHist.status, liste: liste.body.total, sok: sokIds.has(f.jpId) }).toEqual({
        f: f.i,
        jp: exp.finnes ? 200 : 404,
        jpHist: exp.finnes ? 200 : 404,
        liste: exp.finnes ? 1 : 0,
        sok: exp.finnes,
      });
      // The document of a draft the viewer does not read cannot be downloaded.
      expect({ f: f.i, download: innhold.statusCode, content: innhold.statusCode === 200 ? innhold.body : null }).toEqual({
        f: f.i,
        download: exp.dokSkjult ? 404 : 200,
        content: exp.dokSkjult ? null : mk(f.i, PARTS.innhold),
      });
      if (!exp.finnes) continue;
      // The list renders what the single view renders; title line 1 is always there.
      expect(liste.body.items[0]).toEqual(jp.body);
      const view = jp.body as { tittel: string; tittel2: string | null; korrespondanseparterSkjermet: boolean; dokumenter: { skjermet: boolean }[]; merknader: { merknadstekst: string }[] };
      expect({ f: f.i, tittel: view.tittel, tittel2: view.tittel2 === '*****', parter: view.korrespondanseparterSkjermet, dok: view.dokumenter[0]!.skjermet, merknad: view.merknader.some((m) => m.merknadstekst === mk(f.i, PARTS.merknad)), merknader: view.merknader.length > 0 }).toEqual({
        f: f.i,
        tittel: `${RUN} journalpost ${f.i}`,
        tittel2: exp.nivaa >= 2,
        parter: exp.nivaa >= 3,
        dok: exp.dokSkjult,
        // A merknad's text follows title line 2 (hidden from level 2, docs/skjerming.md).
        merknad: exp.merknader && exp.nivaa < 2,
        merknader: exp.merknader,
      });
    }

    // Kryssreferanser: a draft the viewer may not know of is not listed; others as the single view.
    const kryss = await http.get(`/api/journalposter/${nav}/kryssreferanser`);
    expect(kryss.status).toBe(200);
    bodies.push(JSON.stringify(kryss.body));
    const refererer = new Map((kryss.body.refererer as { objekt: { systemId: string; skjultNivaa: number } }[]).map((r) => [r.objekt.systemId, r.objekt.skjultNivaa]));
    expect(Object.fromEntries(fixtures.map((f) => [f.i, refererer.get(f.jpId) ?? null]))).toEqual(Object.fromEntries(fixtures.map((f) => [f.i, expected(v, f).finnes ? expected(v, f).nivaa : null])));

    // Kurver: the viewer's own baskets (an approver's Mottatt for godkjenning, the author's Dokumenter i arbeid).
    for (const kurv of ['dokumenter_i_arbeid', 'mottatt_for_godkjenning', 'sendt_til_godkjenning', 'mottatte_oppgaver']) {
      const res = await http.get(`/api/kurver/${kurv}`);
      expect(res.status).toBe(200);
      bodies.push(JSON.stringify(res.body));
    }

    // 3. Markers: a hidden part appears in no response; a visible one appears somewhere.
    const all = bodies.join('\n');
    for (const f of fixtures) {
      const exp = expected(v, f);
      const shouldShow = {
        [PARTS.t2]: exp.finnes && exp.nivaa < 2,
        [PARTS.beskrivelse]: exp.finnes && exp.nivaa < 2,
        [PARTS.part]: exp.finnes && exp.nivaa < 3,
        [PARTS.dok]: exp.finnes && !exp.dokSkjult,
        [PARTS.merknad]: exp.finnes && exp.merknader && exp.nivaa < 2,
      };
      const seen = Object.fromEntries(Object.keys(shouldShow).map((p) => [p, all.includes(mk(f.i, p))]));
      expect({ f: f.i, seen }).toEqual({ f: f.i, seen: shouldShow });
    }
  });
});
