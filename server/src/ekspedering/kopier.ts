import type { Transaction } from 'kysely';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { sendOppgave } from '../oppgave/oppgave.service';

/**
 * §10.4/§10.7: internal kopimottakere (IK with a bruker) get the journalpost in *Kopier*
 * when it is ferdigstilt or expedited. Idempotent: nobody gets the same copy twice.
 */
export async function giInterneKopier(trx: Transaction<DB>, actor: Actor, journalpostId: string, sakId: string): Promise<string[]> {
  const ik = await trx
    .selectFrom('korrespondansepart as k')
    .select('k.brukerId')
    .where('k.journalpostId', '=', journalpostId)
    .where('k.korrespondanseparttype', '=', 'IK')
    .where('k.brukerId', 'is not', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('oppgave as o').select('o.systemId').where('o.journalpostId', '=', journalpostId).where('o.oppgavetype', '=', 'INTERN_KOPI').whereRef('o.mottakerId', '=', 'k.brukerId'),
        ),
      ),
    )
    .execute();
  const ids = [...new Set(ik.map((r) => r.brukerId!))];
  if (ids.length === 0) return [];
  return sendOppgave(trx, actor, { oppgavetype: 'INTERN_KOPI', mottakerIds: ids, journalpostId, sakId });
}
