import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../auth/actor';
import { SKJERMET_TEKST, SKJERMINGSDELER, type Skjermingsdel } from './skjerming';

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
}

const ref = <T>(r: string) => sql.ref(r) as unknown as RawBuilder<T>;

/** Own grading first, then each inherited one (journalpost ← sak; document ← journalpost ← sak). */
export function grading(opts: { own: readonly string[]; enhetId: string | RawBuilder<string>; saksansvarligId: string; saksbehandlerId?: string }): Grading {
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
  };
}

/** A sak (alias `s`). */
export const SAK = grading({ own: ['s'], enhetId: 's.administrativEnhetId', saksansvarligId: 's.saksansvarligId' });
/** A journalpost (alias `j`) in its sak (alias `s`). */
export const JOURNALPOST = grading({ own: ['j', 's'], enhetId: 'j.administrativEnhetId', saksansvarligId: 's.saksansvarligId', saksbehandlerId: 'j.saksbehandlerId' });
/** A document (alias `d`) of a journalpost (`j`) in a sak (`s`). */
export const DOKUMENT = grading({ own: ['d', 'j', 's'], enhetId: 'j.administrativEnhetId', saksansvarligId: 's.saksansvarligId', saksbehandlerId: 'j.saksbehandlerId' });

export function skjermingFilter(actor: Actor) {
  const me = actor.bruker.systemId;

  /** The actor sees through the grading (or there is none): `kanSeSkjermet` in SQL. */
  const synlig = (g: Grading): RawBuilder<boolean> => {
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

  /** The level hidden from the actor: 0 when visible or ungraded (`skjultNivaa` in SQL). */
  const skjultNivaa = (g: Grading): RawBuilder<number> => sql<number>`(case when ${synlig(g)} then 0 else ${g.nivaa} end)::int`;

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

  return { synlig, skjultNivaa, skjuler, redact, redactText, visibleMatch };
}
export type SkjermingFilter = ReturnType<typeof skjermingFilter>;

/** `%term%` for ilike, with the wildcards of the user's text escaped. */
export const likeTerm = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
