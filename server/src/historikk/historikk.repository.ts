import type { Kysely, Transaction } from 'kysely';
import type { HistorikkHandling } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';

export interface HistorikkEntry {
  readonly handling: HistorikkHandling;
  readonly objekttype: 'sak' | 'journalpost' | 'dokumentbeskrivelse' | 'dokumentversjon' | 'merknad' | 'avskrivning' | 'oppgave' | 'stedfortreder' | 'utvalgssak';
  readonly objektId: string;
  readonly sakId?: string | null;
  readonly journalpostId?: string | null;
  /** What changed: `{ fra, til }` pairs for edits, the new values for creations. */
  readonly data?: Record<string, unknown>;
}

/**
 * Appends a historikk row. Takes a Transaction, not a Kysely: historikk is written in the
 * mutation's own transaction, so a failed mutation leaves no trace and a committed one
 * always has its trace.
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

export function listHistorikk(db: Kysely<DB>, filter: { sakId?: string; journalpostId?: string }) {
  let q = db
    .selectFrom('historikk as h')
    .leftJoin('bruker as b', 'b.systemId', 'h.brukerId')
    .leftJoin('bruker as p', 'p.systemId', 'h.paaVegneAvId')
    .select([
      'h.systemId',
      'h.tidspunkt',
      'h.handling',
      'h.objekttype',
      'h.objektId',
      'h.data',
      'h.journalpostId',
      'b.systemId as brukerId',
      'b.brukernavn as brukerBrukernavn',
      'b.navn as brukerNavn',
      'p.systemId as paaVegneAvId',
      'p.brukernavn as paaVegneAvBrukernavn',
      'p.navn as paaVegneAvNavn',
    ])
    .orderBy('h.id');
  if (filter.sakId) q = q.where('h.sakId', '=', filter.sakId);
  if (filter.journalpostId) q = q.where('h.journalpostId', '=', filter.journalpostId);
  return q.execute();
}
