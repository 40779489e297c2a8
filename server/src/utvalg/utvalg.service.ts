import { type Kysely, sql } from 'kysely';
import { isLocked, type Utvalgssakstype } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, forbidden, notFound, validation } from '../errors/app-error';
import { appendHistorikk } from '../historikk/historikk.repository';
import { gjeldendeJournalposter, lockJournalpost } from '../journalpost/journalpost.repository';
import { nextNumber } from '../nummerserie/nummerserie.repository';
import { journalpostPolicy } from '../policies/journalpost.policy';
import { JOURNALPOST, skjermingFilter } from '../policies/skjerming.sql';
import { erArkiv, erLederFor, harRolle } from '../policies/predicates';

/** Utvalg and møter are registers: the system administrator and the archive keep them. */
const forvalterRegistre = (actor: Actor) => harRolle(actor, 'SYS') || erArkiv(actor);

export const formatUtvalgssaksnummer = (n: number, aar: number) => `${n}/${String(aar).slice(-2)}`;

export async function opprettUtvalg(db: Kysely<DB>, actor: Actor, input: { kode: string; navn: string }): Promise<string> {
  if (!forvalterRegistre(actor)) throw forbidden('Bare systemansvarlig og arkivet oppretter utvalg');
  const finnes = await db.selectFrom('utvalg').select('systemId').where('kode', '=', input.kode).executeTakeFirst();
  if (finnes) throw validation('/kode', 'utvalgskoden finnes allerede');
  return (await db.insertInto('utvalg').values({ kode: input.kode, navn: input.navn }).returning('systemId').executeTakeFirstOrThrow()).systemId;
}

export async function opprettMoete(db: Kysely<DB>, actor: Actor, utvalgId: string, input: { moetedato: string; sted?: string }): Promise<string> {
  if (!forvalterRegistre(actor)) throw forbidden('Bare systemansvarlig og arkivet oppretter møter');
  const utvalg = await db.selectFrom('utvalg').select('systemId').where('systemId', '=', utvalgId).executeTakeFirst();
  if (!utvalg) throw notFound('Utvalget');
  return (await db.insertInto('moete').values({ utvalgId, moetedato: input.moetedato, sted: input.sted ?? null }).returning('systemId').executeTakeFirstOrThrow()).systemId;
}

/**
 * §10.5 Meld opp: a saksframlegg (PS) after approval (F or later, §10.5.1 step 5–6), a
 * delegert vedtak (DS) as soon as it is registered, before its letter is written and approved
 * (§10.5.2 step 4 comes before steps 5–6), or any finished journalpost as referatsak (RS), to a
 * møte. It gets the utvalg's next utvalgssaksnummer N/YY for the meeting's year.
 */
export async function meldOpp(db: Kysely<DB>, actor: Actor, journalpostId: string, input: { moeteId: string; utvalgssakstype?: Utvalgssakstype }) {
  return db.transaction().execute(async (trx) => {
    const jp = await lockJournalpost(trx, journalpostId);
    if (!jp || jp.feilregistrertDato) throw notFound('Journalposten');
    const p = { saksbehandlerId: jp.saksbehandlerId, administrativEnhetId: jp.administrativEnhetId, journalstatus: jp.journalstatus, sak: { saksansvarligId: jp.sakSaksansvarligId, administrativEnhetId: jp.sakEnhetId } };
    if (!journalpostPolicy.mayEdit(actor, p)) throw forbidden('Du har ikke rettigheter på denne journalposten');
    const moete = await trx.selectFrom('moete').selectAll().where('systemId', '=', input.moeteId).executeTakeFirst();
    if (!moete) throw validation('/moeteId', 'ukjent møte');
    const type = input.utvalgssakstype ?? (jp.journalposttype === 'S' ? 'PS' : jp.delegertVedtak ? 'DS' : 'RS');
    if (type === 'PS' && jp.journalposttype !== 'S') throw validation('/utvalgssakstype', 'PS gjelder saksframlegg (S)');
    if (type === 'DS' && !jp.delegertVedtak) throw validation('/utvalgssakstype', 'DS gjelder delegerte vedtak');
    if (type !== 'DS' && !isLocked(jp.journalstatus)) {
      throw new AppError('status_conflict', `Meldes opp etter godkjenning (F); journalposten har status ${jp.journalstatus}`, { journalstatus: jp.journalstatus });
    }
    const finnes = await trx.selectFrom('utvalgssak').select('systemId').where('utvalgId', '=', moete.utvalgId).where('journalpostId', '=', journalpostId).executeTakeFirst();
    if (finnes) throw new AppError('status_conflict', 'Journalposten er allerede meldt opp til dette utvalget');
    const aar = Number(moete.moetedato.slice(0, 4));
    const n = await nextNumber(trx, `utvalg:${moete.utvalgId}`, aar);
    const row = await trx
      .insertInto('utvalgssak')
      .values({ moeteId: moete.systemId, utvalgId: moete.utvalgId, journalpostId, aar, sekvensnummer: n, utvalgssakstype: type, meldtOppAvId: actor.bruker.systemId })
      .returning('systemId')
      .executeTakeFirstOrThrow();
    const nummer = formatUtvalgssaksnummer(n, aar);
    await appendHistorikk(trx, actor, { handling: 'meldt_opp_til_utvalg', objekttype: 'utvalgssak', objektId: row.systemId, sakId: jp.sakId, journalpostId, data: { utvalgssaksnummer: nummer, utvalgssakstype: type, moeteId: moete.systemId } });
    return row.systemId;
  });
}

/** The vedtak is recorded on the utvalgssak, once, by the archive or the unit's leader. */
export async function registrerVedtak(db: Kysely<DB>, actor: Actor, id: string, vedtak: string, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const us = await trx
      .selectFrom('utvalgssak as u')
      .innerJoin(gjeldendeJournalposter(trx).as('j'), 'j.systemId', 'u.journalpostId')
      .select(['u.systemId', 'u.vedtak', 'u.journalpostId', 'j.sakId', 'j.administrativEnhetId'])
      .where('u.systemId', '=', id)
      .forUpdate('u')
      .executeTakeFirst();
    if (!us) throw notFound('Utvalgssaken');
    if (!forvalterRegistre(actor) && !erLederFor(actor, us.administrativEnhetId)) throw forbidden('Bare arkivet eller enhetens leder registrerer vedtak');
    if (us.vedtak !== null) throw new AppError('status_conflict', 'Vedtaket er allerede registrert');
    await trx.updateTable('utvalgssak').set({ vedtak, vedtakDato: now }).where('systemId', '=', id).where('vedtak', 'is', null).execute();
    await appendHistorikk(trx, actor, { handling: 'vedtak_registrert', objekttype: 'utvalgssak', objektId: id, sakId: us.sakId, journalpostId: us.journalpostId, data: { vedtak } });
  });
}

/**
 * A møte's saksliste through the one skjerming filter: every item is listed; the vedtak, free
 * text like title line 2 and beskrivelse, is hidden from level 2 for those who do not see through.
 */
export async function listUtvalgssaker(db: Kysely<DB>, actor: Actor, moeteId: string) {
  const f = skjermingFilter(actor);
  const rows = await db
    .selectFrom('utvalgssak as u')
    .innerJoin(gjeldendeJournalposter(db).as('j'), 'j.systemId', 'u.journalpostId')
    .innerJoin('sak as s', 's.systemId', 'j.sakId')
    .select(['u.systemId', 'u.aar', 'u.sekvensnummer', 'u.utvalgssakstype', 'u.journalpostId'])
    .select([f.tittel(JOURNALPOST, 'j').as('tittel'), f.redactText(JOURNALPOST, 'tittel2', sql.ref('u.vedtak')).as('vedtak'), f.tittel(JOURNALPOST, 'j', 'tittel2').as('tittel2'), f.skjultNivaa(JOURNALPOST).as('skjultNivaa')])
    .where('u.moeteId', '=', moeteId)
    .orderBy('u.sekvensnummer')
    .execute();
  return rows.map(({ aar, sekvensnummer, ...r }) => ({ ...r, utvalgssaksnummer: formatUtvalgssaksnummer(sekvensnummer, aar) }));
}
