import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema';

/** Yearly series: saksnummer, journalnummer, and one utvalgssaksnummer series per utvalg (§10.5). */
export type Serie = 'saksnummer' | 'journalnummer' | `utvalg:${string}`;

/**
 * The next number in a gapless yearly series. The upsert takes the series row's lock
 * until the calling transaction ends: concurrent callers queue, and a rollback hands
 * the number back, so numbers are unique and without gaps.
 */
export async function nextNumber(trx: Transaction<DB>, serie: Serie, aar: number): Promise<number> {
  const row = await trx
    .insertInto('nummerserie')
    .values({ serie, aar, siste: 1 })
    .onConflict((oc) => oc.columns(['serie', 'aar']).doUpdateSet({ siste: sql`nummerserie.siste + 1` }))
    .returning('siste')
    .executeTakeFirstOrThrow();
  return row.siste;
}
