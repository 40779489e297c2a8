import { sql, type Kysely, type RawBuilder } from 'kysely';
import { formatJournalnummer, formatRegistreringsId, type OffentligJournalpost } from '@arkiv/shared';
import { OFFENTLIGHETEN } from '../auth/actor';
import type { DB } from '../db/schema';
import { gjeldendeJournalposter } from '../journalpost/journalpost.repository';
import { DOKUMENT, JOURNALPOST, likeTerm, SAK, skjermingFilter } from '../policies/skjerming.sql';
import { navnesoekGrense } from './periode';

/**
 * The offentlig journal (manual §3.3) is the archive read by the public: an actor
 * with no codes and no roles, through the same SQL skjerming filter as every internal list.
 * On top of that: only journalført (J) and arkivert (A) journalposter that are not
 * feilregistrert, never one whose public title (of the journalpost or its sak) holds a fødselsnummer.
 */
const f = skjermingFilter(OFFENTLIGHETEN);
const PUBLISERT_STATUS = ['J', 'A'] as const;

/**
 * Title line 1, then line 2 or `*****` when line 2 is screened, the screened words of a graded
 * record as `*****` in both: as offentligTittel() in TypeScript. The public searches and reads
 * only this text, so a screened word is neither shown nor matched.
 */
const offentligTittel = (tittel: RawBuilder<string>, tittel2: RawBuilder<string | null>, redacted: RawBuilder<string | null>) =>
  sql<string>`(${tittel} || case when ${tittel2} is null then '' else ' - ' || ${redacted} end)`;
const jpTittel = offentligTittel(f.tittel(JOURNALPOST, 'j'), sql`j.tittel2`, f.tittel(JOURNALPOST, 'j', 'tittel2'));
const sakTittel = offentligTittel(f.tittel(SAK, 's'), sql`s.tittel2`, f.tittel(SAK, 's', 'tittel2'));

/** A fødselsnummer in a public title keeps the journalpost out of the public journal (one screened as a word is not in it). */
const harFoedselsnummer = sql<boolean>`(inneholder_foedselsnummer(${jpTittel}) or inneholder_foedselsnummer(${sakTittel}))`;

function base(db: Kysely<DB>) {
  return db
    .selectFrom(gjeldendeJournalposter(db).as('j'))
    .innerJoin('sak as s', 's.systemId', 'j.sakId')
    .innerJoin('administrativEnhet as je', 'je.systemId', 'j.administrativEnhetId')
    .innerJoin('administrativEnhet as se', 'se.systemId', 's.administrativEnhetId')
    .leftJoin('klasse as k', 'k.systemId', 's.klasseId')
    .where('j.journalstatus', 'in', PUBLISERT_STATUS);
}

export interface PublicQuery {
  readonly fra: string;
  readonly til: string;
  readonly q?: string | undefined;
  readonly limit?: number;
  readonly offset?: number;
}

/**
 * Free text matches the public titles; korrespondansepart names only where they are not
 * screened, and a person's name (no organisasjonsnummer, not an internal unit) only for
 * the last twelve months.
 */
function filtered(db: Kysely<DB>, query: PublicQuery, now: Date) {
  let q = base(db).where('j.journaldato', '>=', query.fra).where('j.journaldato', '<=', query.til).where(sql<boolean>`not ${harFoedselsnummer}`);
  const text = query.q?.trim();
  if (text) {
    const term = likeTerm(text);
    q = q.where(
      sql<boolean>`(${jpTittel} ilike ${term} or ${sakTittel} ilike ${term}
        or (j.journalaar || '/' || j.journalsekvensnummer) like ${term} or s.mappe_id like ${term}
        or (not ${f.skjuler(JOURNALPOST, 'parterEllerKlassering')} and exists (
          select 1 from korrespondansepart p where p.journalpost_id = j.system_id and p.navn ilike ${term}
            and (p.organisasjonsnummer is not null or p.enhet_id is not null or j.journaldato >= ${navnesoekGrense(now)}))))`,
    );
  }
  return q;
}

export async function listOffentligJournal(db: Kysely<DB>, query: PublicQuery, now: Date): Promise<{ items: OffentligJournalpost[]; total: number }> {
  const q = filtered(db, query, now);
  let rowsQ = q
    .select([
      'j.systemId',
      'j.journalaar',
      'j.journalsekvensnummer',
      'j.dokumentnummer',
      'j.journalposttype',
      'j.journalstatus',
      'j.journaldato',
      'j.dokumentdato',
      'je.navn as jpEnhet',
      's.mappeId',
      's.saksaar',
      's.sakssekvensnummer',
      'se.navn as sakEnhet',
      's.tilgangskode as sakTilgangskode',
      's.skjermingshjemmel as sakSkjermingshjemmel',
      jpTittel.as('offentligTittel'),
      sakTittel.as('sakOffentligTittel'),
      JOURNALPOST.kode.as('tilgangskode'),
      JOURNALPOST.hjemmel.as('skjermingshjemmel'),
      f.skjuler(JOURNALPOST, 'parterEllerKlassering').as('parterSkjermet'),
      f.redact(SAK, 'parterEllerKlassering', sql<string | null>`k.klasse_id`).as('klasseKode'),
      f.redact(SAK, 'parterEllerKlassering', sql<string | null>`k.tittel`).as('klasseTittel'),
    ])
    .orderBy('j.journaldato', 'desc')
    .orderBy('j.journalaar', 'desc')
    .orderBy('j.journalsekvensnummer', 'desc');
  if (query.limit !== undefined) rowsQ = rowsQ.limit(query.limit).offset(query.offset ?? 0);
  const [rows, total] = await Promise.all([rowsQ.execute(), q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()]);
  const ids = rows.map((r) => r.systemId);
  const [parter, dokumenter] = ids.length
    ? await Promise.all([
        db
          .selectFrom('korrespondansepart as p')
          .innerJoin('journalpost as j', 'j.systemId', 'p.journalpostId')
          .innerJoin('sak as s', 's.systemId', 'j.sakId')
          .select(['p.journalpostId', 'p.korrespondanseparttype', f.redactText(JOURNALPOST, 'parterEllerKlassering', sql.ref('p.navn')).as('navn')])
          .where('p.journalpostId', 'in', ids)
          .orderBy('p.rekkefolge')
          .execute(),
        publiserteDokumenter(db).where('d.journalpostId', 'in', ids).orderBy('d.dokumentnummer').execute(),
      ])
    : [[], []];
  const items = rows.map(
    (r): OffentligJournalpost => ({
      systemId: r.systemId,
      journalnummer: formatJournalnummer(r.journalaar, r.journalsekvensnummer),
      journalaar: r.journalaar,
      journalsekvensnummer: r.journalsekvensnummer,
      registreringsId: formatRegistreringsId(r.saksaar, r.sakssekvensnummer, r.dokumentnummer),
      journalpostnummer: r.dokumentnummer,
      journalposttype: r.journalposttype,
      journalstatus: r.journalstatus,
      journaldato: r.journaldato,
      dokumentdato: r.dokumentdato,
      offentligTittel: r.offentligTittel,
      administrativEnhet: r.jpEnhet,
      tilgangskode: (r.tilgangskode as OffentligJournalpost['tilgangskode']) ?? null,
      skjermingshjemmel: r.skjermingshjemmel,
      korrespondanseparterSkjermet: r.parterSkjermet,
      korrespondanseparter: parter.filter((p) => p.journalpostId === r.systemId).map((p) => ({ korrespondanseparttype: p.korrespondanseparttype, navn: p.navn ?? '' })),
      sak: {
        saksnummer: r.mappeId,
        saksaar: r.saksaar,
        sakssekvensnummer: r.sakssekvensnummer,
        offentligTittel: r.sakOffentligTittel,
        administrativEnhet: r.sakEnhet,
        tilgangskode: r.sakTilgangskode,
        skjermingshjemmel: r.sakSkjermingshjemmel,
        klasse: r.klasseKode ? { klasseId: r.klasseKode, tittel: r.klasseTittel ?? '' } : null,
      },
      dokumenter: dokumenter
        .filter((d) => d.journalpostId === r.systemId)
        .map((d) => ({ systemId: d.systemId, tittel: d.tittel, tilknytning: d.tilknyttetRegistreringSom, url: `/offentlig-journal/dokumenter/${d.systemId}` })),
    }),
  );
  return { items, total: Number(total.n) };
}

/**
 * Documents the public may download: the saksbehandler chose to publish them, nothing about
 * them is screened (own, journalpost's or sak's grading), their journalpost is in the public
 * journal, and neither their title nor the journalpost's public title holds a fødselsnummer.
 */
export function publiserteDokumenter(db: Kysely<DB>) {
  return db
    .selectFrom('dokumentbeskrivelse as d')
    .innerJoin(gjeldendeJournalposter(db).as('j'), 'j.systemId', 'd.journalpostId')
    .innerJoin('sak as s', 's.systemId', 'j.sakId')
    .select(['d.systemId', 'd.journalpostId', 'd.tittel', 'd.tilknyttetRegistreringSom', 'd.dokumentnummer'])
    .where('d.publiseres', '=', true)
    .where('j.journalstatus', 'in', PUBLISERT_STATUS)
    .where(sql<boolean>`${DOKUMENT.kode} is null`)
    .where(sql<boolean>`not ${harFoedselsnummer} and not inneholder_foedselsnummer(d.tittel)`)
    .where(({ exists, selectFrom }) => exists(selectFrom('dokumentversjon as v').select('v.systemId').whereRef('v.dokumentbeskrivelseId', '=', 'd.systemId')));
}

/** The newest archive-format (else production-format) version of a published document; undefined = 404. */
export async function findPublisertVersjon(db: Kysely<DB>, dokumentId: string) {
  const dok = await publiserteDokumenter(db).where('d.systemId', '=', dokumentId).executeTakeFirst();
  if (!dok) return undefined;
  return db
    .selectFrom('dokumentversjon')
    .selectAll()
    .where('dokumentbeskrivelseId', '=', dokumentId)
    .where('variantformat', 'in', ['A', 'P'])
    .orderBy(sql`case when variantformat = 'A' then 0 else 1 end`)
    .orderBy('versjonsnummer', 'desc')
    .executeTakeFirst();
}

/** Journalført/arkivert journalposter in the period kept out of the public journal for a fødselsnummer. */
export function listAvvisteForFoedselsnummer(db: Kysely<DB>, periode: { fra: string; til: string }) {
  return base(db)
    .select(['j.systemId', 'j.journalaar', 'j.journalsekvensnummer', 'j.journaldato', jpTittel.as('offentligTittel'), sakTittel.as('sakOffentligTittel')])
    .where('j.journaldato', '>=', periode.fra)
    .where('j.journaldato', '<=', periode.til)
    .where(harFoedselsnummer)
    .orderBy('j.journaldato')
    .orderBy('j.journalsekvensnummer')
    .execute();
}

/** The arkivskaper(s) for the XML journalhode. */
export function listArkivskapere(db: Kysely<DB>) {
  return db.selectFrom('arkiv').select(['arkivskaperId', 'arkivskaperNavn']).distinct().orderBy('arkivskaperId').execute();
}
