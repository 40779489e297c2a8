import fc from 'fast-check';
import { sql } from 'kysely';
import { AVSKRIVNINGSMAATE_KODER, type Avskrivningsmaate, JOURNALPOSTTYPE_KODER, type Journalposttype, OPPGAVETYPER } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import { ekspederJournalpost } from '../ekspedering/ekspeder';
import { AppError } from '../errors/app-error';
import { feilregistrer } from '../journalpost/feilregistrer-flytt';
import { fordel } from '../journalpost/fordel';
import { arkiver, createJournalpost, journalfoer, updateJournalpost } from '../journalpost/journalpost.service';
import { besvarOppgave } from '../oppgave/besvar-oppgave';
import { fjernFraKurv, opprettOppgave } from '../oppgave/oppgave.service';
import { avskriv } from '../restanse/avskriv';
import { besvar } from '../restanse/besvar';
import { restanseSql } from '../restanse/restanse.sql';
import { endreSaksstatus, type SakStatusHandling } from '../sak/sak-status';
import { oppnevnStedfortreder, somStedfortreder } from '../stedfortreder/stedfortreder.service';
import type { TestContext } from '../test/context';
import { buildBruker, buildSak } from '../test/factories';
import { AVSKRIVNING_GJELDER, forventetRestanse, GODKJENNING_SVAR, KREVER_MERKNAD, LAAST, LOVLIGE_OVERGANGER } from '../test/manualens-regler';
import { openWorld, type World } from '../test/world';

/**
 * Property (manual §5, §10.2, §10.6, §11.2, §12.1, §12.6): whatever random roles do in whatever
 * order, no record breaks the journalstatus machine, the restanse rule or the lock rule, nothing
 * fails with anything but a problem the user can act on (4xx), every approval is by someone
 * other than the author, and every open restanse and oppgave can still be finished by someone.
 * The expected rules are the manual's, written out in test/manualens-regler.ts.
 * Runs: ARKIV_PROPERTY_RUNS (a short run by default; CI sets a longer one).
 */
const RUNS = Number(process.env.ARKIV_PROPERTY_RUNS ?? 60);

type Action =
  | { kind: 'opprett'; who: number; type: Journalposttype; forfall: boolean; egen: boolean }
  | { kind: 'avskriv'; who: number; jp: number; maate: Avskrivningsmaate; merknad: boolean; svar: number | null }
  | { kind: 'endre'; who: number; jp: number }
  | { kind: 'fordel'; who: number; jp: number }
  | { kind: 'til_godkjenning'; who: number; jp: number; til: number }
  | { kind: 'svar_godkjenning'; who: number; av: 'mottaker' | 'stedfortreder' | 'tilfeldig'; svar: (typeof GODKJENNING_SVAR)[number]; til: number }
  | { kind: 'oppgave'; who: number; jp: number; type: 'BESKJED' | 'UTTALELSE'; til: number }
  | { kind: 'ekspeder'; who: number; jp: number }
  | { kind: 'journalfoer'; who: number; jp: number }
  | { kind: 'arkiver'; who: number; jp: number }
  | { kind: 'feilregistrer'; who: number; jp: number }
  | { kind: 'besvar'; who: number; jp: number; maate: 'besvar_og_avskriv' | 'forelopig_svar' | 'besvar_uten_avskrivning' }
  | { kind: 'sak'; who: number; handling: SakStatusHandling };
const KINDS = ['opprett', 'avskriv', 'endre', 'fordel', 'til_godkjenning', 'svar_godkjenning', 'oppgave', 'ekspeder', 'journalfoer', 'arkiver', 'feilregistrer', 'besvar', 'sak'] as const;

// sbh, sbh2, fremmed, leder, ark, dok, leder2 (another unit), sbh2 as deputy on the leader's desk.
const who = fc.nat(7);
const jp = fc.nat(30);
const leder = fc.nat(1);
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('opprett' as const), who, type: fc.constantFrom(...JOURNALPOSTTYPE_KODER), forfall: fc.boolean(), egen: fc.boolean() }),
  fc.record({ kind: fc.constant('avskriv' as const), who, jp, maate: fc.constantFrom(...AVSKRIVNINGSMAATE_KODER), merknad: fc.boolean(), svar: fc.option(jp, { nil: null }) }),
  fc.record({ kind: fc.constant('endre' as const), who, jp }),
  fc.record({ kind: fc.constant('fordel' as const), who, jp }),
  { arbitrary: fc.record({ kind: fc.constant('til_godkjenning' as const), who, jp, til: leder }), weight: 2 },
  // Answered by its receiver, by the leader's deputy, or by anyone (who must be refused).
  { arbitrary: fc.record({ kind: fc.constant('svar_godkjenning' as const), who, av: fc.constantFrom('mottaker' as const, 'stedfortreder' as const, 'tilfeldig' as const), svar: fc.constantFrom(...GODKJENNING_SVAR), til: leder }), weight: 2 },
  fc.record({ kind: fc.constant('oppgave' as const), who, jp, type: fc.constantFrom('BESKJED' as const, 'UTTALELSE' as const), til: who }),
  fc.record({ kind: fc.constant('ekspeder' as const), who, jp }),
  // The archive's steps come often enough for records to reach J and A within one sequence.
  { arbitrary: fc.record({ kind: fc.constant('journalfoer' as const), who: fc.constantFrom(4, 5), jp }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('arkiver' as const), who: fc.constantFrom(4, 5), jp }), weight: 2 },
  fc.record({ kind: fc.constant('arkiver' as const), who, jp }),
  fc.record({ kind: fc.constant('feilregistrer' as const), who, jp }),
  fc.record({ kind: fc.constant('besvar' as const), who, jp, maate: fc.constantFrom('besvar_og_avskriv' as const, 'forelopig_svar' as const, 'besvar_uten_avskrivning' as const) }),
  fc.record({ kind: fc.constant('sak' as const), who, handling: fc.constantFrom('kontroller' as const, 'avslutt' as const, 'gjenaapne' as const, 'utgaar' as const) }),
);

describe('property: random roles, random order (§5 machine, restanse, lock, approval and nothing-stuck rules)', () => {
  let ctx: TestContext;
  let w: World;
  let roles: Actor[];
  let ledere: Actor[];
  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    const leder2 = await buildBruker(ctx.db, { roller: [['LED', w.annenEnhet.systemId]] });
    await oppnevnStedfortreder(ctx.db, w.leder, { stedfortrederId: w.sbh2.bruker.systemId, fraDato: '2000-01-01', tilDato: '2999-12-31' });
    const deputy = await somStedfortreder(ctx.db, w.sbh2, w.leder.bruker.systemId);
    roles = [w.sbh, w.sbh2, w.fremmed, w.leder, w.ark, w.dok, leder2, deputy];
    ledere = [w.leder, leder2];
  }, 60_000);
  afterAll(() => ctx.close());

  const done = new Map<string, number>();
  const refusals = new Map<string, number>();
  /** Every Godkjent that went through, with who approved and who wrote and sent the journalpost then. */
  let godkjenninger: { journalpostId: string; godkjenner: (string | null)[]; forfattere: (string | null)[] }[] = [];

  /** The first Til godkjenning of the chain an oppgave belongs to (followed by hand, not by the service). */
  async function kjedensStart(oppgaveId: string) {
    let o = await ctx.db.selectFrom('oppgave').selectAll().where('systemId', '=', oppgaveId).executeTakeFirstOrThrow();
    while (o.forrigeOppgaveId) {
      const f = await ctx.db.selectFrom('oppgave').selectAll().where('systemId', '=', o.forrigeOppgaveId).executeTakeFirstOrThrow();
      if (f.oppgavetype !== 'GODKJENNING') break;
      o = f;
    }
    return o;
  }

  async function run(sakId: string, actions: Action[]) {
    // Every sequence starts from an incoming letter, an N-notat, a letter with forfallsdato and
    // an expedited X-notat (ready for the archive's steps).
    const xNotat = await createJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'X', tittel: 'X-notat' });
    await ctx.db.transaction().execute((trx) => ekspederJournalpost(trx, w.sbh, xNotat));
    const ids: string[] = [
      await createJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', tittel: 'Inn', saksbehandlerId: w.sbh.bruker.systemId, korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Avsender', postadresse: 'Vei 2' }] }),
      await createJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'N', tittel: 'Notat', korrespondanseparter: [{ korrespondanseparttype: 'IM', navn: 'Kollega', brukerId: w.sbh2.bruker.systemId }] }),
      await createJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'U', tittel: 'Ut', forfallsdato: '2030-01-01', korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Mottaker', postadresse: 'Vei 3' }] }),
      xNotat,
    ];
    const pick = (i: number) => ids[i % Math.max(ids.length, 1)];
    let n = 0;
    for (const a of actions) {
      const actor = roles[a.who]!;
      const id = pick('jp' in a ? a.jp : 0)!;
      try {
        switch (a.kind) {
          case 'opprett': {
            const parter =
              a.type === 'N'
                ? [{ korrespondanseparttype: 'IM' as const, navn: 'Kollega', brukerId: w.sbh2.bruker.systemId }]
                : [{ korrespondanseparttype: a.type === 'I' ? ('EA' as const) : ('EM' as const), navn: 'Part', postadresse: 'Vei 1' }];
            // `egen`: the actor writes it himself (a leader's own letter, a deputy's own letter).
            const saksbehandlerId = a.egen ? (actor.paaVegneAv ?? actor.bruker).systemId : w.sbh.bruker.systemId;
            ids.push(await createJournalpost(ctx.db, actor, sakId, { journalposttype: a.type, tittel: `P ${++n}`, korrespondanseparter: parter, saksbehandlerId, ...(a.forfall ? { forfallsdato: '2030-01-01' } : {}) }));
            break;
          }
          case 'avskriv':
            await avskriv(ctx.db, actor, id, { avskrivningsmaate: a.maate, ...(a.merknad ? { merknad: 'Merknad' } : {}), ...(a.svar !== null && pick(a.svar) ? { svarJournalpostId: pick(a.svar)! } : {}) });
            break;
          case 'endre':
            await updateJournalpost(ctx.db, actor, id, { beskrivelse: `endret ${++n}` });
            break;
          case 'fordel':
            await fordel(ctx.db, actor, id, { forfallsdato: '2031-01-01', saksbehandlerId: w.sbh2.bruker.systemId });
            break;
          case 'til_godkjenning': {
            // Only a draft is sent for approval (§10.6): a draft of the sak when there is one.
            const r = await ctx.db.selectFrom('journalpost').select('systemId').where('sakId', '=', sakId).where('journalstatus', '=', 'R').where('feilregistrertDato', 'is', null).orderBy('dokumentnummer').execute();
            await opprettOppgave(ctx.db, actor, { oppgavetype: 'GODKJENNING', journalpostId: r.length > 0 ? r[a.jp % r.length]!.systemId : id, mottakerIds: [ledere[a.til]!.bruker.systemId] });
            break;
          }
          case 'svar_godkjenning': {
            const o = await ctx.db.selectFrom('oppgave').selectAll().where('sakId', '=', sakId).where('oppgavetype', '=', 'GODKJENNING').where('status', '=', 'aktiv').orderBy('opprettetDato').executeTakeFirst();
            if (!o) continue;
            const j = await ctx.db.selectFrom('journalpost').select('saksbehandlerId').where('systemId', '=', o.journalpostId!).executeTakeFirstOrThrow();
            const start = await kjedensStart(o.systemId);
            const svarer = a.av === 'mottaker' ? roles.find((r) => !r.paaVegneAv && r.bruker.systemId === o.mottakerId)! : a.av === 'stedfortreder' ? roles[7]! : actor;
            await besvarOppgave(ctx.db, svarer, o.systemId, { svar: a.svar, ...(a.svar === 'Videresendt for godkjenning' ? { mottakerId: ledere[a.til]!.bruker.systemId } : {}) });
            if (a.svar === 'Godkjent') godkjenninger.push({ journalpostId: o.journalpostId!, godkjenner: [svarer.bruker.systemId, svarer.paaVegneAv?.systemId ?? null], forfattere: [j.saksbehandlerId, start.avsenderId, start.paaVegneAvId] });
            break;
          }
          case 'oppgave':
            await opprettOppgave(ctx.db, actor, { oppgavetype: a.type, journalpostId: id, mottakerIds: [(roles[a.til]!.paaVegneAv ?? roles[a.til]!.bruker).systemId] });
            break;
          case 'ekspeder':
            await ctx.db.transaction().execute((trx) => ekspederJournalpost(trx, actor, id));
            break;
          case 'journalfoer':
            await journalfoer(ctx.db, actor, id);
            break;
          case 'arkiver': {
            // The archive archives what it has journalført: a J record of the sak when there is one.
            const j = await ctx.db.selectFrom('journalpost').select('systemId').where('sakId', '=', sakId).where('journalstatus', '=', 'J').where('feilregistrertDato', 'is', null).orderBy('dokumentnummer').execute();
            await arkiver(ctx.db, actor, j.length > 0 ? j[a.jp % j.length]!.systemId : id);
            break;
          }
          case 'feilregistrer':
            await feilregistrer(ctx.db, actor, id);
            break;
          case 'besvar':
            ids.push(await besvar(ctx.db, actor, { maate: a.maate, journalpostIds: [id], tittel: `Svar ${++n}` }));
            break;
          case 'sak':
            await endreSaksstatus(ctx.db, actor, sakId, a.handling);
            break;
        }
        done.set(a.kind, (done.get(a.kind) ?? 0) + 1);
      } catch (err) {
        // Refusals are fine; they must be problems the user can act on, never 5xx.
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        refusals.set(`${a.kind}:${err.code}`, (refusals.get(`${a.kind}:${err.code}`) ?? 0) + 1);
      }
    }
  }

  /** Tries an action; a refusal (4xx) is "not this way", anything else fails the property. */
  async function forsok(fn: () => Promise<unknown>): Promise<boolean> {
    try {
      await fn();
      return true;
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      return false;
    }
  }

  /**
   * Nothing stuck: each open oppgave is finished by its receiver (an answer of its type, else
   * Fjern fra kurv), each open restanse is avskrevet by someone with a code the manual allows for
   * the dokumenttype. Found by doing it, so what is checked is what the service really allows.
   */
  async function finnesUtvei(sakId: string) {
    const db = ctx.db;
    const fast: unknown[] = [];
    const aapne = await db.selectFrom('oppgave').selectAll().where('sakId', '=', sakId).where('status', '=', 'aktiv').orderBy('opprettetDato').execute();
    for (const o of aapne) {
      const mottaker = roles.find((r) => !r.paaVegneAv && r.bruker.systemId === o.mottakerId)!;
      const svar = o.oppgavetype === 'GODKJENNING' ? GODKJENNING_SVAR : OPPGAVETYPER.find((t) => t.kode === o.oppgavetype)!.svar;
      let ok = false;
      for (const s of svar) {
        const mottakere = s === 'Videresendt for godkjenning' ? ledere.map((l) => l.bruker.systemId) : [undefined];
        for (const m of mottakere) if (!ok) ok = await forsok(() => besvarOppgave(db, mottaker, o.systemId, { svar: s, ...(m ? { mottakerId: m } : {}) }));
      }
      if (!ok && svar.length === 0) ok = await forsok(() => fjernFraKurv(db, mottaker, o.systemId));
      if (!ok) fast.push({ oppgave: o.oppgavetype, mottaker: o.mottakerId, journalpostId: o.journalpostId });
    }
    const restanser = await db.selectFrom('journalpost as j').select(['j.systemId', 'j.journalposttype', 'j.journalstatus']).where('j.sakId', '=', sakId).where('j.feilregistrertDato', 'is', null).where(restanseSql, '=', sql<boolean>`true`).execute();
    for (const j of restanser) {
      const koder = (Object.keys(AVSKRIVNING_GJELDER) as Avskrivningsmaate[]).filter((k) => k !== '***' && AVSKRIVNING_GJELDER[k].includes(j.journalposttype));
      let ok = false;
      for (const actor of roles) for (const k of koder) if (!ok) ok = await forsok(() => avskriv(db, actor, j.systemId, { avskrivningsmaate: k, merknad: 'Avskrevet' }));
      if (!ok) fast.push({ restanse: j.systemId, journalposttype: j.journalposttype, journalstatus: j.journalstatus });
    }
    expect(fast).toEqual([]);
  }

  async function checkInvariants(sakId: string) {
    const db = ctx.db;
    // 1. Every recorded status change is one the manual describes.
    const overganger = await db.selectFrom('historikk').select(['data', 'journalpostId', 'id', 'handling', 'brukerId']).where('objekttype', '=', 'journalpost').where('sakId', '=', sakId).orderBy('id').execute();
    for (const h of overganger) {
      const s = (h.data as { journalstatus?: { fra: string; til: string } }).journalstatus;
      if (s && typeof s === 'object') expect({ overgang: `${s.fra}>${s.til}`, lovlig: LOVLIGE_OVERGANGER.has(`${s.fra}>${s.til}`) }).toEqual({ overgang: `${s.fra}>${s.til}`, lovlig: true });
    }
    // 2. Lock rule (§5): once locked (F, E) registration data is corrected by the archive only
    // (§5-§6 give it all registration and correction), once journalført (J, A) by nobody; the
    // documents never change after the lock.
    const laastFra = new Set<string>();
    const kvalitetssikret = new Set<string>();
    const arkivet = new Set([w.ark.bruker.systemId, w.dok.bruker.systemId]);
    for (const h of overganger) {
      const s = (h.data as { journalstatus?: { til: string } }).journalstatus;
      if (s && typeof s === 'object' && h.journalpostId) {
        if ((LAAST as readonly string[]).includes(s.til)) laastFra.add(h.journalpostId);
        if (s.til === 'J' || s.til === 'A') kvalitetssikret.add(h.journalpostId);
      }
      if (!h.journalpostId || !laastFra.has(h.journalpostId)) continue;
      if (h.handling === 'dokument_lagt_til') expect({ dokumentEtterLaas: h.journalpostId }).toBeNull();
      if (h.handling === 'journalpost_endret' && (kvalitetssikret.has(h.journalpostId) || !arkivet.has(h.brukerId ?? ''))) expect({ endretEtterLaas: h.journalpostId, av: h.brukerId }).toBeNull();
    }
    // 3. Restanse: the baskets' SQL agrees with the manual's rule on every journalpost.
    const jps = await db.selectFrom('journalpost as j').select(['j.systemId', 'j.journalposttype', 'j.forfallsdato', 'j.journalstatus', 'j.sakId', 'j.feilregistrertDato', restanseSql.as('restanse')]).where('j.sakId', '=', sakId).execute();
    const avs = await db.selectFrom('avskrivning').selectAll().where('journalpostId', 'in', jps.map((j) => j.systemId)).execute();
    const status = new Map(jps.map((j) => [j.systemId, j]));
    for (const j of jps) {
      expect({ id: j.systemId, restanse: j.restanse }).toEqual({ id: j.systemId, restanse: forventetRestanse(j, avs.filter((a) => a.journalpostId === j.systemId)) });
    }
    // 4. Avskrivninger only with codes the manual allows for the type, TLF with merknad, pending only while the reply is unsent.
    for (const a of avs) {
      const eier = status.get(a.journalpostId)!;
      expect({ kode: a.avskrivningsmaate, type: eier.journalposttype, tillatt: AVSKRIVNING_GJELDER[a.avskrivningsmaate].includes(eier.journalposttype) }).toMatchObject({ tillatt: true });
      if (KREVER_MERKNAD.includes(a.avskrivningsmaate)) expect(a.merknad).toBeTruthy();
      if (a.svarJournalpostId) {
        const svar = status.get(a.svarJournalpostId);
        if (!svar) continue;
        if (a.ventende) expect(svar.feilregistrertDato !== null || ['R', 'F'].includes(svar.journalstatus)).toBe(true);
      }
    }
    // 5. A closed sak has only journalført journalposter without restanse.
    const lukket = await db.selectFrom('sak').select('systemId').where('saksstatus', '=', 'A').where('systemId', '=', sakId).execute();
    for (const s of lukket) {
      for (const j of jps.filter((x) => x.sakId === s.systemId && x.feilregistrertDato === null)) {
        expect({ status: j.journalstatus, restanse: j.restanse }).toEqual({ status: expect.stringMatching(/^[JA]$/), restanse: false });
      }
    }
    // 6. Every journalpost has its creation in historikk (written in the same transaction).
    const { n } = await db.selectFrom('historikk').select(sql<number>`count(*)::int`.as('n')).where('handling', '=', 'journalpost_opprettet').where('sakId', '=', sakId).executeTakeFirstOrThrow();
    expect(n).toBe(jps.length);
    // 7. Approval by someone else (§11.2): no Godkjent by the journalpost's saksbehandler or by
    // whoever sent it for approval, neither in person nor as a deputy on a leader's desk.
    for (const g of godkjenninger) {
      expect({ ...g, egen: g.godkjenner.some((x) => x !== null && g.forfattere.includes(x)) }).toMatchObject({ egen: false });
    }
    // 8. Nothing stuck (last: it finishes things).
    await finnesUtvei(sakId);
  }

  it(`holds over ${RUNS} random sequences of up to 25 actions by random roles`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 25, size: 'max' }), async (actions) => {
        godkjenninger = [];
        const sakId = await buildSak(ctx.db, w.sbh);
        await run(sakId, actions);
        await checkInvariants(sakId);
      }),
      { numRuns: RUNS },
    );
    // The property is only worth something if the random actions really happen.
    for (const kind of KINDS) expect({ kind, done: (done.get(kind) ?? 0) > 0 }).toEqual({ kind, done: true });
  }, Math.max(600_000, RUNS * 3_000));
});
