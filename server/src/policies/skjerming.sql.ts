import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../auth/actor';
import { erArkiv } from './predicates';
import { SKJERMET_TEKST, SKJERMINGSDELER, type Skjermingsdel } from './skjerming';
import { GODKJENNER_STATUSER, UTKAST_NIVAA } from './utkast';

/**
 * The skjerming rules of skjerming.ts, in SQL: the ONE reusable filter every list query
 * (saker, journalposter, historikk, search, public journal; kurver and oppgaver next) uses to
 * filter and redact in the database, so screened values never leave it for a user who may
 * not see them. The single-record path uses the TypeScript policy; skjerming.matrix.test.ts
 * runs one fixture matrix through both and asserts they agree.
 *
 * Usage: pick the grading of the row the query reads (SAK, JOURNALPOST, DOKUMENT over the
 * house aliases `s`, `j`, `d`, or build one with `grading()` for other aliases), then
 *
 *   const f = skjermingFilter(req.actor);
 *   db.selectFrom('journalpost as j').innerJoin('sak as s', …)
 *     .select(f.skjultNivaa(JOURNALPOST).as('skjultNivaa'))
 *     .select(f.redact(JOURNALPOST, 'tittel2', sql.ref('j.tittel2')).as('tittel2'))
 *     .where(f.visibleText(JOURNALPOST, 'tittel2', sql.ref('j.tittel2'), term) …)
 */
export interface Grading {
  /** The effective tilgangskode (own, else inherited). */
  readonly kode: RawBuilder<string | null>;
  /** The effective skjermingsnivå. */
  readonly nivaa: RawBuilder<number | null>;
  readonly hjemmel: RawBuilder<string | null>;
  /** The unit a unit-scoped authorization is checked against. */
  readonly enhetId: RawBuilder<string>;
  /** The sak's saksansvarlig and the journalpost's saksbehandler see through the skjerming. */
  readonly saksansvarligId: RawBuilder<string>;
  readonly saksbehandlerId?: RawBuilder<string>;
  /** The journalpost whose status decides whether the row is a draft (utkast.ts); absent for a sak. */
  readonly utkast?: { readonly journalpostId: RawBuilder<string | null>; readonly journalstatus: RawBuilder<string | null> };
}

const ref = <T>(r: string) => sql.ref(r) as unknown as RawBuilder<T>;

/** Own grading first, then each inherited one (journalpost ← sak; document ← journalpost ← sak). */
export function grading(opts: { own: readonly string[]; enhetId: string | RawBuilder<string>; saksansvarligId: string; saksbehandlerId?: string; journalpost?: string }): Grading {
  const col = (c: string) => opts.own.map((a) => sql.ref(`${a}.${c}`));
  // tilgangskode and skjermingsnivaa are null together (CHECK in 0001), so coalescing each
  // column picks both from the same level.
  const hjemmelCase = sql<string | null>`case ${sql.join(
    opts.own.map((a) => sql`when ${sql.ref(`${a}.tilgangskode`)} is not null then ${sql.ref(`${a}.skjermingshjemmel`)}`),
    sql` `,
  )} end`;
  return {
    kode: sql<string | null>`coalesce(${sql.join(col('tilgangskode'))})`,
    nivaa: sql<number | null>`coalesce(${sql.join(col('skjermingsnivaa'))})`,
    hjemmel: hjemmelCase,
    enhetId: typeof opts.enhetId === 'string' ? ref(opts.enhetId) : opts.enhetId,
    saksansvarligId: ref(opts.saksansvarligId),
    ...(opts.saksbehandlerId ? { saksbehandlerId: ref<string>(opts.saksbehandlerId) } : {}),
    ...(opts.journalpost ? { utkast: { journalpostId: ref(`${opts.journalpost}.systemId`), journalstatus: ref(`${opts.journalpost}.journalstatus`) } } : {}),
  };
}

/** A sak (alias `s`). */
export const SAK = grading({ own: ['s'], enhetId: 's.administrativEnhetId', saksansvarligId: 's.saksansvarligId' });
/** A journalpost (alias `j`) in its sak (alias `s`). */
export const JOURNALPOST = grading({ own: ['j', 's'], enhetId: 'j.administrativEnhetId', saksansvarligId: 's.saksansvarligId', saksbehandlerId: 'j.saksbehandlerId', journalpost: 'j' });
/** An oppgave about a journalpost (`j`, left-joined) carries its grading; one about a sak (`s`), the sak's. */
export const OPPGAVE = grading({ own: ['j', 's'], enhetId: sql<string>`coalesce(${sql.ref('j.administrativEnhetId')}, ${sql.ref('s.administrativEnhetId')})`, saksansvarligId: 's.saksansvarligId', saksbehandlerId: 'j.saksbehandlerId', journalpost: 'j' });
/** A document (alias `d`) of a journalpost (`j`) in a sak (`s`). */
export const DOKUMENT = grading({ own: ['d', 'j', 's'], enhetId: 'j.administrativEnhetId', saksansvarligId: 's.saksansvarligId', saksbehandlerId: 'j.saksbehandlerId', journalpost: 'j' });

export function skjermingFilter(actor: Actor) {
  const me = actor.bruker.systemId;

  /** The actor sees through the grading (or there is none): `kanSeSkjermet` in SQL. */
  const serGjennom = (g: Grading): RawBuilder<boolean> => {
    const parts = [
      sql`${g.kode} is null`,
      ...actor.tilganger.map((t) =>
        t.enhetId === null ? sql`${g.kode} = ${t.tilgangskode}` : sql`(${g.kode} = ${t.tilgangskode} and ${g.enhetId} = ${t.enhetId})`,
      ),
      sql`${g.saksansvarligId} = ${me}`,
      ...(g.saksbehandlerId ? [sql`${g.saksbehandlerId} = ${me}`] : []),
    ];
    return sql<boolean>`(${sql.join(parts, sql` or `)})`;
  };

  // Drafts (utkast.ts): who reads a journalpost in R, `leserUtkast` in SQL.
  const meg = [me, ...(actor.paaVegneAv ? [actor.paaVegneAv.systemId] : [])];
  const lederEnheter = actor.roller.filter((r) => r.rolle === 'LED').map((r) => r.enhetId);
  const utkastLesbar = (g: Grading): RawBuilder<boolean> => {
    if (!g.utkast || erArkiv(actor)) return sql<boolean>`true`;
    const i = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}`));
    const parts = [
      sql`${g.utkast.journalstatus} is distinct from 'R'`,
      sql`${g.saksansvarligId} in (${i(meg)})`,
      ...(g.saksbehandlerId ? [sql`${g.saksbehandlerId} in (${i(meg)})`] : []),
      ...(lederEnheter.length > 0 ? [sql`${g.enhetId} in (${i(lederEnheter)})`] : []),
      sql`exists (select 1 from oppgave o where o.journalpost_id = ${g.utkast.journalpostId} and o.oppgavetype = 'GODKJENNING'
        and o.status in (${sql.join(GODKJENNER_STATUSER.map((st) => sql.lit(st)))}) and o.mottaker_id in (${i(meg)}))`,
    ];
    return sql<boolean>`(${sql.join(parts, sql` or `)})`;
  };

  /** The actor sees the whole record: through its skjerming, and as a reader if it is a draft. */
  const synlig = (g: Grading): RawBuilder<boolean> => sql<boolean>`(${serGjennom(g)} and ${utkastLesbar(g)})`;

  /** The record is there for the actor at all (`utkastFinnes`): a draft they do not read only where nothing else is screened from them. */
  const finnes = (g: Grading): RawBuilder<boolean> => sql<boolean>`(${utkastLesbar(g)} or ${serGjennom(g)})`;

  /** The level hidden from the actor: 0 when visible or ungraded (`skjultNivaa` with `medUtkast` in SQL). */
  const skjultNivaa = (g: Grading): RawBuilder<number> =>
    sql<number>`(case when not ${utkastLesbar(g)} then ${sql.lit(UTKAST_NIVAA)} when ${serGjennom(g)} then 0 else ${g.nivaa} end)::int`;

  /** True when the part is hidden from the actor. */
  const skjuler = (g: Grading, del: Skjermingsdel): RawBuilder<boolean> => sql<boolean>`(${skjultNivaa(g)} >= ${sql.lit(SKJERMINGSDELER[del])})`;

  /** The value, or `replacement` (default null) when the part is hidden. */
  const redact = <T>(g: Grading, del: Skjermingsdel, value: RawBuilder<T>, replacement: RawBuilder<T | null> = sql<null>`null`): RawBuilder<T> =>
    sql<T>`(case when ${skjuler(g, del)} then ${replacement} else ${value} end)`;

  /** A screenable text: null stays null, a hidden value becomes `*****`. */
  const redactText = (g: Grading, del: Skjermingsdel, value: RawBuilder<string | null>): RawBuilder<string | null> =>
    redact(g, del, value, sql<string | null>`case when ${value} is null then null else ${SKJERMET_TEKST} end`);

  /** `value ilike term` only where the actor may see `value`: search never matches hidden text. */
  const visibleMatch = (g: Grading, del: Skjermingsdel, value: RawBuilder<string | null>, term: string): RawBuilder<boolean> =>
    sql<boolean>`(not ${skjuler(g, del)} and ${value} ilike ${term})`;

  /**
   * A title line of the record read through alias `a` (its `tittel`, or `col`), with the
   * record's screened words (`a.skjermede_ord`) as `*****` wherever anything is hidden from the
   * actor: `visTittel` in SQL. Line 2 becomes `*****` as a whole from level 2 (`tittel2`).
   */
  const tittel = (g: Grading, a: string, col: 'tittel' | 'tittel2' = 'tittel'): RawBuilder<string> => {
    const value = sql.ref(`${a}.${col}`);
    const ord = sql.ref(`${a}.skjermede_ord`);
    const ordSkjermet = sql`(case when ${skjultNivaa(g)} = 0 then ${value} else skjerm_ord(${value}, ${ord}) end)`;
    return col === 'tittel' ? sql<string>`${ordSkjermet}` : sql<string>`(case when ${skjuler(g, 'tittel2')} then (case when ${value} is null then null else ${SKJERMET_TEKST} end) else ${ordSkjermet} end)`;
  };

  /** The screened words themselves: only for those who see the whole record (empty for anyone else). */
  const skjermedeOrd = (g: Grading, a: string): RawBuilder<string[]> =>
    sql<string[]>`(case when ${skjultNivaa(g)} = 0 then ${sql.ref(`${a}.skjermede_ord`)} else '{}'::text[] end)`;

  return { synlig, finnes, skjultNivaa, skjuler, redact, redactText, visibleMatch, tittel, skjermedeOrd };
}
export type SkjermingFilter = ReturnType<typeof skjermingFilter>;

/**
 * Title line 1 of the record read through alias `a` with its screened words as `*****` for
 * everyone: for the few paths that show other records' titles without a reader to decide for
 * (lignende saker, recently used saker, the saker blocking a closure). Conservative: the words
 * are screened even for those who could see them.
 */
export const tittelMedSkjermedeOrd = (a: string): RawBuilder<string> => sql<string>`skjerm_ord(${sql.ref(`${a}.tittel`)}, ${sql.ref(`${a}.skjermede_ord`)})`;

/** `%term%` for ilike, with the wildcards of the user's text escaped. */
export const likeTerm = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
