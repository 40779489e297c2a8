import type { Kysely, Transaction } from 'kysely';
import type { StedfortrederCreate } from '@arkiv/shared';
import { type Actor, effektiveTilganger, loadActorById } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, forbidden, notFound, validation } from '../errors/app-error';
import { appendHistorikk } from '../historikk/historikk.repository';
import { erArkivansvarlig, erLederFor, harRolle } from '../policies/predicates';
import { dagen } from '../tid';


/**
 * §11.3/§12.9: who may name deputies for an absence (the absent user is `lederId`, a leader or,
 * §12.9, a saksbehandler):
 * - the absent user for their own desk (§11.3: "Leder" is responsible; the function sits in the
 *   menu under one's own user name, and §12.9 gives saksbehandlere deputies too);
 * - a leader of a unit the absent user works in (§6: the leader distributes the unit's work);
 * - in acute absence, the systemansvarlig or the arkivleder (ARK), "etter nærmere avtale med
 *   ansvarlig leder" (§11.3). The dokumentsenter is not named and may not.
 */
async function mayAppoint(trx: Transaction<DB>, actor: Actor, fravaerendeId: string): Promise<boolean> {
  if (fravaerendeId === actor.bruker.systemId) return true;
  if (harRolle(actor, 'SYS') || erArkivansvarlig(actor)) return true;
  const enheter = await trx.selectFrom('brukerRolle').select('enhetId').where('brukerId', '=', fravaerendeId).execute();
  return enheter.some((e) => erLederFor(actor, e.enhetId));
}

export async function oppnevnStedfortreder(db: Kysely<DB>, actor: Actor, input: StedfortrederCreate): Promise<string> {
  const lederId = input.lederId ?? actor.bruker.systemId;
  if (input.fraDato > input.tilDato) throw validation('/tilDato', 'tilDato er før fraDato');
  if (input.stedfortrederId === lederId) throw validation('/stedfortrederId', 'ingen kan være sin egen stedfortreder');
  return db.transaction().execute(async (trx) => {
    if (!(await mayAppoint(trx, actor, lederId))) throw forbidden('Bare brukeren selv, lederen, systemansvarlig eller arkivleder kan oppnevne stedfortreder');
    const [fravaerende, deputy] = await Promise.all([
      trx.selectFrom('bruker').select('systemId').where('systemId', '=', lederId).where('aktiv', '=', true).executeTakeFirst(),
      trx.selectFrom('bruker').select('systemId').where('systemId', '=', input.stedfortrederId).where('aktiv', '=', true).executeTakeFirst(),
    ]);
    if (!fravaerende) throw validation('/lederId', 'ukjent eller inaktiv bruker');
    if (!deputy) throw validation('/stedfortrederId', 'ukjent eller inaktiv bruker');
    // The deputy gets at most the codes the absent user holds.
    const lederKoder = await trx.selectFrom('brukerTilgang').select('tilgangskode').where('brukerId', '=', lederId).execute();
    const ukjent = (input.tilgangskoder ?? []).filter((k) => !lederKoder.some((l) => l.tilgangskode === k));
    if (ukjent.length > 0) throw validation('/tilgangskoder', `brukeren har ikke tilgangskode ${ukjent.join(', ')}`);
    const row = await trx
      .insertInto('stedfortreder')
      .values({ lederId, stedfortrederId: input.stedfortrederId, fraDato: input.fraDato, tilDato: input.tilDato, tilgangskoder: [...new Set(input.tilgangskoder ?? [])], opprettetAvId: actor.bruker.systemId })
      .returning('systemId')
      .executeTakeFirstOrThrow();
    await appendHistorikk(trx, actor, {
      handling: 'stedfortreder_oppnevnt',
      objekttype: 'stedfortreder',
      objektId: row.systemId,
      data: { lederId, stedfortrederId: input.stedfortrederId, fraDato: input.fraDato, tilDato: input.tilDato, tilgangskoder: input.tilgangskoder ?? [] },
    });
    return row.systemId;
  });
}

/**
 * §11.3 the leader is back: a running appointment ends today (today is its last day), a
 * future one is deleted. Both by whoever may appoint for the absent user, with historikk in
 * the same transaction; one that is over is history and stays as it was (409).
 */
export async function avsluttStedfortreder(db: Kysely<DB>, actor: Actor, id: string, now = new Date()): Promise<'avsluttet' | 'slettet'> {
  const dag = dagen(now);
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('stedfortreder').selectAll().where('systemId', '=', id).forUpdate().executeTakeFirst();
    if (!row || !(await mayAppoint(trx, actor, row.lederId))) {
      // One who may not end it is not told whether it exists, unless it is their own appointment as deputy.
      if (row && row.stedfortrederId === actor.bruker.systemId) throw forbidden('Bare brukeren selv, lederen, systemansvarlig eller arkivleder kan avslutte stedfortrederen');
      throw notFound('Stedfortrederen');
    }
    const data = { lederId: row.lederId, stedfortrederId: row.stedfortrederId, fraDato: row.fraDato, tilDato: row.tilDato };
    if (row.fraDato > dag) {
      await trx.deleteFrom('stedfortreder').where('systemId', '=', id).execute();
      await appendHistorikk(trx, actor, { handling: 'stedfortreder_slettet', objekttype: 'stedfortreder', objektId: id, data });
      return 'slettet';
    }
    if (row.tilDato < dag) throw new AppError('status_conflict', 'Perioden er over; stedfortrederen er historikk og endres ikke');
    if (row.tilDato === dag) return 'avsluttet';
    await trx.updateTable('stedfortreder').set({ tilDato: dag }).where('systemId', '=', id).execute();
    await appendHistorikk(trx, actor, { handling: 'stedfortreder_avsluttet', objekttype: 'stedfortreder', objektId: id, data: { ...data, tilDato: { fra: row.tilDato, til: dag } } });
    return 'avsluttet';
  });
}

/**
 * The deputy switches to the leader's desk: the leader's roles, the tilgangskoder named in
 * the appointment, and `paaVegneAv` so every act is recorded as done on behalf of the leader.
 */
export async function somStedfortreder(db: Kysely<DB>, actor: Actor, lederId: string, now = new Date()): Promise<Actor> {
  const dag = dagen(now);
  const rows = await db
    .selectFrom('stedfortreder')
    .select('systemId')
    .where('stedfortrederId', '=', actor.bruker.systemId)
    .where('lederId', '=', lederId)
    .where('fraDato', '<=', dag)
    .where('tilDato', '>=', dag)
    .execute();
  if (rows.length === 0) throw forbidden('Du er ikke stedfortreder for denne brukeren i dag');
  const leder = await loadActorById(db, lederId);
  if (!leder) throw forbidden('Du er ikke stedfortreder for denne brukeren i dag');
  return {
    bruker: actor.bruker,
    roller: [...actor.roller, ...leder.roller],
    // The one source of codes, so the policy and the SQL filter see the same ones.
    tilganger: await effektiveTilganger(db, actor.bruker.systemId, { now, paaVegneAv: lederId }),
    paaVegneAv: leder.bruker,
  };
}

export function listStedfortredere(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('stedfortreder as s')
    .innerJoin('bruker as l', 'l.systemId', 's.lederId')
    .innerJoin('bruker as d', 'd.systemId', 's.stedfortrederId')
    .select(['s.systemId', 's.fraDato', 's.tilDato', 's.tilgangskoder', 'l.systemId as lederId', 'l.brukernavn as lederBrukernavn', 'l.navn as lederNavn', 'd.systemId as stedfortrederId', 'd.brukernavn as stedfortrederBrukernavn', 'd.navn as stedfortrederNavn'])
    .where((eb) => eb.or([eb('s.lederId', '=', actor.bruker.systemId), eb('s.stedfortrederId', '=', actor.bruker.systemId)]))
    .orderBy('s.fraDato')
    .execute();
}

/** The leaders whose desk the user may switch to today. */
export function aktiveLedere(db: Kysely<DB>, actor: Actor, now = new Date()) {
  const dag = dagen(now);
  return db
    .selectFrom('stedfortreder as s')
    .innerJoin('bruker as l', 'l.systemId', 's.lederId')
    .select(['l.systemId', 'l.brukernavn', 'l.navn'])
    .distinct()
    .where('s.stedfortrederId', '=', actor.bruker.systemId)
    .where('s.fraDato', '<=', dag)
    .where('s.tilDato', '>=', dag)
    .orderBy('l.navn')
    .execute();
}
