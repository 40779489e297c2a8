import { sql, type Kysely, type Transaction } from 'kysely';
import type { KorrespondansepartInput } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { DOKUMENT, JOURNALPOST, type SkjermingFilter, skjermingFilter } from '../policies/skjerming.sql';
import { GODKJENNER_STATUSER } from '../policies/utkast';

/**
 * §12.6: the journalposter that exist for readers. A feilregistrert journalpost keeps its row
 * and its historikk, but every read path takes its journalposter from here, selecting from or
 * joining `gjeldendeJournalposter(db).as('j')`, so it is gone from all of them at once: lists,
 * counts, single views, documents, kurver, reports, the public journal, møter. Only mutations
 * (which lock the row and refuse a removed one), historikk and the archive's list of removed
 * records read the table itself. PostgreSQL flattens the subquery: the indexes serve as before.
 */
export function gjeldendeJournalposter(db: Kysely<DB>) {
  return db.selectFrom('journalpost').selectAll().where('feilregistrertDato', 'is', null);
}

const JOINS = (db: Kysely<DB>, journalposter = gjeldendeJournalposter(db)) =>
  db
    .selectFrom(journalposter.as('j'))
    .innerJoin('sak as s', 's.systemId', 'j.sakId')
    .innerJoin('bruker as sb', 'sb.systemId', 'j.saksbehandlerId')
    .innerJoin('administrativEnhet as e', 'e.systemId', 'j.administrativEnhetId');

/** A journalpost with its sak's grading and the names the presenter needs: raw, for the policy path. */
export function selectJournalpost(db: Kysely<DB>, journalposter = gjeldendeJournalposter(db)) {
  return JOINS(db, journalposter)
    .selectAll('j')
    .select(SAK_COLUMNS)
    .select(GODKJENNERE.as('godkjennerIds'));
}

/** Who it is sent to for approval, open or answered: readers of a draft (policies/utkast.ts). */
const GODKJENNERE = sql<string[]>`array(select o.mottaker_id from oppgave o where o.journalpost_id = j.system_id and o.oppgavetype = 'GODKJENNING'
  and o.status in (${sql.join(GODKJENNER_STATUSER.map((st) => sql.lit(st)))}))`;
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
  's.skjermedeOrd as sakSkjermedeOrd',
  'sb.brukernavn as saksbehandlerBrukernavn',
  'sb.navn as saksbehandlerNavn',
  'e.kode as enhetKode',
  'e.navn as enhetNavn',
] as const;

/** Journalpost columns no skjerming level hides (title line 1 is public, its screened words are not: below). */
const OPEN = [
  'j.systemId', 'j.sakId', 'j.dokumentnummer', 'j.journalaar', 'j.journalsekvensnummer', 'j.journalposttype', 'j.journalstatus', 'j.delegertVedtak',
  'j.dokumentdato', 'j.journaldato', 'j.mottattDato', 'j.sendtDato', 'j.forfallsdato', 'j.offentlighetsvurdertDato',
  'j.saksbehandlerId', 'j.administrativEnhetId', 'j.noarkTillegg', 'j.opprettetDato', 'j.opprettetAvId', 'j.oppdatertDato', 'j.arkivertDato', 'j.arkivertAvId',
  'j.tilgangskode', 'j.skjermingsnivaa', 'j.skjermingshjemmel', 'j.feilregistrertDato', 'j.feilregistrertAvId', 'j.versjon',
] as const;

/** Journalposter for one user, redacted in SQL by the shared skjerming filter. */
export function selectJournalpostFor(db: Kysely<DB>, actor: Actor) {
  const f = skjermingFilter(actor);
  return JOINS(db)
    .select(OPEN)
    .select(SAK_COLUMNS)
    .select([
      f.skjultNivaa(JOURNALPOST).as('skjultNivaa'),
      f.tittel(JOURNALPOST, 'j').as('tittel'),
      f.tittel(JOURNALPOST, 'j', 'tittel2').as('tittel2'),
      f.skjermedeOrd(JOURNALPOST, 'j').as('skjermedeOrd'),
      f.redact(JOURNALPOST, 'tittel2', sql<string | null>`j.beskrivelse`).as('beskrivelse'),
    ])
    // A draft the user does not read is there only where nothing else is screened from them.
    .where(f.finnes(JOURNALPOST));
}

export function findJournalpost(db: Kysely<DB>, id: string) {
  return selectJournalpost(db).where('j.systemId', '=', id).executeTakeFirst();
}

/** A journalpost whether or not it is feilregistrert: only for its historikk, which outlives a removal (§12.6). */
export function findJournalpostMedFeilregistrert(db: Kysely<DB>, id: string) {
  return selectJournalpost(db, db.selectFrom('journalpost').selectAll()).where('j.systemId', '=', id).executeTakeFirst();
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

export async function replaceKorrespondanseparter(trx: Transaction<DB>, journalpostId: string, parter: readonly KorrespondansepartInput[], opts: { ny?: boolean } = {}) {
  // A journalpost created in this transaction has none to replace.
  if (!opts.ny) await trx.deleteFrom('korrespondansepart').where('journalpostId', '=', journalpostId).execute();
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

/**
 * Merknader and the avskrivninger's merknad are free text that elaborates the record, like
 * title line 2: on the list path (a filter given) they are redacted in SQL from level 2.
 */
const fritekst = (f: SkjermingFilter | undefined, col: string) => (f ? f.redactText(JOURNALPOST, 'tittel2', sql.ref(col)) : sql.ref(col));

function loadMerknader(db: Kysely<DB>, ids: string[], f?: SkjermingFilter) {
  return db
    .selectFrom('merknad as m')
    .innerJoin('bruker as b', 'b.systemId', 'm.registrertAvId')
    .innerJoin('journalpost as j', 'j.systemId', 'm.journalpostId')
    .innerJoin('sak as s', 's.systemId', 'j.sakId')
    .select(['m.systemId', 'm.journalpostId', 'm.merknadstype', 'm.merknadsdato', 'm.registrertAvId', 'b.brukernavn', 'b.navn'])
    .select(fritekst(f, 'm.merknadstekst').$castTo<string>().as('merknadstekst'))
    .where('m.journalpostId', 'in', ids)
    .orderBy('m.merknadsdato')
    .execute();
}

function loadAvskrivninger(db: Kysely<DB>, ids: string[], f?: SkjermingFilter) {
  return db
    .selectFrom('avskrivning as a')
    .innerJoin('bruker as b', 'b.systemId', 'a.avskrevetAvId')
    .innerJoin('journalpost as j', 'j.systemId', 'a.journalpostId')
    .innerJoin('sak as s', 's.systemId', 'j.sakId')
    .select(['a.systemId', 'a.journalpostId', 'a.avskrivningsmaate', 'a.avskrivningsdato', 'a.ventende', 'a.svarJournalpostId', 'a.avskrevetAvId', 'a.opprettetDato', 'b.brukernavn', 'b.navn'])
    .select(fritekst(f, 'a.merknad').$castTo<string | null>().as('merknad'))
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
    loadMerknader(db, ids, f),
    loadAvskrivninger(db, ids, f),
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
