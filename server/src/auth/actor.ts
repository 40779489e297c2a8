import { type Kysely, sql } from 'kysely';
import type { Rolle, Tilgangskode } from '@arkiv/shared';
import type { DB } from '../db/schema';
import { dagen } from '../tid';

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

/**
 * Loads a user by brukernavn or e-mail, without regard to case (an Entra UPN is case-insensitive);
 * the name is taken as given, so `"arne "` is nobody. Null when unknown or inactive.
 */
export async function loadActor(db: Kysely<DB>, identity: string): Promise<Actor | null> {
  const ident = identity.toLowerCase();
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
    effektiveTilganger(db, bruker.systemId),
  ]);
  return { bruker, roller, tilganger, paaVegneAv: null };
}

/** Loads an active user by id (the leader whose desk a stedfortreder works on). */
export async function loadActorById(db: Kysely<DB>, id: string): Promise<Actor | null> {
  const b = await db.selectFrom('bruker').select('brukernavn').where('systemId', '=', id).where('aktiv', '=', true).executeTakeFirst();
  return b ? loadActor(db, b.brukernavn) : null;
}

export type Tilgang = Actor['tilganger'][number];

/**
 * The one place a user's tilgangskoder come from: every policy (TypeScript) and the SQL
 * filter (policies/skjerming.sql.ts) read `actor.tilganger`, which is filled from here.
 * The user's own authorizations; on a leader's desk (`paaVegneAv`, §11.3) also the leader's
 * authorizations for the codes an appointment names, only for `now` inside the appointment's
 * date range. `somStedfortreder` asks this function and nothing else.
 */
export async function effektiveTilganger(db: Kysely<DB>, brukerId: string, opts: { now?: Date; paaVegneAv?: string } = {}): Promise<Tilgang[]> {
  const own = await db.selectFrom('brukerTilgang').select(['tilgangskode', 'enhetId']).where('brukerId', '=', brukerId).execute();
  if (!opts.paaVegneAv) return dedupeTilganger(own);
  const dag = dagen(opts.now ?? new Date());
  const lederId = opts.paaVegneAv;
  // The leader's own authorizations (scope included) for a code named in an appointment in force today.
  const delegert = await db
    .selectFrom('brukerTilgang as t')
    .select(['t.tilgangskode', 't.enhetId'])
    .where('t.brukerId', '=', lederId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('stedfortreder as s')
          .select('s.systemId')
          .where('s.stedfortrederId', '=', brukerId)
          .where('s.lederId', '=', lederId)
          .where('s.fraDato', '<=', dag)
          .where('s.tilDato', '>=', dag)
          .where(sql<boolean>`t.tilgangskode = any(s.tilgangskoder)`),
      ),
    )
    .execute();
  return dedupeTilganger([...own, ...delegert]);
}

/** One entry per (code, unit); an all-units grant makes the unit-scoped ones of that code redundant. */
export function dedupeTilganger(tilganger: readonly Tilgang[]): Tilgang[] {
  const global = new Set(tilganger.filter((t) => t.enhetId === null).map((t) => t.tilgangskode));
  const seen = new Set<string>();
  const out: Tilgang[] = [];
  for (const t of tilganger) {
    if (t.enhetId !== null && global.has(t.tilgangskode)) continue;
    const key = `${t.tilgangskode}|${t.enhetId ?? '*'}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ tilgangskode: t.tilgangskode, enhetId: t.enhetId });
  }
  return out;
}

/** The public (not signed in): no roles, no codes. The offentlig journal reads as this actor. */
export const OFFENTLIGHETEN: Actor = Object.freeze({
  bruker: Object.freeze({ systemId: '00000000-0000-0000-0000-000000000000', brukernavn: 'offentligheten', navn: 'Offentligheten' }),
  roller: Object.freeze([]) as readonly never[],
  tilganger: Object.freeze([]) as readonly never[],
  paaVegneAv: null,
});

/** The unit a user's new records belong to by default: the first unit they hold a role in. */
export function hovedenhet(actor: Actor): string | undefined {
  return actor.roller[0]?.enhetId;
}
