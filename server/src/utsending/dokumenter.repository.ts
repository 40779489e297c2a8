import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';

export interface AktivtDokument {
  readonly dokumentId: string;
  readonly tittel: string;
  readonly tilknytning: 'H' | 'V';
  readonly dokumentnummer: number;
  /** Newest production version. */
  readonly produksjon: { sha256: string; filnavn: string; format: string } | null;
  /** Newest archive (PDF/A) version, when one exists. */
  readonly arkiv: { sha256: string; filnavn: string; format: string } | null;
}

/** The documents of a journalpost with their active (newest) P and A versions, hoveddokument first. */
export async function aktiveDokumenter(db: Kysely<DB> | Transaction<DB>, journalpostId: string): Promise<AktivtDokument[]> {
  const rows = await db
    .selectFrom('dokumentbeskrivelse as d')
    .innerJoin('dokumentversjon as v', 'v.dokumentbeskrivelseId', 'd.systemId')
    .select(['d.systemId', 'd.tittel', 'd.tilknyttetRegistreringSom', 'd.dokumentnummer', 'v.variantformat', 'v.versjonsnummer', 'v.sjekksum', 'v.filnavn', 'v.format'])
    .where('d.journalpostId', '=', journalpostId)
    .orderBy('d.dokumentnummer')
    .orderBy('v.versjonsnummer')
    .execute();
  const out = new Map<string, { -readonly [K in keyof AktivtDokument]: AktivtDokument[K] }>();
  for (const r of rows) {
    const d = out.get(r.systemId) ?? { dokumentId: r.systemId, tittel: r.tittel, tilknytning: r.tilknyttetRegistreringSom, dokumentnummer: r.dokumentnummer, produksjon: null, arkiv: null };
    const v = { sha256: r.sjekksum, filnavn: r.filnavn, format: r.format };
    if (r.variantformat === 'P') d.produksjon = v;
    if (r.variantformat === 'A') d.arkiv = v;
    out.set(r.systemId, d);
  }
  return [...out.values()].sort((a, b) => (a.tilknytning === b.tilknytning ? a.dokumentnummer - b.dokumentnummer : a.tilknytning === 'H' ? -1 : 1));
}
