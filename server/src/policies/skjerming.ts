import { skjermOrd, type Skjermingsnivaa, type Tilgangskode } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import { harTilgangskode } from './predicates';

export interface Skjerming {
  readonly tilgangskode: Tilgangskode;
  readonly skjermingsnivaa: Skjermingsnivaa;
  readonly skjermingshjemmel: string | null;
}

export type Graded = { tilgangskode: Tilgangskode | null; skjermingsnivaa: number | null; skjermingshjemmel: string | null };

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
  /**
   * Level 2: + title line 2, and the free text that elaborates the record like it: beskrivelse,
   * keywords, merknader (the TLF note of an avskrivning too) and a møte's vedtak.
   */
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

/**
 * A title line as the user sees it: the record's screened words (skjermede ord) as `*****`
 * wherever anything of the record is hidden from them (level ≥ 1, or a draft they do not
 * read). `f.tittel` in skjerming.sql.ts is the SQL twin. Line 2 is `*****` as a whole from
 * level 2 (`visTittel2`).
 */
export function visTittel<T extends string | null>(tekst: T, ord: readonly string[], nivaa: number): T {
  return nivaa > 0 ? skjermOrd(tekst, ord) : tekst;
}

export function visTittel2(tekst: string | null, ord: readonly string[], nivaa: number): string | null {
  if (tekst === null) return null;
  return skjultFraNivaa(nivaa).tittel2 ? SKJERMET_TEKST : visTittel(tekst, ord, nivaa);
}

/**
 * What goes out with a journalpost (§10.4, §10.7): its recipients (hidden from level 3) and its
 * documents (hidden from level 1, or by their own grading). Whoever writes the letter from a
 * template, previews or expedites it, or prints a paper recipient's bundle must see all of it:
 * an outgoing letter is never composed from, or shown with, parts screened from its sender,
 * and a bundle with the address as ***** or a document left out would go out wrong. So these
 * refuse (403) rather than redact.
 */
export function utgaaendeSkjult(parterSkjult: boolean, dokumenterSkjult: Iterable<boolean>): boolean {
  if (parterSkjult) return true;
  for (const d of dokumenterSkjult) if (d) return true;
  return false;
}
