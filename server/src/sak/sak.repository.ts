import { sql, type Kysely, type Transaction } from 'kysely';
import type { SakListQuery } from '@arkiv/shared';
import type { DB } from '../db/schema';

/** A sak with what its presenter needs (saksansvarlig, unit, klasse). */
export function selectSak(db: Kysely<DB>) {
  return db
    .selectFrom('sak as s')
    .innerJoin('bruker as sa', 'sa.systemId', 's.saksansvarligId')
    .innerJoin('administrativEnhet as e', 'e.systemId', 's.administrativEnhetId')
    .leftJoin('klasse as k', 'k.systemId', 's.klasseId')
    .selectAll('s')
    .select([
      'sa.brukernavn as saksansvarligBrukernavn',
      'sa.navn as saksansvarligNavn',
      'e.kode as enhetKode',
      'e.navn as enhetNavn',
      'k.klasseId as klasseKode',
      'k.tittel as klasseTittel',
      sql<string[]>`array(select t.bruker_id from sak_tilgang t where t.sak_id = s.system_id)`.as('tilgangBrukerIds'),
    ]);
}
export type SakRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectSak>['executeTakeFirst']>>>;

export function findSak(db: Kysely<DB>, id: string): Promise<SakRow | undefined> {
  return selectSak(db).where('s.systemId', '=', id).executeTakeFirst();
}

/** Locks the sak row for the rest of the transaction (first step of every sak mutation). */
export function lockSak(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('sak as s')
    .selectAll('s')
    .select(sql<string[]>`array(select t.bruker_id from sak_tilgang t where t.sak_id = s.system_id)`.as('tilgangBrukerIds'))
    .where('s.systemId', '=', id)
    .forUpdate('s')
    .executeTakeFirst();
}

export async function listSaker(db: Kysely<DB>, query: SakListQuery) {
  let q = selectSak(db);
  if (query.q) {
    const term = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // Only title line 1 and the number: line 2 may be screened for this user.
    q = q.where((eb) => eb.or([eb('s.tittel', 'ilike', term), eb('s.mappeId', 'like', term)]));
  }
  if (query.saksstatus) q = q.where('s.saksstatus', '=', query.saksstatus);
  if (query.sakstype) q = q.where('s.sakstype', '=', query.sakstype);
  if (query.saksansvarligId) q = q.where('s.saksansvarligId', '=', query.saksansvarligId);
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const [items, total] = await Promise.all([
    q.orderBy('s.saksaar', 'desc').orderBy('s.sakssekvensnummer', 'desc').limit(limit).offset(offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n), limit, offset };
}
