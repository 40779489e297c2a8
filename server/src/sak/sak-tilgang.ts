import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, forbidden, notFound, validation } from '../errors/app-error';
import { appendHistorikk } from '../historikk/historikk.repository';
import { sakPolicy } from '../policies/sak.policy';
import { lockSak } from './sak.repository';

/** §6: the saksansvarlig gives another user access to add journalposter to the sak. */
export async function giTilgang(db: Kysely<DB>, actor: Actor, sakId: string, brukerId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const sak = await lockSak(trx, sakId);
    if (!sak) throw notFound('Saken');
    if (!sakPolicy.giTilgang(actor, sak)) {
      if (sak.saksstatus === 'A' || sak.saksstatus === 'U') throw new AppError('sak_closed', `Saken har status ${sak.saksstatus}`);
      throw forbidden('Bare saksansvarlig gir tilgang til saken');
    }
    const bruker = await trx.selectFrom('bruker').select('systemId').where('systemId', '=', brukerId).where('aktiv', '=', true).executeTakeFirst();
    if (!bruker) throw validation('/brukerId', 'ukjent eller inaktiv bruker');
    if (sak.tilgangBrukerIds.includes(brukerId)) return;
    await trx.insertInto('sakTilgang').values({ sakId, brukerId, gittAvId: actor.bruker.systemId }).execute();
    await appendHistorikk(trx, actor, { handling: 'sak_tilgang_gitt', objekttype: 'sak', objektId: sakId, sakId, data: { brukerId } });
  });
}
