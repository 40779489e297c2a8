import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { validation } from '../errors/app-error';

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

export interface ValgtDokument extends AktivtDokument {
  readonly versjonsnummer: number;
}

/**
 * §10.7/§12.2 the documents chosen to go out, in the version chosen: each listed document in
 * its given version (the newest when left out), its production and archive variants of that
 * version; without a list, every document in its newest version. Hoveddokument first.
 * A document not of this journalpost, or a version it does not have, is a 422.
 */
export async function valgteDokumenter(
  db: Kysely<DB> | Transaction<DB>,
  journalpostId: string,
  valg?: readonly { readonly dokumentId: string; readonly versjonsnummer?: number | undefined }[],
): Promise<ValgtDokument[]> {
  const rows = await db
    .selectFrom('dokumentbeskrivelse as d')
    .innerJoin('dokumentversjon as v', 'v.dokumentbeskrivelseId', 'd.systemId')
    .select(['d.systemId', 'd.tittel', 'd.tilknyttetRegistreringSom', 'd.dokumentnummer', 'v.variantformat', 'v.versjonsnummer', 'v.sjekksum', 'v.filnavn', 'v.format'])
    .where('d.journalpostId', '=', journalpostId)
    .orderBy('d.dokumentnummer')
    .orderBy('v.versjonsnummer')
    .execute();
  const ids = valg ? valg.map((v) => v.dokumentId) : [...new Set(rows.map((r) => r.systemId))];
  const out: ValgtDokument[] = [];
  for (const [i, id] of ids.entries()) {
    const av = rows.filter((r) => r.systemId === id);
    if (av.length === 0) throw validation(`/dokumenter/${i}/dokumentId`, 'dokumentet hører ikke til journalposten');
    const nr = valg?.[i]?.versjonsnummer ?? Math.max(...av.map((r) => r.versjonsnummer));
    const versjon = av.filter((r) => r.versjonsnummer === nr);
    if (versjon.length === 0) throw validation(`/dokumenter/${i}/versjonsnummer`, `dokumentet har ingen versjon ${nr}`);
    const variant = (f: 'P' | 'A') => {
      const r = versjon.find((x) => x.variantformat === f);
      return r ? { sha256: r.sjekksum, filnavn: r.filnavn, format: r.format } : null;
    };
    const d = av[0]!;
    if (out.some((o) => o.dokumentId === id)) throw validation(`/dokumenter/${i}/dokumentId`, 'dokumentet er valgt to ganger');
    out.push({ dokumentId: id, tittel: d.tittel, tilknytning: d.tilknyttetRegistreringSom, dokumentnummer: d.dokumentnummer, versjonsnummer: nr, produksjon: variant('P'), arkiv: variant('A') });
  }
  return out.sort((a, b) => (a.tilknytning === b.tilknytning ? a.dokumentnummer - b.dokumentnummer : a.tilknytning === 'H' ? -1 : 1));
}
