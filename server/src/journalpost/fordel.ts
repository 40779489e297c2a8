import type { Kysely, Transaction, Updateable } from 'kysely';
import { type Endring, type FordelInput, kanEndre } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { giInterneKopier } from '../ekspedering/kopier';
import { AppError, forbidden, validation } from '../errors/app-error';
import { finnEnhetMedLeder, saksbehandlersEnhet } from '../enhet/enhet.repository';
import { appendHistorikk } from '../historikk/historikk.repository';
import { erArkiv } from '../policies/predicates';
import { lockForAction, skrivEndringer } from './journalpost.service';
import { skrivMerknadIn } from './merknad';

/**
 * §10.1 / §3.1: pass a journalpost on. The archive and dokumentsenter assign anyone (the
 * journalpost follows the new saksbehandler's unit), or a unit (its leader gets it for
 * saksfordeling, §6, and the journalpost is that unit's); a saksbehandler or leader only within
 * the journalpost's unit. Also forfallsdato, skjerming, a merknad and internal kopimottakere.
 */
export async function fordel(db: Kysely<DB>, actor: Actor, id: string, input: FordelInput, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { jp } = await lockForAction(trx, actor, id, 'fordel');
    // Who may change which part in this status (ENDRINGSRETT); every check before the first write.
    const deler: [Endring, boolean][] = [
      ['fordeling', input.saksbehandlerId !== undefined || input.administrativEnhetId !== undefined || (input.kopimottakerIds?.length ?? 0) > 0],
      ['forfallsdato', input.forfallsdato !== undefined],
      ['skjerming', input.skjerming !== undefined],
      ['merknad', input.merknad !== undefined],
    ];
    const laast = deler.filter(([endring, med]) => med && !kanEndre(endring, jp.journalstatus, erArkiv(actor))).map(([endring]) => endring);
    if (laast.length > 0) {
      throw new AppError('journalpost_locked', `Journalposten har status ${jp.journalstatus}: ${laast.join(', ')} endres nå bare av arkivet (send Beskjed til dokumentsenteret, §10.1)`, {
        journalstatus: jp.journalstatus,
      });
    }
    const changes: Updateable<DB['journalpost']> = { ...(await mottaker(trx, actor, jp, input)) };
    if (input.forfallsdato !== undefined) changes.forfallsdato = input.forfallsdato;
    if (input.skjerming !== undefined) {
      changes.tilgangskode = input.skjerming?.tilgangskode ?? null;
      changes.skjermingsnivaa = input.skjerming?.skjermingsnivaa ?? null;
      changes.skjermingshjemmel = input.skjerming?.skjermingshjemmel ?? null;
    }
    const changed = await skrivEndringer(trx, jp, changes, now);
    // An informal note: its own historikk entry, without its text (merknad.ts).
    if (input.merknad) await skrivMerknadIn(trx, actor, jp, 'UFORMELL', input.merknad);
    if (input.kopimottakerIds?.length) {
      const brukere = await trx.selectFrom('bruker').select(['systemId', 'navn']).where('systemId', 'in', input.kopimottakerIds).where('aktiv', '=', true).execute();
      if (brukere.length !== new Set(input.kopimottakerIds).size) throw validation('/kopimottakerIds', 'ukjent eller inaktiv bruker');
      const har = await trx.selectFrom('korrespondansepart').select(['brukerId', 'rekkefolge']).where('journalpostId', '=', id).execute();
      let rekkefolge = Math.max(0, ...har.map((h) => h.rekkefolge));
      const nye = brukere.filter((b) => !har.some((h) => h.brukerId === b.systemId));
      if (nye.length > 0) {
        await trx.insertInto('korrespondansepart').values(nye.map((b) => ({ journalpostId: id, korrespondanseparttype: 'IK' as const, rekkefolge: ++rekkefolge, navn: b.navn, brukerId: b.systemId }))).execute();
        changed.kopimottakere = { fra: null, til: nye.map((b) => b.navn) };
      }
      // Already ferdigstilt or expedited: the copy goes out now.
      if (jp.journalstatus !== 'R' && jp.journalstatus !== 'S') await giInterneKopier(trx, actor, id, jp.sakId);
    }
    if (Object.keys(changed).length === 0) return;
    await appendHistorikk(trx, actor, { handling: 'journalpost_fordelt', objekttype: 'journalpost', objektId: id, sakId: jp.sakId, journalpostId: id, data: changed });
  });
}

/**
 * Who gets the journalpost and in which unit: the unit named (its leader, or the saksbehandler
 * named, who must work there), else the saksbehandler's unit (the journalpost's own or its sak's
 * when they work there, see saksbehandlersEnhet). Moving it to another unit is the archive's.
 */
async function mottaker(
  trx: Transaction<DB>,
  actor: Actor,
  jp: { saksbehandlerId: string; administrativEnhetId: string; sakEnhetId: string },
  input: Pick<FordelInput, 'saksbehandlerId' | 'administrativEnhetId'>,
): Promise<Pick<Updateable<DB['journalpost']>, 'saksbehandlerId' | 'administrativEnhetId'>> {
  let saksbehandlerId = input.saksbehandlerId;
  const valgt = input.administrativEnhetId;
  if (valgt) {
    const enhet = await finnEnhetMedLeder(trx, valgt);
    if (!enhet) throw validation('/administrativEnhetId', 'ukjent eller inaktiv enhet');
    saksbehandlerId ??= enhet.lederId ?? undefined;
    if (!saksbehandlerId) throw validation('/administrativEnhetId', 'enheten har ingen leder å fordele til; velg en saksbehandler');
  } else if (!saksbehandlerId || saksbehandlerId === jp.saksbehandlerId) {
    return {};
  }
  const enhetId = await saksbehandlersEnhet(trx, saksbehandlerId, valgt ? [valgt] : [jp.administrativEnhetId, jp.sakEnhetId]);
  if (!enhetId) throw validation('/saksbehandlerId', 'ukjent eller inaktiv bruker');
  if (valgt && enhetId !== valgt) throw validation('/saksbehandlerId', 'saksbehandleren arbeider ikke i enheten');
  if (enhetId !== jp.administrativEnhetId && !erArkiv(actor)) throw forbidden('Du kan bare fordele til en saksbehandler i egen enhet');
  return { saksbehandlerId, administrativEnhetId: enhetId };
}
