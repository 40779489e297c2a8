import { sql, type Kysely, type Transaction } from 'kysely';
import type { SakListQuery } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { likeTerm, SAK, skjermingFilter } from '../policies/skjerming.sql';

const JOINS = (db: Kysely<DB>) =>
  db
    .selectFrom('sak as s')
    .innerJoin('bruker as sa', 'sa.systemId', 's.saksansvarligId')
    .innerJoin('administrativEnhet as e', 'e.systemId', 's.administrativEnhetId')
    .leftJoin('klasse as k', 'k.systemId', 's.klasseId');

const NAMES = ['sa.brukernavn as saksansvarligBrukernavn', 'sa.navn as saksansvarligNavn', 'e.kode as enhetKode', 'e.navn as enhetNavn'] as const;

/** A sak with what its presenter needs (saksansvarlig, unit, klasse): raw, for the policy path. */
export function selectSak(db: Kysely<DB>) {
  return JOINS(db)
    .selectAll('s')
    .select([...NAMES, 'k.klasseId as klasseKode', 'k.tittel as klasseTittel', sql<string[]>`array(select t.bruker_id from sak_tilgang t where t.sak_id = s.system_id)`.as('tilgangBrukerIds')]);
}
export type SakRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectSak>['executeTakeFirst']>>> & {
  /** Set by list queries: the skjerming decision made in SQL (see skjerming.sql.ts). */
  readonly skjultNivaa?: number;
  readonly klasseSkjermet?: boolean;
};

/** Sak columns no skjerming level hides (title line 1 is public, its screened words are not: below). */
const OPEN = [
  's.systemId', 's.arkivdelId', 's.saksaar', 's.sakssekvensnummer', 's.mappeId', 's.sakstype', 's.saksstatus', 's.saksdato',
  's.saksansvarligId', 's.administrativEnhetId', 's.tilgangskode', 's.skjermingsnivaa', 's.skjermingshjemmel', 's.obsDato', 's.obsKommentar',
  's.sisteDokumentnummer', 's.dokumentmedium', 's.noarkTillegg', 's.opprettetDato', 's.opprettetAvId', 's.oppdatertDato', 's.avsluttetDato', 's.avsluttetAvId', 's.versjon',
] as const;

/** Saker for one user, filtered and redacted in SQL by the shared skjerming filter. */
export function selectSakFor(db: Kysely<DB>, actor: Actor) {
  const f = skjermingFilter(actor);
  return JOINS(db)
    .select(OPEN)
    .select(NAMES)
    .select([
      f.skjultNivaa(SAK).as('skjultNivaa'),
      f.tittel(SAK, 's').as('tittel'),
      f.tittel(SAK, 's', 'tittel2').as('tittel2'),
      f.skjermedeOrd(SAK, 's').as('skjermedeOrd'),
      f.redact(SAK, 'tittel2', sql<string | null>`s.beskrivelse`).as('beskrivelse'),
      f.redact(SAK, 'tittel2', sql<string[]>`s.noekkelord`, sql<string[]>`'{}'::text[]`).as('noekkelord'),
      f.redact(SAK, 'parterEllerKlassering', sql<string | null>`s.klasse_id`).as('klasseId'),
      f.redact(SAK, 'parterEllerKlassering', sql<string | null>`k.klasse_id`).as('klasseKode'),
      f.redact(SAK, 'parterEllerKlassering', sql<string | null>`k.tittel`).as('klasseTittel'),
      sql<boolean>`(${f.skjuler(SAK, 'parterEllerKlassering')} and s.klasse_id is not null)`.as('klasseSkjermet'),
      sql<string[]>`array(select t.bruker_id from sak_tilgang t where t.sak_id = s.system_id)`.as('tilgangBrukerIds'),
    ]);
}

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

export async function listSaker(db: Kysely<DB>, actor: Actor, query: SakListQuery) {
  const f = skjermingFilter(actor);
  let q = selectSakFor(db, actor);
  if (query.q) {
    const term = likeTerm(query.q);
    // Title line 1 and the number always; line 2 only where this user may see it; screened words never.
    q = q.where((eb) => eb.or([sql<boolean>`${f.tittel(SAK, 's')} ilike ${term}`, eb('s.mappeId', 'like', term), f.visibleMatch(SAK, 'tittel2', f.tittel(SAK, 's', 'tittel2'), term)]));
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
  return { items: items as SakRow[], total: Number(total.n), limit, offset };
}
