import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { tittelMedSkjermedeOrd } from '../policies/skjerming.sql';

/** Significant words of a title: lower case, letters and digits, at least 3 characters. */
export function ord(tittel: string): string[] {
  return [...new Set(tittel.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3))];
}

/** Share of the new title's words found in the other title (pure, so it can be tested alone). */
export function likhet(a: string, b: string): number {
  const wa = ord(a);
  if (wa.length === 0) return 0;
  const wb = new Set(ord(b));
  return wa.filter((w) => wb.has(w)).length / wa.length;
}

/**
 * §4 good habits: search before creating a sak. Saker whose title line 1 (always public)
 * shares most of the words of the given title; open saker only.
 */
export async function lignendeSaker(db: Kysely<DB>, tittel: string, exceptId?: string, grense = 0.6) {
  const words = ord(tittel).slice(0, 8);
  if (words.length === 0) return [];
  let q = db
    .selectFrom('sak as s')
    .select(['s.systemId', 's.mappeId', tittelMedSkjermedeOrd('s').as('tittel')])
    .where('s.saksstatus', 'in', ['R', 'B'])
    // Screened words neither match nor show (title line 1 is public, they are not).
    // The plain column first, so its index still finds the candidates.
    .where((eb) =>
      eb.or(
        words.map((w) => {
          const term = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
          return sql<boolean>`(s.tittel ilike ${term} and ${tittelMedSkjermedeOrd('s')} ilike ${term})`;
        }),
      ),
    )
    .limit(200);
  if (exceptId) q = q.where('s.systemId', '<>', exceptId);
  const rows = await q.execute();
  return rows
    .map((r) => ({ ...r, likhet: likhet(tittel, r.tittel) }))
    .filter((r) => r.likhet >= grense)
    .sort((a, b) => b.likhet - a.likhet)
    .slice(0, 10)
    .map((r) => ({ kode: 'lignende_sak' as const, melding: `Det finnes en sak med lignende tittel: ${r.mappeId} ${r.tittel}`, sakId: r.systemId, saksnummer: r.mappeId, tittel: r.tittel }));
}
