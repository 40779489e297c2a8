import type { Kysely } from 'kysely';
import { type Rolle, TILGANGSKODE_KODER, type Tilgangskode } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { buildBruker } from './factories';

/** A reader in the matrix: role and unit, the codes held, and whether they own the records. */
export interface MatrixActor {
  readonly navn: string;
  readonly actor: Actor;
  readonly rolle: Rolle;
  /** The unit of the role: the records' own unit or another. */
  readonly enhet: 'egen' | 'annen';
  /** [code, unit|null] the actor holds. */
  readonly koder: readonly (readonly [Tilgangskode, string | null])[];
  /** Saksansvarlig of the saker and saksbehandler of the journalposter. */
  readonly eier: boolean;
}

/**
 * The readers of the matrix: every role × own/other unit × (no code / every code for the own
 * unit), one saksbehandler in another unit per code for all units, and the owner (saksbehandler
 * and saksansvarlig of every fixture). `egen` is the fixtures' unit, `annen` another.
 */
export async function buildMatrixActors(db: Kysely<DB>, egen: string, annen: string, eier: Actor): Promise<MatrixActor[]> {
  const actors: MatrixActor[] = [];
  for (const rolle of ['SBH', 'LED', 'ARK', 'DOK'] as const) {
    for (const [hjem, enhet] of [['egen', egen], ['annen', annen]] as const) {
      actors.push({ navn: `${rolle}/${hjem} enhet/ingen koder`, actor: await buildBruker(db, { roller: [[rolle, enhet]] }), rolle, enhet: hjem, koder: [], eier: false });
      const koder = TILGANGSKODE_KODER.map((k) => [k, enhet] as const);
      actors.push({ navn: `${rolle}/${hjem} enhet/alle koder for egen enhet`, actor: await buildBruker(db, { roller: [[rolle, enhet]], tilganger: koder }), rolle, enhet: hjem, koder, eier: false });
    }
  }
  for (const k of TILGANGSKODE_KODER) {
    const koder = [[k, null]] as const;
    actors.push({ navn: `SBH/annen enhet/${k} for alle enheter`, actor: await buildBruker(db, { roller: [['SBH', annen]], tilganger: koder }), rolle: 'SBH', enhet: 'annen', koder, eier: false });
  }
  actors.push({ navn: 'saksansvarlig og saksbehandler', actor: eier, rolle: 'SBH', enhet: 'egen', koder: [], eier: true });
  return actors;
}
export const MATRIX_ACTOR_COUNT = 4 * 2 * 2 + TILGANGSKODE_KODER.length + 1;
