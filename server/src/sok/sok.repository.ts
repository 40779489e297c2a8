import { type AliasedSelectQueryBuilder, sql, type Kysely, type RawBuilder } from 'kysely';
import { parseAarNummer, SOK_TELLEGRENSE, type SokQuery } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { loadChildrenFor, selectJournalpostFor, type JournalpostRow } from '../journalpost/journalpost.repository';
import { DOKUMENT, JOURNALPOST, SAK, type SkjermingFilter, skjermingFilter } from '../policies/skjerming.sql';
import { selectSakFor, type SakRow } from '../sak/sak.repository';
import { tsquery } from './sokeuttrykk';

/**
 * One search over saker, journalposter and document text, in PostgreSQL's full-text search
 * (migration 0017). A word is matched only in the vector of the skjerming tier the user may
 * search: title line 1 for everyone (but its screened words, migration 0025); line 2, beskrivelse and nøkkelord where level 2 is open
 * to them; korrespondanseparter where level 3 is; a document's text where the document is
 * (level 1 and its own grading). The GIN index on `alle` (every word) finds the candidates,
 * the tier decides, so a screened word neither matches nor ranks for a user who may not see
 * it. Numbers are exact look-ups on the unique (year, number) indexes. Removed records and
 * drafts follow the list queries (selectJournalpostFor, policies/utkast.ts).
 */
export type SokKriterier = SokQuery & { limit: number; offset: number };

/** The rank a number hit gets: above any text rank (ts_rank stays below 1 here). */
const NUMMERTREFF = 10;
/** Document text ranks below the registration's own words. */
const DOKUMENTVEKT = 0.5;

export async function sok(db: Kysely<DB>, actor: Actor, k: SokKriterier) {
  const hva = k.hva ?? 'alle';
  const [saker, journalposter] = await Promise.all([
    hva === 'journalposter' ? tom<SakRow>(k) : sokSaker(db, actor, k),
    hva === 'saker' ? tom<JournalpostRow>(k) : sokJournalposter(db, actor, k),
  ]);
  const children = await loadChildrenFor(db, actor, journalposter.items.map((r) => r.systemId));
  return { saker, journalposter: { ...journalposter, children } };
}

const tom = async <T>(k: SokKriterier) => ({ items: [] as T[], total: 0, avkortet: false, limit: k.limit, offset: k.offset });

/** `2023/4711-3`: a registreringsID (saksnummer and dokumentnummer). */
function parseRegistreringsId(q: string) {
  const m = /^(\d{4})\/(\d{1,9})-(\d{1,6})$/.exec(q.trim());
  return m ? { aar: Number(m[1]), nummer: Number(m[2]), dokumentnummer: Number(m[3]) } : null;
}

const tsq = (text: string) => sql`to_tsquery('norwegian', ${tsquery(text) ?? ''})`;
/** Document text by whole words: a prefix's estimate would send a word no document has down the walk by date. */
const tsqOrd = (text: string) => sql`to_tsquery('norwegian', ${tsquery(text, false) ?? ''})`;

/**
 * How many of the ranked hits the inner query hands on: all when filters follow, else only the
 * page. `telling`: ids only, no rank, each branch stopped at the cap (for the count).
 */
type Utsnitt = { grense: number | null; telling?: boolean };

const rang = (telling: boolean | undefined, r: RawBuilder<number>) => (telling ? sql`0::real` : r);
/**
 * Each branch hands on at most the count's cap of hits (a common word's are ranked among
 * those), except where filters follow (`avgrens` false), which must see every hit.
 */
const gren = (avgrens: boolean, q: RawBuilder<unknown>) => (avgrens ? sql`(${q} limit ${SOK_TELLEGRENSE + 1})` : sql`(${q})`);

function sakTreff(actor: Actor, q: string, { grense, telling }: Utsnitt): RawBuilder<{ id: string; rang: number }> {
  const nr = parseAarNummer(q);
  if (nr) return sql`(select s.system_id as id, ${NUMMERTREFF}::real as rang from sak s where s.saksaar = ${nr.aar} and s.sakssekvensnummer = ${nr.nummer})`;
  const f = skjermingFilter(actor);
  // Open saker need no per-user decision; graded ones: every word for those who see through,
  // without the screened words (skjermet) at level 1, title line 1 without them from level 2.
  return sql`(
    select id, rang from (
      ${gren(Boolean(telling) || grense !== null, sql`select ss.sak_id as id, ${rang(telling, sql`ts_rank(ss.alle, ${tsq(q)})`)} as rang
      from sok_sak ss where ss.aapen and ss.alle @@ ${tsq(q)}`)}
      union all
      ${gren(Boolean(telling) || grense !== null, sql`select s.system_id, ${rang(telling, sql`ts_rank(v.tekst, ${tsq(q)})`)}
      from sok_sak ss
      join sak s on s.system_id = ss.sak_id
      cross join lateral (select case when ${f.skjultNivaa(SAK)} = 0 then ss.alle when ${f.skjuler(SAK, 'tittel2')} then ss.tittel else ss.skjermet end as tekst) v
      where not ss.aapen and ss.alle @@ ${tsq(q)} and v.tekst @@ ${tsq(q)}`)}
    ) sak_treff
    ${grense === null ? sql`` : telling ? sql`limit ${grense}` : sql`order by rang desc, id limit ${grense}`})`;
}

/**
 * A common word matches a hundred thousand journalposter: ranking them all costs seconds and
 * tells nothing a user reads. Each source hands on at most this many hits (the open vectors up
 * to the count's cap, the sources that look up the record and its skjerming per hit fewer),
 * and only those are ranked; a rarer word has fewer hits than that, and all are ranked. When
 * a source is cut short the count says "at least".
 */
export const SOK_KANDIDATER = SOK_TELLEGRENSE + 1;
export const SOK_KANDIDATER_OPPSLAG = 250;
/** How many of each source's newest records a search tests one by one for a common word's newest hits. */
export const SOK_NYESTE = 5000;

/** The search's filters on a journalpost `j` of a sak `s` (with its vectors `sj`); null when none. */
function journalpostFilter(k: SokKriterier, f: SkjermingFilter): RawBuilder<boolean> | null {
  const deler: RawBuilder<boolean>[] = [];
  if (k.sakstype) deler.push(sql<boolean>`s.sakstype = ${k.sakstype}`);
  if (k.saksstatus) deler.push(sql<boolean>`s.saksstatus = ${k.saksstatus}`);
  if (k.journalstatus) deler.push(sql<boolean>`j.journalstatus = ${k.journalstatus}`);
  if (k.journalposttype) deler.push(sql<boolean>`j.journalposttype = ${k.journalposttype}`);
  if (k.fra) deler.push(sql<boolean>`j.journaldato >= ${k.fra}`);
  if (k.til) deler.push(sql<boolean>`j.journaldato <= ${k.til}`);
  // Only parties the user may see.
  if (k.korrespondent) deler.push(sql<boolean>`(sj.parter @@ ${tsq(k.korrespondent)} and not ${f.skjuler(JOURNALPOST, 'parterEllerKlassering')})`);
  return deler.length ? sql<boolean>`(${sql.join(deler, sql` and `)})` : null;
}

/**
 * The journalposter that match, as candidates `(id, rang, dato)` with `antall` (distinct
 * candidates) and `fullt` (a source had more than it handed on), ranked, the first `grense`.
 * Every candidate is a row the user may see: the filters and the skjerming are applied in
 * each source, so the newest hits are the newest the user gets.
 */
function journalpostTreff(actor: Actor, k: SokKriterier, grense: number): RawBuilder<{ id: string; rang: number; dato: string; antall: string; fullt: boolean }> {
  const f = skjermingFilter(actor);
  const filter = journalpostFilter(k, f);
  const og = filter ? sql`and ${filter}` : sql``;
  const side = sql`order by rang desc, dato desc, id limit ${grense}`;
  const nr = parseAarNummer(k.q);
  const reg = nr ? null : parseRegistreringsId(k.q);
  if (nr || reg) {
    const hvor = nr
      ? sql`j.journalaar = ${nr.aar} and j.journalsekvensnummer = ${nr.nummer}`
      : sql`s.saksaar = ${reg!.aar} and s.sakssekvensnummer = ${reg!.nummer} and j.dokumentnummer = ${reg!.dokumentnummer}`;
    return sql`(select j.system_id as id, ${NUMMERTREFF}::real as rang, j.journaldato as dato, count(*) over () as antall, false as fullt
      from journalpost j join sak s on s.system_id = j.sak_id left join sok_journalpost sj on sj.journalpost_id = j.system_id
      where ${hvor} ${og} ${side})`;
  }
  const q = tsq(k.q);
  const qOrd = tsqOrd(k.q);
  const datoer = sql`${k.fra ? sql`and journaldato >= ${k.fra}` : sql``} ${k.til ? sql`and journaldato <= ${k.til}` : sql``}`;
  const utenDato = journalpostFilter({ ...k, fra: undefined, til: undefined }, f);
  const ogUtenDato = utenDato ? sql`and ${utenDato}` : sql``;
  // Each source is read two bounded ways, whatever the planner expects of the word: its newest
  // SOK_NYESTE records by date, tested one by one (a scan that stops at the cap), and the GIN
  // index's hits up to a cap. A rare word's hits all come from the index (below the cap: every
  // hit, and the count is exact); a common word's newest come from the walk by date. The record,
  // its sak and the skjerming are looked up per hit in a lateral subquery (`offset 0` keeps it
  // one, so the planner cannot turn it into a join over every hit).
  const filterAapen = utenDato
    ? sql`cross join lateral (select 1 from journalpost j join sak s on s.system_id = j.sak_id where j.system_id = sj.journalpost_id ${ogUtenDato} offset 0) x`
    : sql``;
  // Open journalposter (no grading, not a draft, not removed): every word counts for everyone,
  // read from the vector table alone unless a filter needs the record.
  const aapne = (nyeste: boolean) => sql`select sj.journalpost_id as id, sj.alle as tekst, 1::real as vekt, sj.journaldato as dato, ${sql.lit(nyeste ? 1 : 2)} as kilde
      from ${nyeste ? sql`(select journalpost_id, journaldato, alle, parter from sok_journalpost where aapen ${datoer} order by journaldato desc limit ${SOK_NYESTE})` : sql`sok_journalpost`} sj
      ${filterAapen}
      where ${nyeste ? sql`true` : sql`sj.aapen ${datoer}`} and sj.alle @@ ${q}
      limit ${SOK_KANDIDATER}`;
  // The rest: the tier the user may search: everything (hidden level 0), everything but the
  // screened words (1), title without them and parties (2), title without them only (3, and
  // drafts the user does not read).
  const graderte = (nyeste: boolean) => sql`select sj.journalpost_id, x.tekst, 1::real, sj.journaldato, ${sql.lit(nyeste ? 3 : 4)}
      from ${nyeste ? sql`(select journalpost_id, journaldato, tittel, parter, skjermet, alle from sok_journalpost where not aapen ${datoer} order by journaldato desc limit ${SOK_NYESTE})` : sql`sok_journalpost`} sj
      cross join lateral (
        select v.tekst from journalpost j
        join sak s on s.system_id = j.sak_id
        cross join lateral (select ${f.skjultNivaa(JOURNALPOST)} as n) h
        cross join lateral (select case when h.n = 0 then sj.alle when h.n = 1 then sj.skjermet when h.n = 2 then sj.tittel || sj.parter else sj.tittel end as tekst) v
        where j.system_id = sj.journalpost_id and v.tekst @@ ${q} and j.feilregistrert_dato is null and ${f.finnes(JOURNALPOST)} ${ogUtenDato}
        offset 0) x
      where ${nyeste ? sql`true` : sql`not sj.aapen ${datoer}`} and sj.alle @@ ${q}
      limit ${SOK_KANDIDATER_OPPSLAG}`;
  // Document text (whole words) where the document is open to the user; newest by when its
  // text was stored. A journalpost may have several documents: twice the rows.
  const dokumenter = (nyeste: boolean) => sql`select x.id, t.sok, ${DOKUMENTVEKT}::real, x.dato, ${sql.lit(nyeste ? 5 : 6)}
      from ${nyeste ? sql`(select dokumentbeskrivelse_id, sok from dokument_tekst where sok is not null order by oppdatert_dato desc limit ${SOK_NYESTE})` : sql`dokument_tekst`} t
      cross join lateral (
        select j.system_id as id, j.journaldato as dato from dokumentbeskrivelse d
        join journalpost j on j.system_id = d.journalpost_id
        join sak s on s.system_id = j.sak_id
        ${k.korrespondent ? sql`join sok_journalpost sj on sj.journalpost_id = j.system_id` : sql``}
        where d.system_id = t.dokumentbeskrivelse_id and j.feilregistrert_dato is null and not ${f.skjuler(DOKUMENT, 'dokumenter')} ${og}
        offset 0) x
      where t.sok @@ ${qOrd}
      limit ${2 * SOK_KANDIDATER_OPPSLAG}`;
  return sql`(
    with kandidat as materialized (
      (${aapne(true)}) union all (${aapne(false)}) union all (${graderte(true)}) union all (${graderte(false)})
      union all (${dokumenter(true)}) union all (${dokumenter(false)})),
    telt as (
      select count(distinct id) as antall,
        count(*) filter (where kilde = 2) >= ${SOK_KANDIDATER} or count(*) filter (where kilde = 4) >= ${SOK_KANDIDATER_OPPSLAG}
          or count(*) filter (where kilde = 6) >= ${2 * SOK_KANDIDATER_OPPSLAG} as fullt
      from kandidat)
    select r.id, r.rang, r.dato, telt.antall, telt.fullt
    from (select id, max(ts_rank(tekst, case when kilde >= 5 then ${qOrd} else ${q} end) * vekt) as rang, max(dato) as dato from kandidat group by id) r cross join telt
    ${side})`;
}

/** Counts up to the cap: an exact count of a common word over a million rows costs more than it tells. */
async function tellOpptil(db: Kysely<DB>, treff: { as(alias: 'c'): AliasedSelectQueryBuilder<{ x: number }, 'c'> }) {
  const { n } = await db.selectFrom(treff.as('c')).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { total: Math.min(Number(n), SOK_TELLEGRENSE), avkortet: Number(n) > SOK_TELLEGRENSE };
}

/** Without filters the hits are counted from the vector tables alone (every hit there is a row the user gets). */
async function tellTreff(db: Kysely<DB>, treff: RawBuilder<{ id: string; rang: number }>) {
  const { rows } = await sql<{ n: string }>`select count(*) as n from ${treff} c`.execute(db);
  const n = Number(rows[0]!.n);
  return { total: Math.min(n, SOK_TELLEGRENSE), avkortet: n > SOK_TELLEGRENSE };
}

async function sokSaker(db: Kysely<DB>, actor: Actor, k: SokKriterier) {
  const filtrert = Boolean(k.sakstype || k.saksstatus || k.fra || k.til || k.korrespondent);
  const treff = (grense: number | null, telling = false) => sakTreff(actor, k.q, { grense, telling });
  let q = selectSakFor(db, actor).innerJoin(treff(filtrert ? null : k.offset + k.limit).as('t'), 't.id', 's.systemId');
  if (k.sakstype) q = q.where('s.sakstype', '=', k.sakstype);
  if (k.saksstatus) q = q.where('s.saksstatus', '=', k.saksstatus);
  if (k.fra) q = q.where('s.saksdato', '>=', k.fra);
  if (k.til) q = q.where('s.saksdato', '<=', k.til);
  if (k.korrespondent) {
    const f = skjermingFilter(actor);
    q = q.where(sql<boolean>`exists (select 1 from journalpost j join sok_journalpost sj on sj.journalpost_id = j.system_id
      where j.sak_id = s.system_id and j.feilregistrert_dato is null and sj.parter @@ ${tsq(k.korrespondent)}
        and not ${f.skjuler(JOURNALPOST, 'parterEllerKlassering')} and ${f.finnes(JOURNALPOST)})`);
  }
  const [items, count] = await Promise.all([
    q.select('t.rang').orderBy('t.rang', 'desc').orderBy('s.systemId').limit(k.limit).offset(k.offset).execute(),
    filtrert ? tellOpptil(db, q.clearSelect().select(sql<number>`1`.as('x')).limit(SOK_TELLEGRENSE + 1)) : tellTreff(db, treff(SOK_TELLEGRENSE + 1, true)),
  ]);
  return { items: items as SakRow[], ...count, limit: k.limit, offset: k.offset };
}

async function sokJournalposter(db: Kysely<DB>, actor: Actor, k: SokKriterier) {
  const treff = journalpostTreff(actor, k, k.offset + k.limit);
  const rows = await selectJournalpostFor(db, actor)
    .innerJoin(treff.as('t'), 't.id', 'j.systemId')
    .select(['t.rang', 't.antall', 't.fullt'])
    .orderBy('t.rang', 'desc')
    .orderBy('j.journaldato', 'desc')
    .orderBy('j.systemId')
    .limit(k.limit)
    .offset(k.offset)
    .execute();
  // The count rides on every row of the page; a page past the end asks for it alone.
  const telling =
    rows[0] ?? (k.offset > 0 ? await db.selectFrom(journalpostTreff(actor, k, 1).as('t')).select(['t.antall', 't.fullt']).executeTakeFirst() : undefined);
  const n = Number(telling?.antall ?? 0);
  const items = rows.map(({ rang: _r, antall: _a, fullt: _f, ...r }) => r);
  return { items: items as unknown as JournalpostRow[], total: Math.min(n, SOK_TELLEGRENSE), avkortet: n > SOK_TELLEGRENSE || Boolean(telling?.fullt), limit: k.limit, offset: k.offset };
}
