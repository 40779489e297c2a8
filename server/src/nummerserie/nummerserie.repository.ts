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

/**
 * A provisional number for a row inserted before it takes its real one (the 0016 sequence,
 * negated): unique, never a real number, replaced in the same transaction by `tildelJournalnummer`
 * or `tildelSaksnummer`.
 */
export const foreloepigNummer = () => sql<number>`(-nextval('foreloepig_nummer_seq'))::int`;

/**
 * Takes the next journalnummer of the year and writes it on the journalpost and in its
 * creation entry, in one statement: call it last in the registration's transaction, so the
 * series row is locked from here to the commit only.
 */
export async function tildelJournalnummer(trx: Transaction<DB>, journalpostId: string, aar: number): Promise<number> {
  const { rows } = await sql<{ siste: number }>`
    with n as (
      insert into nummerserie (serie, aar, siste) values ('journalnummer', ${aar}, 1)
      on conflict (serie, aar) do update set siste = nummerserie.siste + 1
      returning siste
    ), j as (
      update journalpost set journalsekvensnummer = (select siste from n) where system_id = ${journalpostId}
    ), h as (
      update historikk set data = jsonb_set(data, '{journalnummer}', to_jsonb(${String(aar)} || '/' || (select siste from n)))
      where journalpost_id = ${journalpostId} and handling = 'journalpost_opprettet'
    )
    select siste from n`.execute(trx);
  return rows[0]!.siste;
}

/** The same for a sak: saksnummer, mappeId and the sak's creation entry. */
export async function tildelSaksnummer(trx: Transaction<DB>, sakId: string, aar: number): Promise<string> {
  const { rows } = await sql<{ mappeId: string }>`
    with n as (
      insert into nummerserie (serie, aar, siste) values ('saksnummer', ${aar}, 1)
      on conflict (serie, aar) do update set siste = nummerserie.siste + 1
      returning siste
    ), s as (
      update sak set sakssekvensnummer = (select siste from n), mappe_id = ${String(aar)} || '/' || (select siste from n)
      where system_id = ${sakId}
      returning mappe_id
    ), h as (
      update historikk set data = jsonb_set(data, '{saksnummer}', to_jsonb(${String(aar)} || '/' || (select siste from n)))
      where sak_id = ${sakId} and journalpost_id is null and handling = 'sak_opprettet'
    )
    select mappe_id as "mappeId" from s`.execute(trx);
  return rows[0]!.mappeId;
}
