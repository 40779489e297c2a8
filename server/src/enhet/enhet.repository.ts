import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';

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
