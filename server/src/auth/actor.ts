import type { Kysely } from 'kysely';
import type { Rolle, Tilgangskode } from '@arkiv/shared';
import type { DB } from '../db/schema';

export interface BrukerInfo {
  readonly systemId: string;
  readonly brukernavn: string;
  readonly navn: string;
}

/** The signed-in user as the policies see them: roles per unit and tilgangskode authorizations. */
export interface Actor {
  readonly bruker: BrukerInfo;
  readonly roller: readonly { readonly enhetId: string; readonly rolle: Rolle }[];
  readonly tilganger: readonly { readonly tilgangskode: Tilgangskode; readonly enhetId: string | null }[];
  /** Set when the user acts as deputy (stedfortreder) on someone else's desk. */
  readonly paaVegneAv: BrukerInfo | null;
}

/** Loads a user by brukernavn or e-mail (case-insensitive); null when unknown or inactive. */
export async function loadActor(db: Kysely<DB>, identity: string): Promise<Actor | null> {
  const ident = identity.trim().toLowerCase();
  const bruker = await db
    .selectFrom('bruker')
    .select(['systemId', 'brukernavn', 'navn'])
    .where('aktiv', '=', true)
    .where((eb) => eb.or([eb(eb.fn('lower', ['brukernavn']), '=', ident), eb(eb.fn('lower', ['epost']), '=', ident)]))
    .orderBy('brukernavn')
    .executeTakeFirst();
  if (!bruker) return null;
  const [roller, tilganger] = await Promise.all([
    db.selectFrom('brukerRolle').select(['enhetId', 'rolle']).where('brukerId', '=', bruker.systemId).execute(),
    db.selectFrom('brukerTilgang').select(['tilgangskode', 'enhetId']).where('brukerId', '=', bruker.systemId).execute(),
  ]);
  return { bruker, roller, tilganger, paaVegneAv: null };
}

/** Loads an active user by id (the leader whose desk a stedfortreder works on). */
export async function loadActorById(db: Kysely<DB>, id: string): Promise<Actor | null> {
  const b = await db.selectFrom('bruker').select('brukernavn').where('systemId', '=', id).where('aktiv', '=', true).executeTakeFirst();
  return b ? loadActor(db, b.brukernavn) : null;
}

/** The unit a user's new records belong to by default: the first unit they hold a role in. */
export function hovedenhet(actor: Actor): string | undefined {
  return actor.roller[0]?.enhetId;
}
