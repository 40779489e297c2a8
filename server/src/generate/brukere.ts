import type { Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { ETTERNAVN, FORNAVN } from './ordforraad';

export interface GenerertBruker {
  readonly id: string;
  readonly navn: string;
  readonly enhetId: string;
  /** The leader of the user's unit (who approvals go to); the user when the unit has none. */
  readonly lederId: string;
  readonly rolle: string;
  /** Holds saker and journalposter (SBH). */
  readonly saksbehandler: boolean;
}

/** A small seeded PRNG (mulberry32) for the reference rows made in TypeScript. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EKSTRA_ENHETER = [
  { kode: 'TEKN', navn: 'Teknisk drift' },
  { kode: 'HELSE', navn: 'Helse og omsorg' },
  { kode: 'KULT', navn: 'Kultur og fritid' },
  { kode: 'OKO', navn: 'Økonomi' },
  { kode: 'NAER', navn: 'Næring og miljø' },
];
/** Units that register matter (the top level and the dokumentsenter do not hold saker). */
const IKKE_FAGENHET = ['KOM', 'DOKS'];

/**
 * Units up to ten and `antall` saksbehandlere spread over the units that hold saker (the
 * reference data's own users keep their roles and take part): one leader per unit (with
 * the unit's U authorization), some saksansvarlige, the personnel unit authorized for P.
 */
export async function lagBrukere(trx: Transaction<DB>, seed: number, antall: number): Promise<GenerertBruker[]> {
  const rnd = prng(seed);
  const kom = await trx.selectFrom('administrativEnhet').select('systemId').where('kode', '=', 'KOM').executeTakeFirst();
  for (const e of EKSTRA_ENHETER) {
    await trx.insertInto('administrativEnhet').values({ kode: e.kode, navn: e.navn, overordnetId: kom?.systemId ?? null }).onConflict((oc) => oc.column('kode').doNothing()).execute();
  }
  const enheter = (await trx.selectFrom('administrativEnhet').select(['systemId', 'kode']).orderBy('kode').execute()).filter((e) => !IKKE_FAGENHET.includes(e.kode));
  const ledere = new Map<string, string>();
  for (const r of await trx.selectFrom('brukerRolle').select(['brukerId', 'enhetId']).where('rolle', '=', 'LED').orderBy('brukerId').execute()) {
    if (!ledere.has(r.enhetId)) ledere.set(r.enhetId, r.brukerId);
  }

  const nye: { brukernavn: string; navn: string; epost: string; enhetId: string; roller: string[]; tilganger: string[] }[] = [];
  for (let n = 0; n < antall; n++) {
    const enhet = enheter[n % enheter.length]!;
    const fornavn = FORNAVN[Math.floor(rnd() * FORNAVN.length)]!;
    const etternavn = ETTERNAVN[Math.floor(rnd() * ETTERNAVN.length)]!;
    const brukernavn = `g${String(n + 1).padStart(4, '0')}`;
    const roller = ['SBH'];
    const tilganger: string[] = [];
    if (!ledere.has(enhet.systemId)) {
      roller.push('LED');
      tilganger.push('U');
      ledere.set(enhet.systemId, brukernavn);
    } else if (rnd() < 0.15) roller.push('SA');
    if (enhet.kode === 'HR') tilganger.push('P');
    nye.push({ brukernavn, navn: `${fornavn} ${etternavn}`, epost: `${brukernavn}@fjordvik.kommune.example`, enhetId: enhet.systemId, roller, tilganger });
  }
  const ider = new Map<string, string>();
  for (const b of nye) {
    const { systemId } = await trx.insertInto('bruker').values({ brukernavn: b.brukernavn, navn: b.navn, epost: b.epost }).returning('systemId').executeTakeFirstOrThrow();
    ider.set(b.brukernavn, systemId);
    await trx.insertInto('brukerRolle').values(b.roller.map((rolle) => ({ brukerId: systemId, enhetId: b.enhetId, rolle: rolle as 'SBH' }))).execute();
    if (b.tilganger.length) await trx.insertInto('brukerTilgang').values(b.tilganger.map((t) => ({ brukerId: systemId, tilgangskode: t as 'U', enhetId: b.enhetId }))).execute();
  }
  const lederId = (enhetId: string, selv: string) => {
    const l = ledere.get(enhetId);
    return l === undefined ? selv : (ider.get(l) ?? l);
  };

  // Everyone with a role, in a fixed order: the reference users first, then the generated.
  const alle = await trx
    .selectFrom('brukerRolle as r')
    .innerJoin('bruker as b', 'b.systemId', 'r.brukerId')
    .select(['b.systemId', 'b.navn', 'b.brukernavn', 'r.enhetId', 'r.rolle'])
    .orderBy('b.brukernavn')
    .orderBy('r.rolle')
    .execute();
  const ut: GenerertBruker[] = [];
  const sett = new Set<string>();
  for (const r of alle) {
    if (r.rolle === 'SBH') {
      if (sett.has(r.systemId)) continue;
      sett.add(r.systemId);
      ut.push({ id: r.systemId, navn: r.navn, enhetId: r.enhetId, lederId: lederId(r.enhetId, r.systemId), rolle: 'SBH', saksbehandler: true });
    } else if (r.rolle === 'ARK' || r.rolle === 'DOK') {
      ut.push({ id: r.systemId, navn: r.navn, enhetId: r.enhetId, lederId: r.systemId, rolle: r.rolle, saksbehandler: false });
    }
  }
  return ut;
}
