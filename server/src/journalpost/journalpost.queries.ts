import type { Kysely } from 'kysely';
import type { JournalpostListQuery, JournalpostView } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { forbidden, notFound } from '../errors/app-error';
import { skjultFraNivaa, utgaaendeSkjult } from '../policies/skjerming';
import { dokumentSkjult, journalpostFinnes, journalpostSkjultNivaa, presentJournalpost } from './journalpost.presenter';
import type { JournalpostRow } from './journalpost.repository';
import { findJournalpost, findJournalpostMedFeilregistrert, loadChildren, loadChildrenFor, selectJournalpostFor } from './journalpost.repository';

export async function loadJournalpostView(db: Kysely<DB>, actor: Actor, id: string): Promise<JournalpostView> {
  const row = await findJournalpost(db, id);
  // A draft the user may not even know of (policies/utkast.ts) is a 404 like a record that is not there.
  if (!row || !journalpostFinnes(actor, row)) throw notFound('Journalposten');
  return presentJournalpost(actor, row, await loadChildren(db, [row.systemId]));
}

/**
 * Refuses (403) a user from whom anything that goes out with the journalpost is screened: its
 * recipients or any of its documents (`utgaaendeSkjult`). Asked before a letter is written
 * from a template, before an expedition or its preview, and before a paper bundle is printed.
 * Reads the graded row and the documents' own gradings, not the whole view.
 */
export async function kreverSynligUtgaaende(db: Kysely<DB>, actor: Actor, id: string, hvem: string): Promise<void> {
  const row = await findJournalpost(db, id);
  if (!row || !journalpostFinnes(actor, row)) throw notFound('Journalposten');
  const dokumenter = await db.selectFrom('dokumentbeskrivelse').select(['tilgangskode', 'skjermingsnivaa', 'skjermingshjemmel']).where('journalpostId', '=', id).execute();
  const nivaa = journalpostSkjultNivaa(actor, row);
  const parterSkjult = skjultFraNivaa(nivaa).parterEllerKlassering;
  if (utgaaendeSkjult(parterSkjult, dokumenter.map((d) => dokumentSkjult(actor, row, d)))) {
    throw forbidden(`Mottakerne eller dokumentene er skjermet for deg; ${hvem} må ha tilgangskoden`);
  }
  // The letter, the e-mail's subject and the bundle's cover carry the titles: never with words screened from the sender.
  if (nivaa > 0 && (row.skjermedeOrd.length > 0 || row.sakSkjermedeOrd.length > 0)) {
    throw forbidden(`Ord i tittelen er skjermet for deg; ${hvem} må ha tilgangskoden`);
  }
}

/**
 * §12.6: a journalpost's historikk outlives its feilregistrering; otherwise it is there for the
 * same users as the record itself (a draft the user does not read is a 404). The entries are
 * screened one by one in listHistorikk.
 */
export async function assertHistorikkFinnes(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const row = await findJournalpostMedFeilregistrert(db, id);
  if (!row || !journalpostFinnes(actor, row)) throw notFound('Journalposten');
}

export async function listJournalposterInSak(db: Kysely<DB>, actor: Actor, sakId: string, query: JournalpostListQuery) {
  let q = selectJournalpostFor(db, actor).where('j.sakId', '=', sakId);
  if (query.journalstatus) q = q.where('j.journalstatus', '=', query.journalstatus);
  if (query.journalposttype) q = q.where('j.journalposttype', '=', query.journalposttype);
  const limit = query.limit ?? 100;
  const offset = query.offset ?? 0;
  const [rows, total] = await Promise.all([
    q.orderBy('j.dokumentnummer').limit(limit).offset(offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const children = await loadChildrenFor(db, actor, rows.map((r) => r.systemId));
  return { items: rows.map((r) => presentJournalpost(actor, r as JournalpostRow, children)), total: Number(total.n), limit, offset };
}
