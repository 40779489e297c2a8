import type { Skjermingsnivaa, Tilgangskode } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import { harTilgangskode } from './predicates';

export interface Skjerming {
  readonly tilgangskode: Tilgangskode;
  readonly skjermingsnivaa: Skjermingsnivaa;
  readonly skjermingshjemmel: string | null;
}

type Graded = { tilgangskode: Tilgangskode | null; skjermingsnivaa: number | null; skjermingshjemmel: string | null };

export function skjermingOf(row: Graded): Skjerming | null {
  if (!row.tilgangskode || !row.skjermingsnivaa) return null;
  return {
    tilgangskode: row.tilgangskode,
    skjermingsnivaa: row.skjermingsnivaa as Skjermingsnivaa,
    skjermingshjemmel: row.skjermingshjemmel,
  };
}

/** A journalpost inherits its sak's grading unless it has its own (manual §8). */
export function effektivSkjerming(jp: Graded, sak: Graded): { skjerming: Skjerming | null; kilde: 'journalpost' | 'sak' | null } {
  const own = skjermingOf(jp);
  if (own) return { skjerming: own, kilde: 'journalpost' };
  const inherited = skjermingOf(sak);
  return inherited ? { skjerming: inherited, kilde: 'sak' } : { skjerming: null, kilde: null };
}

export interface ScreeningContext {
  readonly enhetId: string;
  readonly saksansvarligId: string;
  readonly saksbehandlerId?: string;
}

/**
 * Whether the actor sees through a skjerming: authorized for the code (for all units or
 * the record's unit), or the record's own saksbehandler/saksansvarlig.
 */
export function kanSeSkjermet(actor: Actor, skjerming: Skjerming | null, ctx: ScreeningContext): boolean {
  if (!skjerming) return true;
  if (harTilgangskode(actor, skjerming.tilgangskode, ctx.enhetId)) return true;
  // Personal, like the SQL filter: a stedfortreder on the leader's desk does not see through
  // the leader's own records as saksansvarlig/saksbehandler, only through the codes the
  // appointment names (effektiveTilganger).
  const me = actor.bruker.systemId;
  return ctx.saksansvarligId === me || ctx.saksbehandlerId === me;
}

/**
 * The parts a skjermingsnivå hides (manual §8, each level includes the ones below it):
 * the one table both the TypeScript policy and the SQL filter (skjerming.sql.ts) read.
 */
export const SKJERMINGSDELER = {
  /** Level 1: the documents (content, versions, titles). */
  dokumenter: 1,
  /** Level 2: + title line 2 (and the free-text beskrivelse and keywords that elaborate it). */
  tittel2: 2,
  /** Level 3: + avsender/mottaker on a journalpost, klassering on a sak. */
  parterEllerKlassering: 3,
} as const;
export type Skjermingsdel = keyof typeof SKJERMINGSDELER;

/** The level that is hidden from this user: 0 when they see through it or nothing is screened. */
export function skjultNivaa(skjerming: Skjerming | null, synlig: boolean): number {
  return synlig || !skjerming ? 0 : skjerming.skjermingsnivaa;
}

/** What a skjerming hides from someone who does not see through it. */
export function skjult(skjerming: Skjerming | null, synlig: boolean) {
  return skjultFraNivaa(skjultNivaa(skjerming, synlig));
}

export function skjultFraNivaa(level: number): Record<Skjermingsdel, boolean> {
  return {
    dokumenter: level >= SKJERMINGSDELER.dokumenter,
    tittel2: level >= SKJERMINGSDELER.tittel2,
    parterEllerKlassering: level >= SKJERMINGSDELER.parterEllerKlassering,
  };
}

export const SKJERMET_TEKST = '*****';
