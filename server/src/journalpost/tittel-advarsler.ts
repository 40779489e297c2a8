import { sql, type Kysely } from 'kysely';
import type { Advarsel } from '@arkiv/shared';
import type { DB } from '../db/schema';
import { gjeldendeJournalposter } from './journalpost.repository';

const norm = (t: string) => t.trim().toLowerCase();

/**
 * Manual §4 (good habits): a journalpost title repeated in the same sak gets a warning. It is a
 * warning, not a refusal: the saksbehandler may have good reason (a second "Purring", say).
 */
export async function journalpostTittelAdvarsler(db: Kysely<DB>, sakId: string, tittel: string, exceptId?: string): Promise<Advarsel[]> {
  let q = db
    .selectFrom(gjeldendeJournalposter(db).as('j'))
    .select(['j.systemId', 'j.tittel'])
    .where('j.sakId', '=', sakId)
    .where(sql<string>`lower(trim(j.tittel))`, '=', norm(tittel));
  if (exceptId) q = q.where('j.systemId', '<>', exceptId);
  const dup = await q.executeTakeFirst();
  return dup ? [{ kode: 'lik_tittel', melding: `Saken har allerede en journalpost med tittelen «${dup.tittel}»`, lenke: `/api/journalposter/${dup.systemId}` }] : [];
}

/** Manual §4: a document title repeated in the same journalpost gets a warning. */
export async function dokumentTittelAdvarsler(db: Kysely<DB>, journalpostId: string, tittel: string): Promise<Advarsel[]> {
  const dup = await db
    .selectFrom('dokumentbeskrivelse')
    .select(['systemId', 'tittel'])
    .where('journalpostId', '=', journalpostId)
    .where(sql<string>`lower(trim(tittel))`, '=', norm(tittel))
    .executeTakeFirst();
  return dup ? [{ kode: 'lik_tittel', melding: `Journalposten har allerede et dokument med tittelen «${dup.tittel}»`, lenke: `/api/dokumenter/${dup.systemId}/innhold` }] : [];
}
