import type { Kysely, Updateable } from 'kysely';
import { type Endring, type FordelInput, kanEndre } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { giInterneKopier } from '../ekspedering/kopier';
import { AppError, forbidden, validation } from '../errors/app-error';
import { appendHistorikk } from '../historikk/historikk.repository';
import { erArkiv } from '../policies/predicates';
import { lockForAction, skrivEndringer } from './journalpost.service';
import { skrivMerknadIn } from './merknad';

/**
 * §10.1 / §3.1: pass a journalpost on. The archive and dokumentsenter assign anyone (the
 * journalpost follows the new saksbehandler's unit); a saksbehandler or leader only within
 * the journalpost's unit. Also forfallsdato, skjerming, a merknad and internal kopimottakere.
 */
export async function fordel(db: Kysely<DB>, actor: Actor, id: string, input: FordelInput, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { jp } = await lockForAction(trx, actor, id, 'fordel');
    // Who may change which part in this status (ENDRINGSRETT); every check before the first write.
    const deler: [Endring, boolean][] = [
      ['fordeling', input.saksbehandlerId !== undefined || (input.kopimottakerIds?.length ?? 0) > 0],
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
    const changes: Updateable<DB['journalpost']> = {};
    if (input.saksbehandlerId && input.saksbehandlerId !== jp.saksbehandlerId) {
      const roller = await trx
        .selectFrom('brukerRolle as r')
        .innerJoin('bruker as b', 'b.systemId', 'r.brukerId')
        .select(['r.enhetId'])
        .where('r.brukerId', '=', input.saksbehandlerId)
        .where('b.aktiv', '=', true)
        .execute();
      if (roller.length === 0) throw validation('/saksbehandlerId', 'ukjent eller inaktiv bruker');
      const iEnhet = roller.some((r) => r.enhetId === jp.administrativEnhetId);
      if (!iEnhet && !erArkiv(actor)) throw forbidden('Du kan bare fordele til en saksbehandler i egen enhet');
      changes.saksbehandlerId = input.saksbehandlerId;
      if (!iEnhet) changes.administrativEnhetId = roller[0]!.enhetId;
    }
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
