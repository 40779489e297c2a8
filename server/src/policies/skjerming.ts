import type { Skjermingsnivaa, Tilgangskode } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import { erSaksansvarlig, erSaksbehandler, harTilgangskode } from './predicates';

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
  if (erSaksansvarlig(actor, { saksansvarligId: ctx.saksansvarligId })) return true;
  return ctx.saksbehandlerId !== undefined && erSaksbehandler(actor, { saksbehandlerId: ctx.saksbehandlerId });
}

/** What a skjerming hides from someone who does not see through it. */
export function skjult(skjerming: Skjerming | null, synlig: boolean) {
  const level = synlig || !skjerming ? 0 : skjerming.skjermingsnivaa;
  return { dokumenter: level >= 1, tittel2: level >= 2, parterEllerKlassering: level >= 3 };
}

export const SKJERMET_TEKST = '*****';
