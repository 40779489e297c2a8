import type { Kysely } from 'kysely';
import type { Journalstatus } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, validation } from '../errors/app-error';
import { journalfoer } from '../journalpost/journalpost.service';
import { kreverArkiv } from './arkivbord.repository';

/**
 * Journalføre a selection (§5): each journalpost in its own transaction, so one refused record
 * (locked, removed, not the archive's to take) leaves the others journalført, and the answer
 * says per record what happened. Ids that name no journalpost are refused as bad input. Informal merknader go with each, as on one.
 */
export async function journalfoerMange(db: Kysely<DB>, actor: Actor, ids: readonly string[]) {
  kreverArkiv(actor);
  // An id that names no journalpost at all is bad input, refused before anything is done.
  const finnes = new Set((await db.selectFrom('journalpost').select('systemId').where('systemId', 'in', ids).execute()).map((r) => r.systemId));
  const ukjente = ids.filter((id) => !finnes.has(id));
  if (ukjente.length > 0) throw validation('/journalpostIds', `ukjent journalpost: ${ukjente.join(', ')}`);
  const resultater: { journalpostId: string; journalstatus?: Journalstatus; problem?: { code: string; detail: string } }[] = [];
  for (const id of ids) {
    try {
      await journalfoer(db, actor, id);
      resultater.push({ journalpostId: id, journalstatus: 'J' });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      resultater.push({ journalpostId: id, problem: { code: e.code, detail: e.message } });
    }
  }
  return { resultater };
}
