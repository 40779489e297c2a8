import { sql, type Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { loadChildrenFor, selectJournalpostFor, type JournalpostRow } from '../journalpost/journalpost.repository';
import { JOURNALPOST, likeTerm, skjermingFilter } from '../policies/skjerming.sql';
import { listSaker } from '../sak/sak.repository';

/**
 * Free-text search over saker and journalposter. Matches only what the user may see: title
 * line 1 and numbers always, title line 2 and korrespondanseparter only where the skjerming
 * filter leaves them open, so neither hits nor counts reveal screened text.
 */
export async function sok(db: Kysely<DB>, actor: Actor, q: string, limit: number) {
  const f = skjermingFilter(actor);
  const term = likeTerm(q.trim());
  const saker = await listSaker(db, actor, { q: q.trim(), limit, offset: 0 });

  const jq = selectJournalpostFor(db, actor).where((eb) =>
    eb.or([
      eb('j.tittel', 'ilike', term),
      eb(sql<string>`j.journalaar || '/' || j.journalsekvensnummer`, 'like', term),
      f.visibleMatch(JOURNALPOST, 'tittel2', sql.ref('j.tittel2'), term),
      sql<boolean>`(not ${f.skjuler(JOURNALPOST, 'parterEllerKlassering')} and exists (
        select 1 from korrespondansepart p where p.journalpost_id = j.system_id and p.navn ilike ${term}))`,
    ]),
  );
  const [rows, total] = await Promise.all([
    jq.orderBy('j.journaldato', 'desc').orderBy('j.journalaar', 'desc').orderBy('j.journalsekvensnummer', 'desc').limit(limit).execute(),
    jq.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const children = await loadChildrenFor(db, actor, rows.map((r) => r.systemId));
  return { saker, journalposter: { rows: rows as JournalpostRow[], children, total: Number(total.n), limit, offset: 0 } };
}
