import { SKJERMINGSNIVAA_KODER, type Skjermingsnivaa, TILGANGSKODE_KODER, type Tilgangskode } from '@arkiv/shared';

/**
 * The grading matrix the skjerming tests run (skjerming.matrix.test.ts: every read path;
 * skjerming.render.test.ts: every rendered document; skjerming.desk.test.ts: the desk,
 * oppgaver and reports): ungraded, then
 * every tilgangskode × level graded on the sak (inherited) or on the journalpost, then
 * (optionally) graded only on the document.
 */
export interface Gradering {
  readonly kode: Tilgangskode | null;
  readonly nivaa: Skjermingsnivaa | null;
  /** Where the grading sits: the sak (the journalpost inherits), the journalpost, or only the document. */
  readonly paa: 'sak' | 'journalpost' | 'dokument' | 'ingen';
}

export function graderinger(opts: { dokument: boolean }): Gradering[] {
  const out: Gradering[] = [{ kode: null, nivaa: null, paa: 'ingen' }];
  for (const kode of TILGANGSKODE_KODER) for (const nivaa of SKJERMINGSNIVAA_KODER) for (const paa of ['sak', 'journalpost'] as const) out.push({ kode, nivaa, paa });
  if (opts.dokument) for (const nivaa of SKJERMINGSNIVAA_KODER) out.push({ kode: 'U', nivaa, paa: 'dokument' });
  return out;
}

export const skjermingAv = (g: Gradering) => (g.kode && g.nivaa ? { tilgangskode: g.kode, skjermingsnivaa: g.nivaa, skjermingshjemmel: 'Offl. § 13' } : undefined);

/**
 * The manual's rule (§8), written out independently of the code under test: the level hidden
 * from someone who holds `koder` (code, unit|null) for records of `enhetId`, or sees through
 * personally (saksansvarlig/saksbehandler).
 */
export function forventetSkjult(g: Gradering, viewer: { koder: readonly (readonly [Tilgangskode, string | null])[]; personlig: boolean }, enhetId: string) {
  const ser = g.kode === null || viewer.personlig || viewer.koder.some(([k, e]) => k === g.kode && (e === null || e === enhetId));
  const jpNivaa = (g.paa === 'sak' || g.paa === 'journalpost') && !ser ? g.nivaa! : 0;
  const sakNivaa = g.paa === 'sak' ? jpNivaa : 0;
  const dokSkjult = g.paa === 'dokument' ? !ser : jpNivaa >= 1;
  return { jpNivaa, sakNivaa, dokSkjult };
}

