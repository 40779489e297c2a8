import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';

/**
 * The leader who distributes a unit's post (§6 saksfordeling, §10.1): its active user with role
 * LED, the first by brukernavn when it has several. One rule for the list of units the
 * dokumentsenter distributes to and for Fordel to a unit.
 */
export const enhetensLeder = (enhetId: RawBuilder<unknown>): RawBuilder<string | null> =>
  sql<string | null>`(select r.bruker_id from bruker_rolle r join bruker b on b.system_id = r.bruker_id where r.enhet_id = ${enhetId} and r.rolle = 'LED' and b.aktiv order by b.brukernavn limit 1)`;

/** An active unit and its leader (null when it has none); undefined when there is no such active unit. */
export function finnEnhetMedLeder(trx: Transaction<DB>, enhetId: string) {
  return trx
    .selectFrom('administrativEnhet as e')
    .select(['e.systemId', enhetensLeder(sql.ref('e.systemId')).as('lederId')])
    .where('e.systemId', '=', enhetId)
    .where('e.aktiv', '=', true)
    .executeTakeFirst();
}

/**
 * The unit a journalpost follows when it is given to a saksbehandler without naming one: the
 * first of `foretrukne` (its own unit, its sak's) where they work, else their first unit by
 * name. Undefined for a user with no unit (or not active).
 */
export async function saksbehandlersEnhet(trx: Transaction<DB>, brukerId: string, foretrukne: readonly string[]): Promise<string | undefined> {
  const enheter = await trx
    .selectFrom('brukerRolle as r')
    .innerJoin('bruker as b', 'b.systemId', 'r.brukerId')
    .innerJoin('administrativEnhet as e', 'e.systemId', 'r.enhetId')
    .select('r.enhetId')
    .where('r.brukerId', '=', brukerId)
    .where('b.aktiv', '=', true)
    .orderBy('e.navn')
    .orderBy('e.systemId')
    .execute();
  const ids = enheter.map((e) => e.enhetId);
  return foretrukne.find((id) => ids.includes(id)) ?? ids[0];
}


/**
 * The units the actor leads (LED; a stedfortreder has the leader's roles) with their active
 * users: whom the leader distributes the unit's post to and follows up (§6, §10.1, §11.1).
 */
export async function ledetEnheter(db: Kysely<DB>, actor: Actor) {
  const ids = [...new Set(actor.roller.filter((r) => r.rolle === 'LED').map((r) => r.enhetId))];
  if (ids.length === 0) return [];
  const [enheter, brukere] = await Promise.all([
    db.selectFrom('administrativEnhet').select(['systemId', 'kode', 'navn']).where('systemId', 'in', ids).orderBy('navn').execute(),
    db
      .selectFrom('brukerRolle as r')
      .innerJoin('bruker as b', 'b.systemId', 'r.brukerId')
      .select(['r.enhetId', 'b.systemId', 'b.brukernavn', 'b.navn'])
      .distinct()
      .where('r.enhetId', 'in', ids)
      .where('b.aktiv', '=', true)
      .orderBy('b.navn')
      .execute(),
  ]);
  return enheter.map((enhet) => ({ enhet, brukere: brukere.filter((b) => b.enhetId === enhet.systemId).map(({ systemId, brukernavn, navn }) => ({ systemId, brukernavn, navn })) }));
}
