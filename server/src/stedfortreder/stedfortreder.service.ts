import type { Kysely } from 'kysely';
import type { StedfortrederCreate } from '@arkiv/shared';
import { type Actor, effektiveTilganger, loadActorById } from '../auth/actor';
import type { DB } from '../db/schema';
import { forbidden, validation } from '../errors/app-error';
import { appendHistorikk } from '../historikk/historikk.repository';
import { erArkiv, harRolle } from '../policies/predicates';

const today = (now: Date) => now.toISOString().slice(0, 10);

/**
 * §11.3/§12.9: a leader names deputies for a date range, with the tilgangskoder they get;
 * in acute absence the archive does it for the leader.
 */
export async function oppnevnStedfortreder(db: Kysely<DB>, actor: Actor, input: StedfortrederCreate): Promise<string> {
  const lederId = input.lederId ?? actor.bruker.systemId;
  if (lederId !== actor.bruker.systemId && !erArkiv(actor)) throw forbidden('Bare lederen selv eller arkivet kan oppnevne stedfortreder');
  if (lederId === actor.bruker.systemId && !harRolle(actor, 'LED') && !erArkiv(actor)) throw forbidden('Bare ledere har stedfortredere');
  if (input.fraDato > input.tilDato) throw validation('/tilDato', 'tilDato er før fraDato');
  if (input.stedfortrederId === lederId) throw validation('/stedfortrederId', 'en leder kan ikke være sin egen stedfortreder');
  return db.transaction().execute(async (trx) => {
    const [leder, deputy] = await Promise.all([
      trx.selectFrom('brukerRolle').select('brukerId').where('brukerId', '=', lederId).where('rolle', '=', 'LED').executeTakeFirst(),
      trx.selectFrom('bruker').select('systemId').where('systemId', '=', input.stedfortrederId).where('aktiv', '=', true).executeTakeFirst(),
    ]);
    if (!leder) throw validation('/lederId', 'brukeren er ikke leder');
    if (!deputy) throw validation('/stedfortrederId', 'ukjent eller inaktiv bruker');
    // The deputy gets at most the codes the leader holds.
    const lederKoder = await trx.selectFrom('brukerTilgang').select('tilgangskode').where('brukerId', '=', lederId).execute();
    const ukjent = (input.tilgangskoder ?? []).filter((k) => !lederKoder.some((l) => l.tilgangskode === k));
    if (ukjent.length > 0) throw validation('/tilgangskoder', `lederen har ikke tilgangskode ${ukjent.join(', ')}`);
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
 * The deputy switches to the leader's desk: the leader's roles, the tilgangskoder named in
 * the appointment, and `paaVegneAv` so every act is recorded as done on behalf of the leader.
 */
export async function somStedfortreder(db: Kysely<DB>, actor: Actor, lederId: string, now = new Date()): Promise<Actor> {
  const dag = today(now);
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
  const dag = today(now);
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
