import { type Kysely, sql, type Transaction } from 'kysely';
import { formatSaksnummer, type SakCreate, type SakUpdate } from '@arkiv/shared';
import { type Actor, hovedenhet } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, forbidden, notFound, validation } from '../errors/app-error';
import { appendHistorikk, diff } from '../historikk/historikk.repository';
import { foreloepigNummer, tildelSaksnummer } from '../nummerserie/nummerserie.repository';
import { erArkiv } from '../policies/predicates';
import { sakPolicy } from '../policies/sak.policy';
import { kontrollerVersjon } from '../errors/versjon';
import { lockSak } from './sak.repository';
import { aaret, dagen } from '../tid';


async function defaultArkivdel(db: Kysely<DB>): Promise<string> {
  const row = await db
    .selectFrom('arkivdel')
    .select('systemId')
    .where('arkivdelstatus', '=', 'Aktiv periode')
    .orderBy('opprettetDato')
    .executeTakeFirst();
  if (!row) throw new AppError('unprocessable', 'Arkivet har ingen aktiv arkivdel å opprette saken i');
  return row.systemId;
}

/** Creates a sak (saksmappe) with the next saksnummer of the year. Returns its id. */
export async function createSak(db: Kysely<DB>, actor: Actor, input: SakCreate, now = new Date()): Promise<string> {
  return db.transaction().execute((trx) => createSakIn(trx, actor, input, now));
}

/** The same, inside a caller's transaction (mail import into a new sak is all-or-nothing). */
export async function createSakIn(trx: Transaction<DB>, actor: Actor, input: SakCreate, now = new Date()): Promise<string> {
  const enhetId = input.administrativEnhetId ?? hovedenhet(actor);
  if (!enhetId) throw forbidden('Du har ingen rolle i noen administrativ enhet');
  const saksansvarligId = input.saksansvarligId ?? actor.bruker.systemId;

  const [enhet, ansvarlig] = await Promise.all([
    trx.selectFrom('administrativEnhet').select('systemId').where('systemId', '=', enhetId).executeTakeFirst(),
    trx.selectFrom('bruker').select('systemId').where('systemId', '=', saksansvarligId).where('aktiv', '=', true).executeTakeFirst(),
  ]);
  if (!enhet) throw validation('/administrativEnhetId', 'ukjent administrativ enhet');
  if (!ansvarlig) throw validation('/saksansvarligId', 'ukjent eller inaktiv bruker');
  if (input.klasseId) {
    const klasse = await trx.selectFrom('klasse').select('systemId').where('systemId', '=', input.klasseId).executeTakeFirst();
    if (!klasse) throw validation('/klasseId', 'ukjent klasse');
  }
  const creatingForOthers = saksansvarligId !== actor.bruker.systemId || !actor.roller.some((r) => r.enhetId === enhetId);
  if (creatingForOthers && !erArkiv(actor) && !actor.roller.some((r) => r.rolle === 'LED' && r.enhetId === enhetId)) {
    throw forbidden('Bare arkivet eller enhetens leder kan opprette saker for andre eller andre enheter');
  }

  const arkivdelId = input.arkivdelId ?? (await defaultArkivdel(trx));
  const saksaar = aaret(now);
  // The saksnummer is taken last (tildelSaksnummer), just before commit; until then a provisional one.
  const sak = await trx
    .insertInto('sak')
    .values({
      arkivdelId,
      saksaar,
      sakssekvensnummer: foreloepigNummer(),
      mappeId: sql<string>`'foreløpig/' || gen_random_uuid()`,
      tittel: input.tittel.trim(),
      tittel2: input.tittel2?.trim() || null,
      beskrivelse: input.beskrivelse ?? null,
      sakstype: input.sakstype,
      // A sak created by the archive is checked at once (B); a saksbehandler's starts reserved (R).
      saksstatus: erArkiv(actor) ? 'B' : 'R',
      saksdato: dagen(now),
      saksansvarligId,
      administrativEnhetId: enhetId,
      klasseId: input.klasseId ?? null,
      noekkelord: input.noekkelord ?? [],
      tilgangskode: input.skjerming?.tilgangskode ?? null,
      skjermingsnivaa: input.skjerming?.skjermingsnivaa ?? null,
      skjermingshjemmel: input.skjerming?.skjermingshjemmel ?? null,
      noarkTillegg: '{}',
      opprettetDato: now,
      opprettetAvId: actor.bruker.systemId,
      oppdatertDato: now,
    })
    .returning(['systemId'])
    .executeTakeFirstOrThrow();
  await appendHistorikk(trx, actor, {
    handling: 'sak_opprettet',
    objekttype: 'sak',
    objektId: sak.systemId,
    sakId: sak.systemId,
    data: { saksnummer: null, tittel: input.tittel, sakstype: input.sakstype, skjerming: input.skjerming ?? null },
  });
  // Last: the series row stays locked from here to the commit (one statement, no more).
  await tildelSaksnummer(trx, sak.systemId, saksaar);
  return sak.systemId;
}

/** Edits a sak's registration data (lock → authorize → version read (412) → write → historikk). */
export async function updateSak(db: Kysely<DB>, actor: Actor, id: string, input: SakUpdate, now = new Date(), versjon?: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const sak = await lockSak(trx, id);
    if (!sak) throw notFound('Saken');
    if (!sakPolicy.update(actor, sak)) {
      if (sak.saksstatus === 'A' || sak.saksstatus === 'U') throw new AppError('sak_closed', `Saken har status ${sak.saksstatus}`);
      throw forbidden('Du kan ikke endre denne saken');
    }
    kontrollerVersjon('Saken', sak.versjon, versjon);
    if (input.klasseId) {
      const klasse = await trx.selectFrom('klasse').select('systemId').where('systemId', '=', input.klasseId).executeTakeFirst();
      if (!klasse) throw validation('/klasseId', 'ukjent klasse');
    }
    const { skjerming, ...fields } = input;
    const changes = {
      ...fields,
      ...(fields.tittel !== undefined ? { tittel: fields.tittel.trim() } : {}),
      ...(skjerming !== undefined
        ? {
            tilgangskode: skjerming?.tilgangskode ?? null,
            skjermingsnivaa: skjerming?.skjermingsnivaa ?? null,
            skjermingshjemmel: skjerming?.skjermingshjemmel ?? null,
          }
        : {}),
    };
    const changed = diff(sak as unknown as Record<string, unknown>, changes);
    if (Object.keys(changed).length === 0) return;
    await trx
      .updateTable('sak')
      .set({ ...changes, oppdatertDato: now })
      .where('systemId', '=', id)
      .execute();
    await appendHistorikk(trx, actor, {
      handling: skjerming !== undefined && Object.keys(changed).every((k) => k.startsWith('skjerming') || k === 'tilgangskode') ? 'sak_skjerming_endret' : 'sak_endret',
      objekttype: 'sak',
      objektId: id,
      sakId: id,
      data: changed,
    });
  });
}
