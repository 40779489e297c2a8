import fc from 'fast-check';
import { sql } from 'kysely';
import { AVSKRIVNINGSMAATE_KODER, type Avskrivningsmaate, avskrivningsmaaterFor, harRestanse, isLocked, JOURNALPOSTTYPE_KODER, type Journalposttype } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import { ekspederJournalpost } from '../ekspedering/ekspeder';
import { AppError } from '../errors/app-error';
import { feilregistrer } from '../journalpost/feilregistrer-flytt';
import { fordel } from '../journalpost/fordel';
import { createJournalpost, journalfoer, updateJournalpost } from '../journalpost/journalpost.service';
import { besvarOppgave } from '../oppgave/besvar-oppgave';
import { opprettOppgave } from '../oppgave/oppgave.service';
import { avskriv } from '../restanse/avskriv';
import { besvar } from '../restanse/besvar';
import { restanseSql } from '../restanse/restanse.sql';
import { endreSaksstatus, type SakStatusHandling } from '../sak/sak-status';
import type { TestContext } from '../test/context';
import { buildSak } from '../test/factories';
import { openWorld, type World } from '../test/world';

/**
 * Property (manual §5, §10.2, §10.6, §12.6): whatever random roles do in whatever order, no
 * record breaks the journalstatus machine, the restanse rule or the lock rule, and nothing
 * fails with anything but a problem the user can act on (4xx). Runs: ARKIV_PROPERTY_RUNS.
 */
const RUNS = Number(process.env.ARKIV_PROPERTY_RUNS ?? 2000);

type Action =
  | { kind: 'opprett'; who: number; type: Journalposttype; forfall: boolean }
  | { kind: 'avskriv'; who: number; jp: number; maate: Avskrivningsmaate; merknad: boolean; svar: number | null }
  | { kind: 'endre'; who: number; jp: number }
  | { kind: 'fordel'; who: number; jp: number }
  | { kind: 'godkjenning'; who: number; jp: number; svar: 'Godkjent' | 'Ikke godkjent' }
  | { kind: 'ekspeder'; who: number; jp: number }
  | { kind: 'journalfoer'; who: number; jp: number }
  | { kind: 'feilregistrer'; who: number; jp: number }
  | { kind: 'besvar'; who: number; jp: number; maate: 'besvar_og_avskriv' | 'forelopig_svar' | 'besvar_uten_avskrivning' }
  | { kind: 'sak'; who: number; handling: SakStatusHandling };

const who = fc.nat(5);
const jp = fc.nat(30);
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('opprett' as const), who, type: fc.constantFrom(...JOURNALPOSTTYPE_KODER), forfall: fc.boolean() }),
  fc.record({ kind: fc.constant('avskriv' as const), who, jp, maate: fc.constantFrom(...AVSKRIVNINGSMAATE_KODER), merknad: fc.boolean(), svar: fc.option(jp, { nil: null }) }),
  fc.record({ kind: fc.constant('endre' as const), who, jp }),
  fc.record({ kind: fc.constant('fordel' as const), who, jp }),
  fc.record({ kind: fc.constant('godkjenning' as const), who, jp, svar: fc.constantFrom('Godkjent' as const, 'Ikke godkjent' as const) }),
  fc.record({ kind: fc.constant('ekspeder' as const), who, jp }),
  fc.record({ kind: fc.constant('journalfoer' as const), who, jp }),
  fc.record({ kind: fc.constant('feilregistrer' as const), who, jp }),
  fc.record({ kind: fc.constant('besvar' as const), who, jp, maate: fc.constantFrom('besvar_og_avskriv' as const, 'forelopig_svar' as const, 'besvar_uten_avskrivning' as const) }),
  fc.record({ kind: fc.constant('sak' as const), who, handling: fc.constantFrom('kontroller' as const, 'avslutt' as const, 'gjenaapne' as const, 'utgaar' as const) }),
);

/** The machine's status changes, written out (§5): anything else in historikk is a broken record. */
const LOVLIGE_OVERGANGER = new Set(['R>F', 'R>E', 'F>E', 'S>J', 'F>J', 'E>J', 'J>A']);

describe('property: random roles, random order (§5 machine, restanse and lock rules)', () => {
  let ctx: TestContext;
  let w: World;
  let roles: Actor[];
  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    roles = [w.sbh, w.sbh2, w.fremmed, w.leder, w.ark, w.dok];
  });
  afterAll(() => ctx.close());

  const done = new Map<string, number>();
  const refusals = new Map<string, number>();

  async function run(sakId: string, actions: Action[]) {
    // Every sequence starts from an incoming letter, an N-notat and a letter with forfallsdato.
    const ids: string[] = [
      await createJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', tittel: 'Inn', saksbehandlerId: w.sbh.bruker.systemId, korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Avsender', postadresse: 'Vei 2' }] }),
      await createJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'N', tittel: 'Notat', korrespondanseparter: [{ korrespondanseparttype: 'IM', navn: 'Kollega', brukerId: w.sbh2.bruker.systemId }] }),
      await createJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'U', tittel: 'Ut', forfallsdato: '2030-01-01', korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Mottaker', postadresse: 'Vei 3' }] }),
    ];
    const pick = (i: number) => ids[i % Math.max(ids.length, 1)];
    let n = 0;
    for (const a of actions) {
      const actor = roles[a.who]!;
      const id = pick('jp' in a ? a.jp : 0);
      try {
        switch (a.kind) {
          case 'opprett': {
            const parter =
              a.type === 'N'
                ? [{ korrespondanseparttype: 'IM' as const, navn: 'Kollega', brukerId: w.sbh2.bruker.systemId }]
                : [{ korrespondanseparttype: a.type === 'I' ? ('EA' as const) : ('EM' as const), navn: 'Part', postadresse: 'Vei 1' }];
            ids.push(await createJournalpost(ctx.db, actor, sakId, { journalposttype: a.type, tittel: `P ${++n}`, korrespondanseparter: parter, saksbehandlerId: w.sbh.bruker.systemId, ...(a.forfall ? { forfallsdato: '2030-01-01' } : {}) }));
            break;
          }
          case 'avskriv':
            if (id) await avskriv(ctx.db, actor, id, { avskrivningsmaate: a.maate, ...(a.merknad ? { merknad: 'Merknad' } : {}), ...(a.svar !== null && pick(a.svar) ? { svarJournalpostId: pick(a.svar)! } : {}) });
            break;
          case 'endre':
            if (id) await updateJournalpost(ctx.db, actor, id, { beskrivelse: `endret ${++n}` });
            break;
          case 'fordel':
            if (id) await fordel(ctx.db, actor, id, { forfallsdato: '2031-01-01', saksbehandlerId: w.sbh2.bruker.systemId });
            break;
          case 'godkjenning':
            if (id) {
              const [o] = await opprettOppgave(ctx.db, actor, { oppgavetype: 'GODKJENNING', journalpostId: id, mottakerIds: [w.leder.bruker.systemId] });
              await besvarOppgave(ctx.db, w.leder, o!, { svar: a.svar });
            }
            break;
          case 'ekspeder':
            if (id) await ctx.db.transaction().execute((trx) => ekspederJournalpost(trx, actor, id));
            break;
          case 'journalfoer':
            if (id) await journalfoer(ctx.db, actor, id);
            break;
          case 'feilregistrer':
            if (id) await feilregistrer(ctx.db, actor, id);
            break;
          case 'besvar':
            if (id) ids.push(await besvar(ctx.db, actor, { maate: a.maate, journalpostIds: [id], tittel: `Svar ${++n}` }));
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
        continue;
      }
    }
  }

  async function checkInvariants(sakId: string) {
    const db = ctx.db;
    // 1. Every recorded status change is one the machine allows.
    const overganger = await db.selectFrom('historikk').select(['data', 'journalpostId', 'id', 'handling']).where('objekttype', '=', 'journalpost').where('sakId', '=', sakId).orderBy('id').execute();
    for (const h of overganger) {
      const s = (h.data as { journalstatus?: { fra: string; til: string } }).journalstatus;
      if (s && typeof s === 'object') expect(LOVLIGE_OVERGANGER.has(`${s.fra}>${s.til}`)).toBe(true);
    }
    // 2. Lock rule: after a journalpost became locked, its registration data and documents never changed.
    const laastFra = new Map<string, bigint>();
    for (const h of overganger) {
      const s = (h.data as { journalstatus?: { til: string } }).journalstatus;
      if (s && typeof s === 'object' && isLocked(s.til as never) && h.journalpostId && !laastFra.has(h.journalpostId)) laastFra.set(h.journalpostId, BigInt(h.id));
      if ((h.handling === 'journalpost_endret' || h.handling === 'dokument_lagt_til') && h.journalpostId && laastFra.has(h.journalpostId)) {
        expect({ endretEtterLaas: h.journalpostId }).toBeNull();
      }
    }
    // 3. Restanse: the SQL filter and the pure rule agree on every journalpost.
    const jps = await db.selectFrom('journalpost as j').select(['j.systemId', 'j.journalposttype', 'j.forfallsdato', 'j.journalstatus', 'j.sakId', 'j.feilregistrertDato', restanseSql.as('restanse')]).where('j.sakId', '=', sakId).execute();
    const avs = await db.selectFrom('avskrivning').selectAll().where('journalpostId', 'in', jps.map((j) => j.systemId)).execute();
    const status = new Map(jps.map((j) => [j.systemId, j]));
    for (const j of jps) {
      expect({ id: j.systemId, restanse: j.restanse }).toEqual({ id: j.systemId, restanse: harRestanse(j, avs.filter((a) => a.journalpostId === j.systemId)) });
    }
    // 4. Avskrivninger only with codes the table allows, TLF with merknad, pending only while the reply is unsent.
    for (const a of avs) {
      const eier = status.get(a.journalpostId)!;
      expect(avskrivningsmaaterFor(eier.journalposttype)).toContain(a.avskrivningsmaate);
      if (a.avskrivningsmaate === 'TLF') expect(a.merknad).toBeTruthy();
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
  }

  it(`holds over ${RUNS} random sequences of up to 25 actions by random roles`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 25, size: 'max' }), async (actions) => {
        const sakId = await buildSak(ctx.db, w.sbh);
        await run(sakId, actions);
        await checkInvariants(sakId);
      }),
      { numRuns: RUNS },
    );
    // The property is only worth something if the random actions really happen.
    for (const kind of ['opprett', 'avskriv', 'endre', 'fordel', 'godkjenning', 'ekspeder', 'journalfoer', 'feilregistrer', 'besvar', 'sak']) {
      expect({ kind, done: (done.get(kind) ?? 0) > 0 }).toEqual({ kind, done: true });
    }
  }, 600_000);
});
