import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, forbidden, notFound, validation } from '../errors/app-error';
import { appendHistorikk } from '../historikk/historikk.repository';
import { sakPolicy } from '../policies/sak.policy';
import { lockSak } from './sak.repository';

/**
 * §6 (and §10.4, §10.5, §10.8: "Dersom du ikke får tilgang til å opprette nye journalposter i
 * saken, kontakter du saksansvarlig"): the saksansvarlig gives another user access to add
 * journalposter to the sak, and takes it back. Who may is `sakPolicy.giTilgang`.
 */
async function endreTilgang(db: Kysely<DB>, actor: Actor, sakId: string, brukerId: string, gi: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const sak = await lockSak(trx, sakId);
    if (!sak) throw notFound('Saken');
    if (!sakPolicy.giTilgang(actor, sak)) {
      if (sak.saksstatus === 'A' || sak.saksstatus === 'U') throw new AppError('sak_closed', `Saken har status ${sak.saksstatus}`);
      throw forbidden('Bare saksansvarlig (eller arkivet) gir og fjerner tilgang til saken');
    }
    const har = sak.tilgangBrukerIds.includes(brukerId);
    if (gi) {
      const bruker = await trx.selectFrom('bruker').select('systemId').where('systemId', '=', brukerId).where('aktiv', '=', true).executeTakeFirst();
      if (!bruker) throw validation('/brukerId', 'ukjent eller inaktiv bruker');
      if (har) return;
      await trx.insertInto('sakTilgang').values({ sakId, brukerId, gittAvId: actor.bruker.systemId }).execute();
    } else {
      if (!har) throw notFound('Tilgangen');
      await trx.deleteFrom('sakTilgang').where('sakId', '=', sakId).where('brukerId', '=', brukerId).execute();
    }
    await appendHistorikk(trx, actor, { handling: gi ? 'sak_tilgang_gitt' : 'sak_tilgang_fjernet', objekttype: 'sak', objektId: sakId, sakId, data: { brukerId } });
  });
}

export const giTilgang = (db: Kysely<DB>, actor: Actor, sakId: string, brukerId: string) => endreTilgang(db, actor, sakId, brukerId, true);
export const fjernTilgang = (db: Kysely<DB>, actor: Actor, sakId: string, brukerId: string) => endreTilgang(db, actor, sakId, brukerId, false);

/** Who has been given access, and by whom: shown on the sak so the saksansvarlig can take it back. */
export function listTilganger(db: Kysely<DB>, sakId: string) {
  return db
    .selectFrom('sakTilgang as t')
    .innerJoin('bruker as b', 'b.systemId', 't.brukerId')
    .innerJoin('bruker as g', 'g.systemId', 't.gittAvId')
    .select(['b.systemId', 'b.brukernavn', 'b.navn', 'g.systemId as gittAvId', 'g.brukernavn as gittAvBrukernavn', 'g.navn as gittAvNavn', 't.opprettetDato'])
    .where('t.sakId', '=', sakId)
    .orderBy('b.navn')
    .execute();
}
