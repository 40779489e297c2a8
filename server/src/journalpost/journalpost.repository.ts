import type { Kysely, Transaction } from 'kysely';
import type { KorrespondansepartInput } from '@arkiv/shared';
import type { DB } from '../db/schema';

/** A journalpost with its sak's grading and the names the presenter needs. */
export function selectJournalpost(db: Kysely<DB>) {
  return db
    .selectFrom('journalpost as j')
    .innerJoin('sak as s', 's.systemId', 'j.sakId')
    .innerJoin('bruker as sb', 'sb.systemId', 'j.saksbehandlerId')
    .innerJoin('administrativEnhet as e', 'e.systemId', 'j.administrativEnhetId')
    .selectAll('j')
    .select([
      's.mappeId as saksnummer',
      's.saksaar',
      's.sakssekvensnummer',
      's.saksansvarligId as sakSaksansvarligId',
      's.administrativEnhetId as sakEnhetId',
      's.tilgangskode as sakTilgangskode',
      's.skjermingsnivaa as sakSkjermingsnivaa',
      's.skjermingshjemmel as sakSkjermingshjemmel',
      'sb.brukernavn as saksbehandlerBrukernavn',
      'sb.navn as saksbehandlerNavn',
      'e.kode as enhetKode',
      'e.navn as enhetNavn',
    ])
    // §12.6: a feilregistrert journalpost is no longer part of any read path.
    .where('j.feilregistrertDato', 'is', null);
}
export type JournalpostRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectJournalpost>['executeTakeFirst']>>>;

export function findJournalpost(db: Kysely<DB>, id: string) {
  return selectJournalpost(db).where('j.systemId', '=', id).executeTakeFirst();
}

/** Locks a journalpost and its sak's policy fields (first step of every journalpost mutation). */
export function lockJournalpost(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('journalpost as j')
    .innerJoin('sak as s', 's.systemId', 'j.sakId')
    .selectAll('j')
    .select(['s.saksansvarligId as sakSaksansvarligId', 's.administrativEnhetId as sakEnhetId', 's.saksstatus'])
    .where('j.systemId', '=', id)
    .forUpdate('j')
    .executeTakeFirst();
}

export async function replaceKorrespondanseparter(trx: Transaction<DB>, journalpostId: string, parter: readonly KorrespondansepartInput[]) {
  await trx.deleteFrom('korrespondansepart').where('journalpostId', '=', journalpostId).execute();
  if (parter.length === 0) return;
  await trx
    .insertInto('korrespondansepart')
    .values(
      parter.map((p, i) => ({
        journalpostId,
        korrespondanseparttype: p.korrespondanseparttype,
        rekkefolge: i + 1,
        navn: p.navn.trim(),
        postadresse: p.postadresse ?? null,
        postnummer: p.postnummer ?? null,
        poststed: p.poststed ?? null,
        land: p.land ?? null,
        epostadresse: p.epostadresse ?? null,
        telefonnummer: p.telefonnummer ?? null,
        kontaktperson: p.kontaktperson ?? null,
        organisasjonsnummer: p.organisasjonsnummer ?? null,
        deresReferanse: p.deresReferanse ?? null,
        brukerId: p.brukerId ?? null,
        enhetId: p.enhetId ?? null,
      })),
    )
    .execute();
}

/** Parties, documents (with versions) and merknader for a set of journalposter, in three queries. */
export async function loadChildren(db: Kysely<DB>, journalpostIds: readonly string[]) {
  if (journalpostIds.length === 0) return { parter: [], dokumenter: [], versjoner: [], merknader: [], avskrivninger: [] };
  const ids = [...journalpostIds];
  const [parter, dokumenter, merknader, avskrivninger] = await Promise.all([
    db.selectFrom('korrespondansepart').selectAll().where('journalpostId', 'in', ids).orderBy('rekkefolge').execute(),
    db.selectFrom('dokumentbeskrivelse').selectAll().where('journalpostId', 'in', ids).orderBy('dokumentnummer').execute(),
    db
      .selectFrom('merknad as m')
      .innerJoin('bruker as b', 'b.systemId', 'm.registrertAvId')
      .selectAll('m')
      .select(['b.brukernavn', 'b.navn'])
      .where('m.journalpostId', 'in', ids)
      .orderBy('m.merknadsdato')
      .execute(),
    db
      .selectFrom('avskrivning as a')
      .innerJoin('bruker as b', 'b.systemId', 'a.avskrevetAvId')
      .selectAll('a')
      .select(['b.brukernavn', 'b.navn'])
      .where('a.journalpostId', 'in', ids)
      .orderBy('a.opprettetDato')
      .execute(),
  ]);
  const versjoner =
    dokumenter.length === 0
      ? []
      : await db
          .selectFrom('dokumentversjon')
          .selectAll()
          .where(
            'dokumentbeskrivelseId',
            'in',
            dokumenter.map((d) => d.systemId),
          )
          .orderBy('versjonsnummer')
          .orderBy('variantformat')
          .execute();
  return { parter, dokumenter, versjoner, merknader, avskrivninger };
}
export type JournalpostChildren = Awaited<ReturnType<typeof loadChildren>>;
