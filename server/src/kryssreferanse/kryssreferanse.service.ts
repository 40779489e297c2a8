import type { Kysely, Transaction } from 'kysely';
import type { KryssreferanseCreate, KryssreferanseListeT } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors/app-error';
import { appendHistorikk } from '../historikk/historikk.repository';
import { journalpostFinnes } from '../journalpost/journalpost.presenter';
import { findJournalpost } from '../journalpost/journalpost.repository';
import { forPolicy, lockForAction } from '../journalpost/journalpost.service';
import { journalpostKilde, type KildeForPolicy, kryssreferansePolicy, sakKilde } from '../policies/kryssreferanse.policy';
import { findSak, lockSak } from '../sak/sak.repository';
import { presentKryssreferanser } from './kryssreferanse.presenter';
import {
  deleteKryssreferanse,
  type Ende,
  ender,
  findPar,
  finnes,
  insertKryssreferanse,
  listForEnde,
  loadEnder,
  lockKryssreferanse,
  nummerFor,
} from './kryssreferanse.repository';

const hva = (e: Ende) => (e.type === 'sak' ? 'Saken' : 'Journalposten');

/**
 * Step one of a kryssreferanse mutation: lock the referring record (404), authorize on it
 * (403), then what its status allows (409). Returns where the historikk entry belongs.
 */
async function lockKilde(trx: Transaction<DB>, actor: Actor, kilde: Ende, handling: 'opprett' | 'fjern'): Promise<{ sakId: string; journalpostId: string | null }> {
  if (kilde.type === 'journalpost') {
    const { jp } = await lockForAction(trx, actor, kilde.id, handling === 'opprett' ? 'legg_til_kryssreferanse' : 'fjern_kryssreferanse');
    if (handling === 'fjern' && !kryssreferansePolicy.fjern(actor, { type: 'journalpost', jp: forPolicy(jp) })) {
      throw new AppError('journalpost_locked', `Journalposten har status ${jp.journalstatus}; bare arkivet fjerner kryssreferanser fra en journalført journalpost`, { journalstatus: jp.journalstatus });
    }
    return { sakId: jp.sakId, journalpostId: jp.systemId };
  }
  const sak = await lockSak(trx, kilde.id);
  if (!sak) throw notFound('Saken');
  const k = sakKilde(sak);
  if (!kryssreferansePolicy.opprett(actor, k)) throw forbidden('Du kan ikke endre kryssreferanser på denne saken');
  if (handling === 'fjern' && !kryssreferansePolicy.fjern(actor, k)) {
    throw new AppError('sak_closed', `Saken har status ${sak.saksstatus}; bare arkivet fjerner kryssreferanser fra en avsluttet sak`);
  }
  return { sakId: sak.systemId, journalpostId: null };
}

/** A journalpost the user may not know of (a draft she does not read) is as unknown as one that does not exist. */
async function synligFor(trx: Transaction<DB>, actor: Actor, ende: Ende): Promise<boolean> {
  if (ende.type === 'sak') return true;
  const jp = await findJournalpost(trx, ende.id);
  return jp !== undefined && journalpostFinnes(actor, jp);
}

/** Adds a reference from `kilde` to the target of `input`; one transaction, historikk on the source. */
export async function opprettKryssreferanse(db: Kysely<DB>, actor: Actor, kilde: Ende, input: KryssreferanseCreate): Promise<string> {
  const til: Ende = input.tilSakId ? { type: 'sak', id: input.tilSakId } : { type: 'journalpost', id: input.tilJournalpostId! };
  return db.transaction().execute(async (trx) => {
    const plass = await lockKilde(trx, actor, kilde, 'opprett');
    if (til.id === kilde.id) throw new AppError('kryssreferanse_to_self', `${hva(kilde)} kan ikke referere til seg selv`);
    if (!(await finnes(trx, til)) || !(await synligFor(trx, actor, til))) throw notFound(`${hva(til)} det refereres til`);
    if (await findPar(trx, kilde, til)) throw new AppError('kryssreferanse_exists', `${hva(kilde)} refererer allerede til denne`);
    let systemId: string;
    try {
      ({ systemId } = await insertKryssreferanse(trx, actor, kilde, til));
    } catch (err) {
      // The same pair committed by a concurrent request (unique index in 0006).
      if ((err as { code?: string }).code === '23505') throw new AppError('kryssreferanse_exists', `${hva(kilde)} refererer allerede til denne`);
      throw err;
    }
    await appendHistorikk(trx, actor, {
      handling: 'kryssreferanse_lagt_til',
      objekttype: 'kryssreferanse',
      objektId: systemId,
      ...plass,
      // Numbers only: the target's title may be screened where the source's history is not.
      data: { til: til.type, tilId: til.id, tilNummer: await nummerFor(trx, til) },
    });
    return systemId;
  });
}

/** Removes a reference; authorized on the record it belongs to (its source). */
export async function fjernKryssreferanse(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('kryssreferanse').selectAll().where('systemId', '=', id).executeTakeFirst();
    if (!before) throw notFound('Kryssreferansen');
    const { fra, til } = ender(before);
    // Source first, then the reference: the same lock order as opprettKryssreferanse.
    const plass = await lockKilde(trx, actor, fra, 'fjern');
    if (!(await lockKryssreferanse(trx, id))) throw notFound('Kryssreferansen');
    await deleteKryssreferanse(trx, id);
    await appendHistorikk(trx, actor, {
      handling: 'kryssreferanse_fjernet',
      objekttype: 'kryssreferanse',
      objektId: id,
      ...plass,
      data: { til: til.type, tilId: til.id, tilNummer: await nummerFor(trx, til) },
    });
  });
}

/** A record's kryssreferanser both ways; 404 when the record is not on the read paths. */
export async function listKryssreferanser(db: Kysely<DB>, actor: Actor, ende: Ende): Promise<KryssreferanseListeT> {
  let selv: KildeForPolicy;
  if (ende.type === 'sak') {
    const sak = await findSak(db, ende.id);
    if (!sak) throw notFound('Saken');
    selv = sakKilde(sak);
  } else {
    const jp = await findJournalpost(db, ende.id);
    if (!jp || !journalpostFinnes(actor, jp)) throw notFound('Journalposten');
    selv = journalpostKilde(jp);
  }
  const rows = await listForEnde(db, ende);
  const andre = rows.map((r) => {
    const { fra, til } = ender(r);
    return fra.type === ende.type && fra.id === ende.id ? til : fra;
  });
  // The other end is also the source of every "referert fra" reference: one load serves both.
  return presentKryssreferanser(actor, ende, selv, rows, await loadEnder(db, actor, andre));
}
