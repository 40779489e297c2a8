import { sql, type Kysely, type Transaction } from 'kysely';
import type { KorrespondansepartInput } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { DOKUMENT, JOURNALPOST, skjermingFilter } from '../policies/skjerming.sql';

const JOINS = (db: Kysely<DB>) =>
  db
    .selectFrom('journalpost as j')
    .innerJoin('sak as s', 's.systemId', 'j.sakId')
    .innerJoin('bruker as sb', 'sb.systemId', 'j.saksbehandlerId')
    .innerJoin('administrativEnhet as e', 'e.systemId', 'j.administrativEnhetId')
    // §12.6: a feilregistrert journalpost is no longer part of any read path.
    .where('j.feilregistrertDato', 'is', null);

/** A journalpost with its sak's grading and the names the presenter needs: raw, for the policy path. */
export function selectJournalpost(db: Kysely<DB>) {
  return JOINS(db)
    .selectAll('j')
    .select(SAK_COLUMNS);
}
export type JournalpostRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectJournalpost>['executeTakeFirst']>>> & {
  /** Set by list queries: the skjerming decision made in SQL (see skjerming.sql.ts). */
  readonly skjultNivaa?: number;
};

const SAK_COLUMNS = [
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
] as const;

/** Journalpost columns no skjerming level hides. */
const OPEN = [
  'j.systemId', 'j.sakId', 'j.dokumentnummer', 'j.journalaar', 'j.journalsekvensnummer', 'j.journalposttype', 'j.journalstatus', 'j.delegertVedtak',
  'j.tittel', 'j.dokumentdato', 'j.journaldato', 'j.mottattDato', 'j.sendtDato', 'j.forfallsdato', 'j.offentlighetsvurdertDato',
  'j.saksbehandlerId', 'j.administrativEnhetId', 'j.noarkTillegg', 'j.opprettetDato', 'j.opprettetAvId', 'j.oppdatertDato', 'j.arkivertDato', 'j.arkivertAvId',
  'j.tilgangskode', 'j.skjermingsnivaa', 'j.skjermingshjemmel', 'j.feilregistrertDato', 'j.feilregistrertAvId',
] as const;

/** Journalposter for one user, redacted in SQL by the shared skjerming filter. */
export function selectJournalpostFor(db: Kysely<DB>, actor: Actor) {
  const f = skjermingFilter(actor);
  return JOINS(db)
    .select(OPEN)
    .select(SAK_COLUMNS)
    .select([
      f.skjultNivaa(JOURNALPOST).as('skjultNivaa'),
      f.redactText(JOURNALPOST, 'tittel2', sql.ref('j.tittel2')).as('tittel2'),
      f.redact(JOURNALPOST, 'tittel2', sql<string | null>`j.beskrivelse`).as('beskrivelse'),
    ]);
}

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

function loadMerknader(db: Kysely<DB>, ids: string[]) {
  return db
    .selectFrom('merknad as m')
    .innerJoin('bruker as b', 'b.systemId', 'm.registrertAvId')
    .selectAll('m')
    .select(['b.brukernavn', 'b.navn'])
    .where('m.journalpostId', 'in', ids)
    .orderBy('m.merknadsdato')
    .execute();
}

function loadAvskrivninger(db: Kysely<DB>, ids: string[]) {
  return db
    .selectFrom('avskrivning as a')
    .innerJoin('bruker as b', 'b.systemId', 'a.avskrevetAvId')
    .selectAll('a')
    .select(['b.brukernavn', 'b.navn'])
    .where('a.journalpostId', 'in', ids)
    .orderBy('a.opprettetDato')
    .execute();
}

/** Parties, documents (with versions), merknader and avskrivninger for a set of journalposter. */
export async function loadChildren(db: Kysely<DB>, journalpostIds: readonly string[]) {
  if (journalpostIds.length === 0) return { parter: [], dokumenter: [], versjoner: [], merknader: [], avskrivninger: [] };
  const ids = [...journalpostIds];
  const [parter, dokumenter, merknader, avskrivninger] = await Promise.all([
    db.selectFrom('korrespondansepart').selectAll().where('journalpostId', 'in', ids).orderBy('rekkefolge').execute(),
    db.selectFrom('dokumentbeskrivelse').selectAll().where('journalpostId', 'in', ids).orderBy('dokumentnummer').execute(),
    loadMerknader(db, ids),
    loadAvskrivninger(db, ids),
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
export type JournalpostChildren = Awaited<ReturnType<typeof loadChildren>> & {
  /** Set by the list path: per document, whether the SQL filter hides it from the user. */
  readonly dokumentSkjult?: ReadonlyMap<string, boolean>;
};

/**
 * The list path's children, filtered in SQL: parties only where level 3 is not hidden from
 * the user, document titles redacted and versions left out where the document is hidden.
 */
export async function loadChildrenFor(db: Kysely<DB>, actor: Actor, journalpostIds: readonly string[]): Promise<JournalpostChildren> {
  if (journalpostIds.length === 0) return { parter: [], dokumenter: [], versjoner: [], merknader: [], avskrivninger: [], dokumentSkjult: new Map() };
  const f = skjermingFilter(actor);
  const ids = [...journalpostIds];
  const [parter, dokumenter, merknader, avskrivninger] = await Promise.all([
    db
      .selectFrom('korrespondansepart as p')
      .innerJoin('journalpost as j', 'j.systemId', 'p.journalpostId')
      .innerJoin('sak as s', 's.systemId', 'j.sakId')
      .selectAll('p')
      .where('p.journalpostId', 'in', ids)
      .where(sql<boolean>`not ${f.skjuler(JOURNALPOST, 'parterEllerKlassering')}`)
      .orderBy('p.rekkefolge')
      .execute(),
    db
      .selectFrom('dokumentbeskrivelse as d')
      .innerJoin('journalpost as j', 'j.systemId', 'd.journalpostId')
      .innerJoin('sak as s', 's.systemId', 'j.sakId')
      .selectAll('d')
      .select([f.redactText(DOKUMENT, 'dokumenter', sql.ref('d.tittel')).as('tittel'), f.skjuler(DOKUMENT, 'dokumenter').as('skjult')])
      .where('d.journalpostId', 'in', ids)
      .orderBy('d.dokumentnummer')
      .execute(),
    loadMerknader(db, ids),
    loadAvskrivninger(db, ids),
  ]);
  const synlige = dokumenter.filter((d) => !d.skjult).map((d) => d.systemId);
  const versjoner =
    synlige.length === 0
      ? []
      : await db.selectFrom('dokumentversjon').selectAll().where('dokumentbeskrivelseId', 'in', synlige).orderBy('versjonsnummer').orderBy('variantformat').execute();
  return {
    parter,
    dokumenter: dokumenter.map(({ skjult: _s, ...d }) => d as JournalpostChildren['dokumenter'][number]),
    versjoner,
    merknader,
    avskrivninger,
    dokumentSkjult: new Map(dokumenter.map((d) => [d.systemId, d.skjult])),
  };
}
