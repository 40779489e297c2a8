import { type Kysely, sql } from 'kysely';
import { formatRegistreringsId, type Saksstatus } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors/app-error';
import { appendHistorikk } from '../historikk/historikk.repository';
import { gjeldendeJournalposter } from '../journalpost/journalpost.repository';
import { erArkiv } from '../policies/predicates';
import { tittelMedSkjermedeOrd } from '../policies/skjerming.sql';
import { sakPolicy } from '../policies/sak.policy';
import { restanseSql } from '../restanse/restanse.sql';
import { kontrollerVersjon } from '../errors/versjon';
import { lockSak } from './sak.repository';

export type SakStatusHandling = 'kontroller' | 'avslutt' | 'gjenaapne' | 'utgaar' | 'ingen_oppfoelging';

const TIL: Record<SakStatusHandling, Saksstatus> = { kontroller: 'B', avslutt: 'A', gjenaapne: 'B', utgaar: 'U', ingen_oppfoelging: 'X' };

/** What stops a sak from being closed (§5): journalposter with restanse or not yet journalført. */
export async function blokkerendeJournalposter(db: Kysely<DB>, sakId: string) {
  const rows = await db
    .selectFrom(gjeldendeJournalposter(db).as('j'))
    .innerJoin('sak as s', 's.systemId', 'j.sakId')
    .select(['j.systemId', 'j.dokumentnummer', tittelMedSkjermedeOrd('j').as('tittel'), 'j.journalstatus', 's.saksaar', 's.sakssekvensnummer', restanseSql.as('restanse')])
    .where('j.sakId', '=', sakId)
    .where((eb) => eb.or([eb('j.journalstatus', 'not in', ['J', 'A']), eb(restanseSql, '=', sql<boolean>`true`)]))
    .orderBy('j.dokumentnummer')
    .execute();
  return rows.map((r) => ({
    systemId: r.systemId,
    registreringsId: formatRegistreringsId(r.saksaar, r.sakssekvensnummer, r.dokumentnummer),
    tittel: r.tittel,
    journalstatus: r.journalstatus,
    grunner: [...(r.restanse ? ['restanse'] : []), ...(r.journalstatus === 'J' || r.journalstatus === 'A' ? [] : ['ikke_journalfoert'])],
  }));
}

/**
 * The archive's steps on a sak (§5, §12.8): kontroller R → B; avslutt → A (refused while any
 * journalpost blocks, and the refusal lists them); gjenåpne A/U → B; utgår → U with "UTGÅR"
 * in the title; ingen oppfølging R/B → X (the sak is kept but not followed up: it leaves
 * Mine saker, and gjenåpne takes it back to B). Lock → authorize → transition → conditional write → historikk.
 */
export async function endreSaksstatus(db: Kysely<DB>, actor: Actor, id: string, handling: SakStatusHandling, now = new Date(), versjon?: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const sak = await lockSak(trx, id);
    if (!sak) throw notFound('Saken');
    if (!sakPolicy[handling](actor, sak)) {
      const rolleOk = handling === 'avslutt' || handling === 'gjenaapne' ? actor.roller.some((r) => r.rolle === 'ARK') : erArkiv(actor);
      if (!rolleOk) throw forbidden('Bare arkivet kan endre saksstatus');
      throw new AppError('status_conflict', `Kan ikke ${handling} en sak med status ${sak.saksstatus}`, { saksstatus: sak.saksstatus });
    }
    kontrollerVersjon('Saken', sak.versjon, versjon);
    if (handling === 'avslutt') {
      const blokkerende = await blokkerendeJournalposter(trx, id);
      if (blokkerende.length > 0) {
        throw new AppError('sak_not_closable', `Saken har ${blokkerende.length} journalpost(er) med restanse eller som ikke er journalført`, { blokkerende });
      }
    }
    const til = TIL[handling];
    const tittel = handling === 'utgaar' && !/^UTGÅR\b/.test(sak.tittel) ? `UTGÅR - ${sak.tittel}` : sak.tittel;
    const res = await trx
      .updateTable('sak')
      .set({
        saksstatus: til,
        tittel,
        oppdatertDato: now,
        ...(til === 'A' ? { avsluttetDato: now, avsluttetAvId: actor.bruker.systemId } : { avsluttetDato: null, avsluttetAvId: null }),
      })
      .where('systemId', '=', id)
      .where('saksstatus', '=', sak.saksstatus)
      .executeTakeFirst();
    if (res.numUpdatedRows === 0n) throw new AppError('concurrent_update');
    await appendHistorikk(trx, actor, {
      handling: 'sak_status_endret',
      objekttype: 'sak',
      objektId: id,
      sakId: id,
      data: { saksstatus: { fra: sak.saksstatus, til }, handling, ...(tittel !== sak.tittel ? { tittel: { fra: sak.tittel, til: tittel } } : {}) },
    });
  });
}

/** Siste saksmapper: remember that the user opened the sak. */
export async function merkSakBrukt(db: Kysely<DB>, brukerId: string, sakId: string): Promise<void> {
  await db
    .insertInto('sistBruktSak')
    .values({ brukerId, sakId, tidspunkt: new Date() })
    .onConflict((oc) => oc.columns(['brukerId', 'sakId']).doUpdateSet({ tidspunkt: new Date() }))
    .execute();
}
