import { type Kysely, sql } from 'kysely';
import { formatRegistreringsId } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { forbidden, validation } from '../errors/app-error';
import { erArkiv, erLederFor, erMeg, pultEier } from '../policies/predicates';
import { JOURNALPOST, skjermingFilter } from '../policies/skjerming.sql';
import { restanser } from './restanse.sql';

export interface RestanseKriterier {
  enhetId?: string;
  saksbehandlerId?: string;
  /** Period on journaldato, YYYY-MM-DD. */
  fra?: string;
  til?: string;
}

const NOEKKEL = 'restanserapport';

/**
 * §11.1 Restanserapport for a leader's unit, or per saksbehandler, over a period. Without
 * criteria the user's last ones are used; given criteria are remembered.
 */
export async function restanserapport(db: Kysely<DB>, actor: Actor, input: RestanseKriterier, idag: string) {
  const eier = pultEier(actor);
  let k: RestanseKriterier = input;
  if (Object.keys(input).length === 0) {
    const lagret = await db.selectFrom('brukerinnstilling').select('verdi').where('brukerId', '=', eier).where('noekkel', '=', NOEKKEL).executeTakeFirst();
    k = (lagret?.verdi as RestanseKriterier | undefined) ?? {};
  }
  if (k.fra && k.til && k.fra > k.til) throw validation('/til', 'til er før fra');
  if (!k.enhetId && !k.saksbehandlerId) {
    const ledet = actor.roller.find((r) => r.rolle === 'LED');
    k = ledet ? { ...k, enhetId: ledet.enhetId } : { ...k, saksbehandlerId: eier };
  }
  if (k.enhetId && !erLederFor(actor, k.enhetId) && !erArkiv(actor)) throw forbidden('Restanserapport for en enhet er for enhetens leder');
  if (k.saksbehandlerId && !erMeg(actor, k.saksbehandlerId) && !erArkiv(actor)) {
    const enheter = await db.selectFrom('brukerRolle').select('enhetId').where('brukerId', '=', k.saksbehandlerId).execute();
    if (!enheter.some((e) => erLederFor(actor, e.enhetId))) throw forbidden('Du kan bare se restanser for deg selv eller din enhet');
  }
  // Remembered only when they change: a report read again with the same criteria writes nothing.
  const verdi = JSON.stringify(k);
  await db
    .insertInto('brukerinnstilling')
    .columns(['brukerId', 'noekkel', 'verdi'])
    .expression(
      db
        .selectNoFrom([sql<string>`${eier}::uuid`.as('brukerId'), sql<string>`${NOEKKEL}`.as('noekkel'), sql<string>`${verdi}::jsonb`.as('verdi')])
        .where(sql<boolean>`not exists (select 1 from brukerinnstilling where bruker_id = ${eier} and noekkel = ${NOEKKEL} and verdi = ${verdi}::jsonb)`),
    )
    .onConflict((oc) => oc.columns(['brukerId', 'noekkel']).doUpdateSet({ verdi, oppdatertDato: new Date() }))
    .execute();

  const f = skjermingFilter(actor);
  // The baskets' definition (restanse.sql.ts): one row per restanse and who follows it up.
  // §11.1: the unit's restanser are those of the saksbehandlere within the unit.
  const ansvarlige = k.saksbehandlerId ?? sql<string[]>`array(select bruker_id from bruker_rolle where enhet_id = ${k.enhetId!})`;
  let q = restanser(db, ansvarlige)
    .innerJoin('bruker as b', 'b.systemId', 'j.ansvarligId')
    // Through the one skjerming filter, as every journalpost list: listed, line 2 redacted.
    .select([f.tittel(JOURNALPOST, 'j', 'tittel2').as('tittel2'), f.skjultNivaa(JOURNALPOST).as('skjultNivaa'), f.tittel(JOURNALPOST, 'j').as('tittel')])
    .select(['j.systemId', 'j.journalposttype', 'j.forfallsdato', 'j.journaldato', 'j.dokumentnummer', 's.saksaar', 's.sakssekvensnummer', 'b.systemId as sbId', 'b.brukernavn', 'b.navn']);
  // Both given: the saksbehandler's restanser within the unit.
  if (k.enhetId && k.saksbehandlerId) q = q.where('j.ansvarligId', 'in', db.selectFrom('brukerRolle').select('brukerId').where('enhetId', '=', k.enhetId));
  if (k.fra) q = q.where('j.journaldato', '>=', k.fra);
  if (k.til) q = q.where('j.journaldato', '<=', k.til);
  const rows = await q.orderBy('j.forfallsdato').orderBy('j.journaldato').limit(1000).execute();
  const forfalt = (f: string | null) => f !== null && f < idag;
  const per = new Map<string, { saksbehandler: { systemId: string; brukernavn: string; navn: string }; antall: number; forfalt: number }>();
  for (const r of rows) {
    const p = per.get(r.sbId) ?? { saksbehandler: { systemId: r.sbId, brukernavn: r.brukernavn, navn: r.navn }, antall: 0, forfalt: 0 };
    p.antall++;
    if (forfalt(r.forfallsdato)) p.forfalt++;
    per.set(r.sbId, p);
  }
  return {
    kriterier: k,
    perSaksbehandler: [...per.values()].sort((a, b) => b.antall - a.antall),
    journalposter: rows.map((r) => ({
      systemId: r.systemId,
      registreringsId: formatRegistreringsId(r.saksaar, r.sakssekvensnummer, r.dokumentnummer),
      tittel: r.tittel,
      tittel2: r.tittel2,
      skjultNivaa: r.skjultNivaa,
      journalposttype: r.journalposttype,
      journaldato: r.journaldato,
      forfallsdato: r.forfallsdato,
      forfalt: forfalt(r.forfallsdato),
      saksbehandlerId: r.sbId,
    })),
  };
}
