import { type Kysely, sql, type Transaction } from 'kysely';
import type { Tilknytning, Variantformat } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { StagedBlob } from '../blob/blob-store';
import type { DB } from '../db/schema';
import { gjeldendeJournalposter } from '../journalpost/journalpost.repository';
import { tittelMedSkjermedeOrd } from '../policies/skjerming.sql';

export interface VersjonInput {
  readonly variantformat: Variantformat;
  readonly staged: StagedBlob;
  readonly format: string;
  readonly formatDetaljer?: string;
  readonly filnavn: string;
}

/** Inserts a document with its first version (one row per variant) in the caller's transaction. */
export async function insertDokumentIn(
  trx: Transaction<DB>,
  actor: Actor,
  journalpostId: string,
  dokumentnummer: number,
  tilknytning: Tilknytning,
  tittel: string,
  versjoner: readonly VersjonInput[],
  dokumenttype = 'Brev',
): Promise<string> {
  const dok = await trx
    .insertInto('dokumentbeskrivelse')
    .values({ journalpostId, dokumentnummer, tilknyttetRegistreringSom: tilknytning, tittel, dokumenttype, opprettetAvId: actor.bruker.systemId })
    .returning('systemId')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('dokumentversjon')
    .values(
      versjoner.map((v) => ({
        dokumentbeskrivelseId: dok.systemId,
        versjonsnummer: 1,
        variantformat: v.variantformat,
        format: v.format,
        formatDetaljer: v.formatDetaljer ?? null,
        filnavn: v.filnavn,
        sjekksum: v.staged.sha256,
        filstoerrelse: v.staged.size,
        opprettetAvId: actor.bruker.systemId,
      })),
    )
    .execute();
  return dok.systemId;
}

/** Titles already used by journalposter in the sak (lower-cased), for choosing a unique one. */
export async function journalpostTitles(trx: Transaction<DB>, sakId: string): Promise<Set<string>> {
  const rows = await trx.selectFrom(gjeldendeJournalposter(trx).as('j')).select(sql<string>`lower(trim(j.tittel))`.as('t')).where('j.sakId', '=', sakId).execute();
  return new Set(rows.map((r) => r.t));
}

/** The import with one of these dedupe keys (see dedupe.ts), the first made when several match. */
export function findImport(db: Pick<Transaction<DB>, 'selectFrom'>, dedupeKeys: readonly string[]) {
  return db.selectFrom('mailImport').select(['journalpostId']).where('dedupeKey', 'in', dedupeKeys).orderBy('opprettetDato').orderBy('journalpostId').limit(1).executeTakeFirst();
}

/** The first import of a message with this Message-ID, whatever its subject and sender. */
export function findImportByMessageId(db: Pick<Transaction<DB>, 'selectFrom'>, messageId: string) {
  return db.selectFrom('mailImport').select(['journalpostId']).where('messageId', '=', messageId).orderBy('opprettetDato').orderBy('journalpostId').limit(1).executeTakeFirst();
}

/** Manual §4: no two equal titles. The second "Svar" becomes "Svar (2)". */
export function uniqueTitle(wanted: string, taken: Set<string>): string {
  let t = wanted.slice(0, 990);
  for (let n = 2; taken.has(t.trim().toLowerCase()); n++) t = `${wanted.slice(0, 980)} (${n})`;
  taken.add(t.trim().toLowerCase());
  return t;
}

/** The saker a user touched last (from historikk), newest first, open ones only. */
export async function recentSaker(db: Kysely<DB>, brukerId: string, limit = 10) {
  const rows = await db
    .selectFrom('historikk as h')
    .innerJoin('sak as s', 's.systemId', 'h.sakId')
    .select(['s.systemId', 's.mappeId as saksnummer', tittelMedSkjermedeOrd('s').as('tittel'), (eb) => eb.fn.max('h.id').as('sist')])
    .where('h.brukerId', '=', brukerId)
    .where('s.saksstatus', 'in', ['R', 'B'])
    .groupBy(['s.systemId', 's.mappeId', 's.tittel', 's.skjermedeOrd'])
    .orderBy('sist', 'desc')
    .limit(limit)
    .execute();
  return rows.map(({ sist: _s, ...r }) => r);
}
