import { sql, type Kysely, type Transaction } from 'kysely';
import type { HistorikkHandling } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { grading, skjermingFilter } from '../policies/skjerming.sql';
import { kontrollerFlyttetVersjon } from '../errors/versjon';

/** Keys that never carry screenable content and stay visible in a screened record's history. */
export const HISTORIKK_ALLTID_SYNLIG = ['journalstatus', 'journalposttype', 'dokumentnummer', 'journalnummer', 'saksnummer', 'sakstype', 'versjonsnummer', 'variantformat', 'tilknytning', 'merknadstype'] as const;

/**
 * The grading an entry is read under: the document's (own, else its journalpost's, else the
 * sak's) for document entries, the journalpost's for journalpost entries, the sak's otherwise.
 */
const HISTORIKK = grading({ own: ['hd', 'hj', 'hs'], enhetId: sql<string>`coalesce(hj.administrativ_enhet_id, hs.administrativ_enhet_id)`, saksansvarligId: 'hs.saksansvarligId', saksbehandlerId: 'hj.saksbehandlerId', journalpost: 'hj' });

export interface HistorikkEntry {
  readonly handling: HistorikkHandling;
  readonly objekttype: 'sak' | 'journalpost' | 'dokumentbeskrivelse' | 'dokumentversjon' | 'merknad' | 'kryssreferanse' | 'avskrivning' | 'oppgave' | 'stedfortreder' | 'utsending' | 'utvalgssak';
  readonly objektId: string;
  readonly sakId?: string | null;
  readonly journalpostId?: string | null;
  /** What changed: `{ fra, til }` pairs for edits, the new values for creations. */
  readonly data?: Record<string, unknown>;
  /** Something done with the record, not to it (its documents handed out): its version stays. */
  readonly endrerIkkePosten?: true;
}

/**
 * Appends a historikk row and moves the version of the record it is about. Takes a
 * Transaction, not a Kysely: historikk is written in the mutation's own transaction, so a
 * failed mutation leaves no trace and a committed one always has its trace.
 */
export async function appendHistorikk(trx: Transaction<DB>, actor: Actor | null, entry: HistorikkEntry): Promise<void> {
  const doer = actor?.bruker.systemId ?? null;
  await trx
    .insertInto('historikk')
    .values({
      brukerId: doer,
      paaVegneAvId: actor?.paaVegneAv?.systemId ?? null,
      handling: entry.handling,
      objekttype: entry.objekttype,
      objektId: entry.objektId,
      sakId: entry.sakId ?? null,
      journalpostId: entry.journalpostId ?? null,
      data: JSON.stringify(entry.data ?? {}),
    })
    .execute();
  // Every state change writes historikk, so this is where the record's version moves: an entry
  // about a journalpost (its fields, status, parties, documents, merknader, ...) moves the
  // journalpost, an entry about the sak itself moves the sak. A client editing from an older
  // read is then refused (If-Match, see plugins/versjon.plugin.ts).
  if (entry.endrerIkkePosten) return;
  if (entry.journalpostId) {
    const moved = await trx.updateTable('journalpost').set({ versjon: sql`versjon + 1` }).where('systemId', '=', entry.journalpostId).returning('versjon').executeTakeFirst();
    if (moved) kontrollerFlyttetVersjon('journalpost', entry.journalpostId, moved.versjon);
  } else if (entry.sakId) {
    const moved = await trx.updateTable('sak').set({ versjon: sql`versjon + 1` }).where('systemId', '=', entry.sakId).returning('versjon').executeTakeFirst();
    if (moved) kontrollerFlyttetVersjon('sak', entry.sakId, moved.versjon);
  }
}

/** Field-by-field diff for an edit's historikk entry. */
export function diff<T extends Record<string, unknown>>(before: T, changes: Partial<T>): Record<string, { fra: unknown; til: unknown }> {
  const out: Record<string, { fra: unknown; til: unknown }> = {};
  for (const [key, til] of Object.entries(changes)) {
    if (til === undefined) continue;
    const fra = before[key];
    if (JSON.stringify(fra) !== JSON.stringify(til)) out[key] = { fra: fra ?? null, til };
  }
  return out;
}

/**
 * Historikk is a read path like any other: an entry about a record the user does not see
 * through (any level) has its data reduced, in SQL, to the status fields that never carry
 * screenable content, plus `skjermet: true`.
 */
export function listHistorikk(db: Kysely<DB>, actor: Actor, filter: { sakId?: string; journalpostId?: string }) {
  const f = skjermingFilter(actor);
  const keep = sql.join(HISTORIKK_ALLTID_SYNLIG.map((k) => sql.lit(k)));
  let q = db
    .selectFrom('historikk as h')
    .leftJoin('bruker as b', 'b.systemId', 'h.brukerId')
    .leftJoin('bruker as p', 'p.systemId', 'h.paaVegneAvId')
    .leftJoin('journalpost as hj', 'hj.systemId', 'h.journalpostId')
    .leftJoin('sak as hs', (join) => join.on(sql<boolean>`hs.system_id = coalesce(h.sak_id, hj.sak_id)`))
    .leftJoin('dokumentbeskrivelse as hd', (join) => join.onRef('hd.systemId', '=', 'h.objektId').on('h.objekttype', '=', 'dokumentbeskrivelse'))
    .select([
      'h.systemId',
      'h.tidspunkt',
      'h.handling',
      'h.objekttype',
      'h.objektId',
      'h.journalpostId',
      'b.systemId as brukerId',
      'b.brukernavn as brukerBrukernavn',
      'b.navn as brukerNavn',
      'p.systemId as paaVegneAvId',
      'p.brukernavn as paaVegneAvBrukernavn',
      'p.navn as paaVegneAvNavn',
      sql<Record<string, unknown>>`case when ${f.synlig(HISTORIKK)} then h.data
        else coalesce((select jsonb_object_agg(e.key, e.value) from jsonb_each(h.data) e where e.key in (${keep})), '{}'::jsonb) || '{"skjermet": true}'::jsonb end`.as('data'),
    ])
    // A draft the user may not even know of (utkast.ts) leaves no trace in the sak's history.
    .where(f.finnes(HISTORIKK))
    .orderBy('h.id');
  if (filter.sakId) q = q.where('h.sakId', '=', filter.sakId);
  if (filter.journalpostId) q = q.where('h.journalpostId', '=', filter.journalpostId);
  return q.execute();
}
