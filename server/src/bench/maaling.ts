/**
 * One row of the benchmark table. Every measurement of `npm run bench` is one of these, in one
 * array, printed together: add a kind of measurement by pushing rows (search adds its own).
 */
export interface Maaling {
  readonly navn: string;
  /** Milliseconds, for timed requests. */
  readonly p50?: number;
  readonly p95?: number;
  /** Free text: a rate, a ratio, memory, the number of samples. */
  readonly merknad?: string;
}

export function persentil(verdier: readonly number[], p: number): number {
  const sortert = [...verdier].sort((a, b) => a - b);
  if (sortert.length === 0) return NaN;
  return sortert[Math.min(sortert.length - 1, Math.ceil((p / 100) * sortert.length) - 1)]!;
}

export const tidsmaaling = (navn: string, ms: readonly number[], merknad?: string): Maaling => ({
  navn,
  p50: persentil(ms, 50),
  p95: persentil(ms, 95),
  merknad: `${ms.length} kall${merknad ? `; ${merknad}` : ''}`,
});

export function tabell(rader: readonly Maaling[]): string {
  const ms = (v?: number) => (v === undefined ? '' : v < 10 ? v.toFixed(1) : v.toFixed(0));
  const linjer = [
    '| måling | p50 ms | p95 ms | merknad |',
    '|---|---:|---:|---|',
    ...rader.map((r) => `| ${r.navn} | ${ms(r.p50)} | ${ms(r.p95)} | ${r.merknad ?? ''} |`),
  ];
  return linjer.join('\n');
}
