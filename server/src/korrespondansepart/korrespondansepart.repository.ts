import { type Kysely, sql } from 'kysely';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { notFound } from '../errors/app-error';
import { appendHistorikk } from '../historikk/historikk.repository';
import { loadJournalpostView } from '../journalpost/journalpost.queries';
import { lockForAction } from '../journalpost/journalpost.service';
import { JOURNALPOST, likeTerm, skjermingFilter } from '../policies/skjerming.sql';

/** An external party as registered earlier: what a new registration may copy. */
export interface KorrespondansepartForslag {
  readonly navn: string;
  readonly postadresse: string | null;
  readonly postnummer: string | null;
  readonly poststed: string | null;
  readonly land: string | null;
  readonly epostadresse: string | null;
  readonly telefonnummer: string | null;
  readonly kontaktperson: string | null;
  readonly organisasjonsnummer: string | null;
}

/**
 * Earlier senders and recipients outside the organisation whose name or e-mail address matches,
 * newest first, one per name and address. Only parties of journalposter the user sees whole
 * (through their skjerming, and not a draft they do not read): a screened party is no hint.
 */
export async function foreslaaKorrespondanseparter(db: Kysely<DB>, actor: Actor, q: string, limit: number): Promise<KorrespondansepartForslag[]> {
  const f = skjermingFilter(actor);
  const term = likeTerm(q.trim());
  const rows = await db
    .selectFrom('korrespondansepart as k')
    .innerJoin('journalpost as j', 'j.systemId', 'k.journalpostId')
    .innerJoin('sak as s', 's.systemId', 'j.sakId')
    .where('j.feilregistrertDato', 'is', null)
    .where('k.korrespondanseparttype', 'in', ['EA', 'EM', 'EK'])
    .where((eb) => eb.or([eb('k.navn', 'ilike', term), eb('k.epostadresse', 'ilike', term)]))
    .where(f.synlig(JOURNALPOST))
    .select([
      'k.navn',
      'k.postadresse',
      'k.postnummer',
      'k.poststed',
      'k.land',
      'k.epostadresse',
      'k.telefonnummer',
      'k.kontaktperson',
      'k.organisasjonsnummer',
      sql<string>`lower(k.navn) || '|' || coalesce(lower(k.epostadresse), '')`.as('noekkel'),
    ])
    .orderBy('j.opprettetDato', 'desc')
    .limit(limit * 10)
    .execute();
  const sett = new Map<string, KorrespondansepartForslag>();
  for (const { noekkel, ...r } of rows) if (!sett.has(noekkel)) sett.set(noekkel, r);
  return [...sett.values()].slice(0, limit);
}

/**
 * §10.7: a recipient's e-mail address, filled in where the expedition stopped for want of it.
 * Saved on the korrespondansepart itself (its id, and the expedition's choices, stay), in the
 * journalpost's lock with the registration's status rule, historikk in the same transaction.
 * A party the user does not see (skjerming of the parties) is not there for them.
 */
export async function settEpostadresse(db: Kysely<DB>, actor: Actor, partId: string, epostadresse: string): Promise<string> {
  const part = await db.selectFrom('korrespondansepart').select(['journalpostId']).where('systemId', '=', partId).executeTakeFirst();
  if (!part) throw notFound('Korrespondanseparten');
  const view = await loadJournalpostView(db, actor, part.journalpostId);
  if (view.korrespondanseparterSkjermet || !view.korrespondanseparter.some((p) => p.systemId === partId)) throw notFound('Korrespondanseparten');
  await db.transaction().execute(async (trx) => {
    const { jp } = await lockForAction(trx, actor, part.journalpostId, 'endre_registrering');
    const foer = await trx.selectFrom('korrespondansepart').select(['navn', 'epostadresse', 'korrespondanseparttype']).where('systemId', '=', partId).executeTakeFirstOrThrow();
    const til = epostadresse.trim();
    if (foer.epostadresse === til) return;
    await trx.updateTable('korrespondansepart').set({ epostadresse: til }).where('systemId', '=', partId).execute();
    await appendHistorikk(trx, actor, {
      handling: 'journalpost_endret',
      objekttype: 'journalpost',
      objektId: jp.systemId,
      sakId: jp.sakId,
      journalpostId: jp.systemId,
      data: { korrespondansepart: { korrespondansepartId: partId, navn: foer.navn, korrespondanseparttype: foer.korrespondanseparttype, epostadresse: { fra: foer.epostadresse, til } } },
    });
  });
  return part.journalpostId;
}
