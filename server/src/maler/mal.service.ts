import { sql, type Kysely } from 'kysely';
import type { Journalposttype, Sakstype } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors/app-error';
import { kontrollerVersjon } from '../errors/versjon';
import { harRolle } from '../policies/predicates';
import { unknownFields } from './flettefelt';

export interface MalInput {
  readonly navn: string;
  readonly sakstype?: Sakstype | null;
  readonly journalposttype?: Journalposttype;
  readonly innhold: string;
}

/** Templates and standard texts are registers: the archive (ARK) and system owners (SYS) keep them. */
const mayMaintain = (actor: Actor) => harRolle(actor, 'ARK') || harRolle(actor, 'SYS');

function checkFields(innhold: string) {
  const unknown = unknownFields(innhold);
  if (unknown.length > 0) {
    throw new AppError('validation_failed', `Ukjente flettefelt: ${unknown.join(', ')}`, { errors: unknown.map((f) => ({ field: '/innhold', message: `ukjent flettefelt {{${f}}}` })) });
  }
}

export async function createMal(db: Kysely<DB>, actor: Actor, input: MalInput): Promise<string> {
  if (!mayMaintain(actor)) throw forbidden('Bare arkivet og systemansvarlig vedlikeholder maler');
  checkFields(input.innhold);
  return db.transaction().execute(async (trx) => {
    const dup = await trx.selectFrom('mal').select('systemId').where(sql<string>`lower(navn)`, '=', input.navn.trim().toLowerCase()).executeTakeFirst();
    if (dup) throw new AppError('duplicate_title', 'Det finnes allerede en mal med dette navnet', { existing: `/api/maler/${dup.systemId}` });
    const mal = await trx
      .insertInto('mal')
      .values({ navn: input.navn.trim(), sakstype: input.sakstype ?? null, journalposttype: input.journalposttype ?? 'U', opprettetAvId: actor.bruker.systemId })
      .returning('systemId')
      .executeTakeFirstOrThrow();
    await trx.insertInto('malVersjon').values({ malId: mal.systemId, versjonsnummer: 1, innhold: input.innhold, opprettetAvId: actor.bruker.systemId }).execute();
    return mal.systemId;
  });
}

/** Editing a template adds a version; the newest is the active one (and the mal's ETag). Returns the new number. */
export async function updateMal(db: Kysely<DB>, actor: Actor, malId: string, innhold: string, versjon?: number): Promise<number> {
  if (!mayMaintain(actor)) throw forbidden('Bare arkivet og systemansvarlig vedlikeholder maler');
  checkFields(innhold);
  return db.transaction().execute(async (trx) => {
    const mal = await trx.selectFrom('mal').select('systemId').where('systemId', '=', malId).forUpdate().executeTakeFirst();
    if (!mal) throw notFound('Malen');
    const { n } = await trx.selectFrom('malVersjon').select(sql<number>`coalesce(max(versjonsnummer), 0)::int`.as('n')).where('malId', '=', malId).executeTakeFirstOrThrow();
    kontrollerVersjon('Malen', n, versjon);
    await trx.insertInto('malVersjon').values({ malId, versjonsnummer: n + 1, innhold, opprettetAvId: actor.bruker.systemId }).execute();
    return n + 1;
  });
}

export async function createStandardtekst(db: Kysely<DB>, actor: Actor, input: { navn: string; tekst: string; sakstype?: Sakstype | null }): Promise<string> {
  if (!mayMaintain(actor)) throw forbidden('Bare arkivet og systemansvarlig vedlikeholder standardtekster');
  const dup = await db.selectFrom('standardtekst').select('systemId').where('navn', '=', input.navn.trim()).executeTakeFirst();
  if (dup) throw new AppError('duplicate_title', 'Det finnes allerede en standardtekst med dette navnet');
  const row = await db.insertInto('standardtekst').values({ navn: input.navn.trim(), tekst: input.tekst, sakstype: input.sakstype ?? null, opprettetAvId: actor.bruker.systemId }).returning('systemId').executeTakeFirstOrThrow();
  return row.systemId;
}

/** Active templates (newest version) for a sakstype/dokumenttype; templates without sakstype fit every sak. */
export async function listMaler(db: Kysely<DB>, filter: { sakstype?: Sakstype; journalposttype?: Journalposttype }) {
  let q = db
    .selectFrom('mal as m')
    .innerJoin('malVersjon as v', 'v.malId', 'm.systemId')
    .select(['m.systemId', 'm.navn', 'm.sakstype', 'm.journalposttype', 'v.versjonsnummer', 'v.innhold', 'v.opprettetDato'])
    .where('m.aktiv', '=', true)
    .where('v.versjonsnummer', '=', (eb) => eb.selectFrom('malVersjon as v2').select(sql<number>`max(v2.versjonsnummer)`.as('x')).whereRef('v2.malId', '=', 'm.systemId'));
  if (filter.sakstype) q = q.where((eb) => eb.or([eb('m.sakstype', '=', filter.sakstype!), eb('m.sakstype', 'is', null)]));
  if (filter.journalposttype) q = q.where('m.journalposttype', '=', filter.journalposttype);
  return q.orderBy('m.navn').execute();
}

export async function findMal(db: Kysely<DB>, malId: string) {
  const mal = await db.selectFrom('mal').selectAll().where('systemId', '=', malId).executeTakeFirst();
  if (!mal) throw notFound('Malen');
  const versjoner = await db.selectFrom('malVersjon').select(['versjonsnummer', 'innhold', 'opprettetDato']).where('malId', '=', malId).orderBy('versjonsnummer').execute();
  return { ...mal, versjoner };
}

export function listStandardtekster(db: Kysely<DB>, sakstype?: Sakstype) {
  let q = db.selectFrom('standardtekst').select(['systemId', 'navn', 'tekst', 'sakstype']);
  if (sakstype) q = q.where((eb) => eb.or([eb('sakstype', '=', sakstype), eb('sakstype', 'is', null)]));
  return q.orderBy('navn').execute();
}
