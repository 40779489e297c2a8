import { type Expression, type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema';

/**
 * The restanse rule of shared/src/restanse.ts (`harRestanse`) as SQL over a journalpost
 * aliased `j`: I from registration; N once sent (E, J, A); U once sent and only with a
 * forfallsdato; until an effective avskrivning other than *** exists (`avskrevet`, kept by a
 * trigger on avskrivning, migration 0015).
 */
export const restanseSql = sql<boolean>`(
  (j.journalposttype = 'I'
    or (j.journalposttype = 'N' and j.journalstatus in ('E','J','A'))
    or (j.journalposttype = 'U' and j.forfallsdato is not null and j.journalstatus in ('E','J','A')))
  and not j.avskrevet
)`;

/** Who follows restanser up: one user, or a set (e.g. a unit's saksbehandlere, as a subquery). */
export type Ansvarlige = string | Expression<string[]>;

/**
 * Who follows a restanse up, as journalpost rows with `ansvarligId`, open restanser only: the
 * saksbehandler, but for an N-notat each internal recipient (§10.8: they get it in Ubehandlet).
 * The one definition behind Ubehandlet, Forfall and the restanserapport (§11.1). Each branch
 * repeats the predicate of its partial index (0015) word for word, and takes who follows up
 * as a parameter, so the database reads only the open restanser of those users.
 */
export function restanseansvar(db: Kysely<DB>, ansvarlige: Ansvarlige) {
  const blant = (col: string) => (typeof ansvarlige === 'string' ? sql<boolean>`${sql.ref(col)} = ${ansvarlige}` : sql<boolean>`${sql.ref(col)} = any(${ansvarlige})`);
  return db
    .selectFrom('journalpost as ja')
    .selectAll('ja')
    .select('ja.saksbehandlerId as ansvarligId')
    .where(blant('ja.saksbehandlerId'))
    .where(sql<boolean>`ja.feilregistrert_dato is null and not ja.avskrevet
      and (ja.journalposttype = 'I' or (ja.journalposttype = 'U' and ja.forfallsdato is not null and ja.journalstatus in ('E','J','A')))`)
    .unionAll(
      db
        .selectFrom('korrespondansepart as k')
        .innerJoin('journalpost as jn', 'jn.systemId', 'k.journalpostId')
        .selectAll('jn')
        .select(sql<string>`k.bruker_id`.as('ansvarligId'))
        .where(blant('k.brukerId'))
        .where('k.korrespondanseparttype', '=', 'IM')
        .where(sql<boolean>`jn.feilregistrert_dato is null and not jn.avskrevet and jn.journalposttype = 'N' and jn.journalstatus in ('E','J','A')`),
    );
}

/**
 * The open restanser of the given users: journalpost `j` (read once, in the branch whose index
 * found it; removed journalposter have none) with `j.ansvarligId`, who follows it up, and its
 * sak `s`.
 */
export function restanser(db: Kysely<DB>, ansvarlige: Ansvarlige) {
  return db.selectFrom(restanseansvar(db, ansvarlige).as('j')).innerJoin('sak as s', 's.systemId', 'j.sakId');
}
