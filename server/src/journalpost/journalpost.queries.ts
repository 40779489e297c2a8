import type { Kysely } from 'kysely';
import type { JournalpostListQuery, JournalpostView } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { notFound } from '../errors/app-error';
import { presentJournalpost } from './journalpost.presenter';
import type { JournalpostRow } from './journalpost.repository';
import { findJournalpost, loadChildren, loadChildrenFor, selectJournalpostFor } from './journalpost.repository';

export async function loadJournalpostView(db: Kysely<DB>, actor: Actor, id: string): Promise<JournalpostView> {
  const row = await findJournalpost(db, id);
  if (!row) throw notFound('Journalposten');
  return presentJournalpost(actor, row, await loadChildren(db, [row.systemId]));
}

export async function listJournalposterInSak(db: Kysely<DB>, actor: Actor, sakId: string, query: JournalpostListQuery) {
  let q = selectJournalpostFor(db, actor).where('j.sakId', '=', sakId);
  if (query.journalstatus) q = q.where('j.journalstatus', '=', query.journalstatus);
  if (query.journalposttype) q = q.where('j.journalposttype', '=', query.journalposttype);
  const limit = query.limit ?? 100;
  const offset = query.offset ?? 0;
  const [rows, total] = await Promise.all([
    q.orderBy('j.dokumentnummer').limit(limit).offset(offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const children = await loadChildrenFor(db, actor, rows.map((r) => r.systemId));
  return { items: rows.map((r) => presentJournalpost(actor, r as JournalpostRow, children)), total: Number(total.n), limit, offset };
}
