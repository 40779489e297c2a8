import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors/app-error';
import { kontrollerVersjon } from '../errors/versjon';
import { appendHistorikk } from '../historikk/historikk.repository';
import { journalpostSkjultNivaa } from '../journalpost/journalpost.presenter';
import { findJournalpost } from '../journalpost/journalpost.repository';
import { lockForAction } from '../journalpost/journalpost.service';
import { sakPolicy } from '../policies/sak.policy';
import { lockSak } from './sak.repository';
import { kontrollerSkjermedeOrd } from './skjermede-ord-kontroll';

/** The same words, in whatever order. */
const samme = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Sets a journalpost's screened words (docs/skjerming.md § Screened words): whoever may change its skjerming and sees its title whole (also when it is locked: skjerming may change in every status, as setJournalpostSkjerming). */
export async function setJournalpostSkjermedeOrd(db: Kysely<DB>, actor: Actor, id: string, ord: readonly string[], versjon?: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { jp } = await lockForAction(trx, actor, id, 'endre_skjerming', { versjon });
    // The list is chosen among the title's words: only one who sees them all may replace it.
    const gradert = await findJournalpost(trx, id);
    if (!gradert || journalpostSkjultNivaa(actor, gradert) !== 0) throw forbidden('Bare den som ser hele journalpostens tittel kan skjerme ord i den');
    const sak = await trx.selectFrom('sak').select('tilgangskode').where('systemId', '=', jp.sakId).executeTakeFirstOrThrow();
    const nye = kontrollerSkjermedeOrd(ord, jp.tittel, jp.tittel2, jp.tilgangskode !== null || sak.tilgangskode !== null);
    if (samme(nye, jp.skjermedeOrd)) return;
    await trx.updateTable('journalpost').set({ skjermedeOrd: nye, oppdatertDato: new Date() }).where('systemId', '=', id).execute();
    await appendHistorikk(trx, actor, {
      handling: 'journalpost_skjerming_endret',
      objekttype: 'journalpost',
      objektId: id,
      sakId: jp.sakId,
      journalpostId: id,
      data: { skjermedeOrd: { fra: jp.skjermedeOrd, til: nye } },
    });
  });
}

/** Sets a sak's screened words: whoever may edit the sak, while it is open, and sees its title whole (sakPolicy.skjermOrd). */
export async function setSakSkjermedeOrd(db: Kysely<DB>, actor: Actor, id: string, ord: readonly string[], versjon?: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const sak = await lockSak(trx, id);
    if (!sak) throw notFound('Saken');
    if (!sakPolicy.skjermOrd(actor, sak)) {
      if (sak.saksstatus === 'A' || sak.saksstatus === 'U') throw new AppError('sak_closed', `Saken har status ${sak.saksstatus}`);
      throw forbidden(sakPolicy.update(actor, sak) ? 'Bare den som ser hele sakens tittel kan skjerme ord i den' : 'Du kan ikke endre denne saken');
    }
    kontrollerVersjon('Saken', sak.versjon, versjon);
    const nye = kontrollerSkjermedeOrd(ord, sak.tittel, sak.tittel2, sak.tilgangskode !== null);
    if (samme(nye, sak.skjermedeOrd)) return;
    await trx.updateTable('sak').set({ skjermedeOrd: nye, oppdatertDato: new Date() }).where('systemId', '=', id).execute();
    await appendHistorikk(trx, actor, { handling: 'sak_skjerming_endret', objekttype: 'sak', objektId: id, sakId: id, data: { skjermedeOrd: { fra: sak.skjermedeOrd, til: nye } } });
  });
}
