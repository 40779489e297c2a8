import type { Kysely, Transaction } from 'kysely';
import { formatRegistreringsId } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { gjeldendeJournalposter, selectJournalpostFor } from '../journalpost/journalpost.repository';
import { selectSakFor } from '../sak/sak.repository';

/** One end of a reference: a sak (Noark mappe) or a journalpost (registrering). */
export interface Ende {
  readonly type: 'sak' | 'journalpost';
  readonly id: string;
}

export type KryssreferanseRow = Awaited<ReturnType<typeof listForEnde>>[number];

const fraAv = (r: { fraSakId: string | null; fraJournalpostId: string | null }): Ende =>
  r.fraSakId ? { type: 'sak', id: r.fraSakId } : { type: 'journalpost', id: r.fraJournalpostId! };
const tilAv = (r: { tilSakId: string | null; tilJournalpostId: string | null }): Ende =>
  r.tilSakId ? { type: 'sak', id: r.tilSakId } : { type: 'journalpost', id: r.tilJournalpostId! };
export const ender = (r: Parameters<typeof fraAv>[0] & Parameters<typeof tilAv>[0]) => ({ fra: fraAv(r), til: tilAv(r) });

const fraKolonne = (e: Ende) => (e.type === 'sak' ? 'k.fraSakId' : 'k.fraJournalpostId') as 'k.fraSakId';
const tilKolonne = (e: Ende) => (e.type === 'sak' ? 'k.tilSakId' : 'k.tilJournalpostId') as 'k.tilSakId';

/** Every reference from or to one record, oldest first, with who made it. */
export function listForEnde(db: Kysely<DB>, ende: Ende) {
  return db
    .selectFrom('kryssreferanse as k')
    .innerJoin('bruker as b', 'b.systemId', 'k.opprettetAvId')
    .select(['k.systemId', 'k.fraSakId', 'k.fraJournalpostId', 'k.tilSakId', 'k.tilJournalpostId', 'k.opprettetDato', 'k.opprettetAvId', 'b.brukernavn', 'b.navn'])
    .where((eb) => eb.or([eb(fraKolonne(ende), '=', ende.id), eb(tilKolonne(ende), '=', ende.id)]))
    .orderBy('k.opprettetDato')
    .orderBy('k.systemId')
    .execute();
}

/**
 * The other ends, read through the one skjerming filter (selectSakFor/selectJournalpostFor):
 * title line 2 arrives redacted, `skjultNivaa` carries the decision, feilregistrerte
 * journalposter are left out like on every read path.
 */
export async function loadEnder(db: Kysely<DB>, actor: Actor, refs: readonly Ende[]) {
  const ids = (type: Ende['type']) => [...new Set(refs.filter((e) => e.type === type).map((e) => e.id))];
  const sakIds = ids('sak');
  const jpIds = ids('journalpost');
  const [saker, journalposter] = await Promise.all([
    sakIds.length === 0 ? [] : selectSakFor(db, actor).where('s.systemId', 'in', sakIds).execute(),
    jpIds.length === 0 ? [] : selectJournalpostFor(db, actor).where('j.systemId', 'in', jpIds).execute(),
  ]);
  return { saker: new Map(saker.map((s) => [s.systemId, s])), journalposter: new Map(journalposter.map((j) => [j.systemId, j])) };
}
export type LoadedEnder = Awaited<ReturnType<typeof loadEnder>>;

/** Whether a record exists on the read paths (a feilregistrert journalpost does not). */
export async function finnes(trx: Transaction<DB>, ende: Ende): Promise<boolean> {
  const row =
    ende.type === 'sak'
      ? await trx.selectFrom('sak').select('systemId').where('systemId', '=', ende.id).executeTakeFirst()
      : await trx.selectFrom(gjeldendeJournalposter(trx).as('j')).select('j.systemId').where('j.systemId', '=', ende.id).executeTakeFirst();
  return row !== undefined;
}

export function findPar(trx: Transaction<DB>, fra: Ende, til: Ende) {
  return trx
    .selectFrom('kryssreferanse as k')
    .select('k.systemId')
    .where(fraKolonne(fra), '=', fra.id)
    .where(tilKolonne(til), '=', til.id)
    .executeTakeFirst();
}

export function insertKryssreferanse(trx: Transaction<DB>, actor: Actor, fra: Ende, til: Ende) {
  return trx
    .insertInto('kryssreferanse')
    .values({
      fraSakId: fra.type === 'sak' ? fra.id : null,
      fraJournalpostId: fra.type === 'journalpost' ? fra.id : null,
      tilSakId: til.type === 'sak' ? til.id : null,
      tilJournalpostId: til.type === 'journalpost' ? til.id : null,
      opprettetAvId: actor.bruker.systemId,
    })
    .returning('systemId')
    .executeTakeFirstOrThrow();
}

export function lockKryssreferanse(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('kryssreferanse').selectAll().where('systemId', '=', id).forUpdate().executeTakeFirst();
}

export function deleteKryssreferanse(trx: Transaction<DB>, id: string) {
  return trx.deleteFrom('kryssreferanse').where('systemId', '=', id).execute();
}

/** The number a historikk entry names the other end by: never a title (it may be screened). */
export async function nummerFor(trx: Transaction<DB>, ende: Ende): Promise<string> {
  if (ende.type === 'sak') {
    const s = await trx.selectFrom('sak').select('mappeId').where('systemId', '=', ende.id).executeTakeFirstOrThrow();
    return s.mappeId;
  }
  const j = await trx
    .selectFrom('journalpost as j')
    .innerJoin('sak as s', 's.systemId', 'j.sakId')
    .select(['s.saksaar', 's.sakssekvensnummer', 'j.dokumentnummer'])
    .where('j.systemId', '=', ende.id)
    .executeTakeFirstOrThrow();
  return formatRegistreringsId(j.saksaar, j.sakssekvensnummer, j.dokumentnummer);
}
