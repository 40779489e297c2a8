import { type Kysely, sql } from 'kysely';
import { type Journalposttype, KURVER, type Kurv, leggTilDager } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { forbidden } from '../errors/app-error';
import { erLederFor, pultEier } from '../policies/predicates';
import { restanseSql } from '../restanse/restanse.sql';
import { type Grading, grading, JOURNALPOST, SAK, type SkjermingFilter, skjermingFilter } from '../policies/skjerming.sql';

/**
 * The baskets on the desk (DOMAIN.md §5), for the user or the leader they deputize for.
 * Who follows a restanse up: the saksbehandler, but for an expedited N-notat its internal
 * recipients (§10.8). Titles are line 1, which is always public (§8).
 */
function restanseEier(db: Kysely<DB>, eier: string) {
  return db
    .selectFrom('journalpost as j')
    .innerJoin('sak as s', 's.systemId', 'j.sakId')
    .where('j.feilregistrertDato', 'is', null)
    .where(restanseSql, '=', sql<boolean>`true`)
    .where((eb) =>
      eb.or([
        eb.and([eb('j.journalposttype', '<>', 'N'), eb('j.saksbehandlerId', '=', eier)]),
        eb.and([
          eb('j.journalposttype', '=', 'N'),
          eb('j.journalstatus', 'in', ['E', 'J', 'A']),
          eb.exists(eb.selectFrom('korrespondansepart as k').select('k.systemId').whereRef('k.journalpostId', '=', 'j.systemId').where('k.korrespondanseparttype', '=', 'IM').where('k.brukerId', '=', eier)),
        ]),
      ]),
    );
}

/** Title line 2 and the hidden level through the one skjerming filter (policies/skjerming.sql.ts). */
const skjerming = (f: SkjermingFilter, g: Grading, tittel2: string) =>
  [f.redactText(g, 'tittel2', sql.ref(tittel2)).as('tittel2'), f.skjultNivaa(g).as('skjultNivaa')] as const;

const jpItem = (f: SkjermingFilter) => [
  sql<'journalpost'>`'journalpost'`.as('type'),
  'j.systemId',
  'j.tittel',
  ...skjerming(f, JOURNALPOST, 'j.tittel2'),
  sql<string>`s.mappe_id || '-' || j.dokumentnummer`.as('nummer'),
  'j.journalposttype',
] as const;

/** An oppgave about a journalpost carries its grading; one about a sak, the sak's. */
const OPPGAVE = grading({ own: ['j', 's'], enhetId: sql<string>`coalesce(${sql.ref('j.administrativEnhetId')}, ${sql.ref('s.administrativEnhetId')})`, saksansvarligId: 's.saksansvarligId', saksbehandlerId: 'j.saksbehandlerId' });

function oppgaver(db: Kysely<DB>, f: SkjermingFilter) {
  return db
    .selectFrom('oppgave as o')
    .leftJoin('journalpost as j', 'j.systemId', 'o.journalpostId')
    .innerJoin('sak as s', 's.systemId', 'o.sakId')
    .where('o.status', '=', 'aktiv')
    .select([
      sql<'oppgave'>`'oppgave'`.as('type'),
      'o.systemId',
      sql<string>`coalesce(j.tittel, s.tittel)`.as('tittel'),
      ...skjerming(f, OPPGAVE, 'j.tittel2'),
      sql<string>`s.mappe_id || coalesce('-' || j.dokumentnummer, '')`.as('nummer'),
      'j.journalposttype',
      sql<string | null>`to_char(o.opprettet_dato, 'YYYY-MM-DD')`.as('dato'),
    ]);
}

function saker(db: Kysely<DB>, f: SkjermingFilter) {
  return db.selectFrom('sak as s').select([sql<'sak'>`'sak'`.as('type'), 's.systemId', 's.tittel', ...skjerming(f, SAK, 's.tittel2'), 's.mappeId as nummer', sql<null>`null`.as('journalposttype')]);
}

export function kurvQuery(db: Kysely<DB>, actor: Actor, kurv: Kurv, idag: string, enhetId?: string) {
  const eier = pultEier(actor);
  // Every basket lists all its records (as every journalpost list does) and redacts what the
  // user does not see through; the counts count the same rows, so they reveal nothing more.
  const f = skjermingFilter(actor);
  switch (kurv) {
    case 'ubehandlet':
      return restanseEier(db, eier).where((eb) => eb.or([eb('j.forfallsdato', 'is', null), eb('j.forfallsdato', '>=', idag)])).select([...jpItem(f), 'j.forfallsdato as dato']);
    case 'forfall':
      return restanseEier(db, eier).where('j.forfallsdato', '<', idag).select([...jpItem(f), 'j.forfallsdato as dato']);
    case 'dokumenter_i_arbeid':
      return db
        .selectFrom('journalpost as j')
        .innerJoin('sak as s', 's.systemId', 'j.sakId')
        .where('j.feilregistrertDato', 'is', null)
        // §6: a leader may see the Dokumenter i arbeid of an own unit.
        .where(enhetId ? 'j.administrativEnhetId' : 'j.saksbehandlerId', '=', enhetId ?? eier)
        .where('j.journalstatus', '=', 'R')
        .select([...jpItem(f), 'j.journaldato as dato']);
    case 'mottatte_oppgaver':
      return oppgaver(db, f).where('o.mottakerId', '=', eier).where('o.oppgavetype', 'not in', ['GODKJENNING', 'INTERN_KOPI']);
    case 'sendt_til_godkjenning':
      return oppgaver(db, f).where('o.oppgavetype', '=', 'GODKJENNING').where((eb) => eb.or([eb('o.avsenderId', '=', eier), eb('o.paaVegneAvId', '=', eier)]));
    case 'mottatt_for_godkjenning':
      return oppgaver(db, f).where('o.oppgavetype', '=', 'GODKJENNING').where('o.mottakerId', '=', eier);
    case 'kopier':
      return oppgaver(db, f).where('o.oppgavetype', '=', 'INTERN_KOPI').where('o.mottakerId', '=', eier);
    case 'obs_saker':
      // §12.5: shown from 5 days before the OBS-dato until cleared by hand.
      return saker(db, f).select('s.obsDato as dato').where('s.saksansvarligId', '=', eier).where('s.obsDato', 'is not', null).where('s.obsDato', '<=', leggTilDager(idag, 5));
    case 'mine_saker':
      return saker(db, f).select('s.saksdato as dato').where('s.saksansvarligId', '=', eier).where('s.saksstatus', 'in', ['R', 'B']);
    case 'siste_saksmapper':
      return saker(db, f).innerJoin('sistBruktSak as b', 'b.sakId', 's.systemId').select(sql<string>`to_char(b.tidspunkt, 'YYYY-MM-DD')`.as('dato')).where('b.brukerId', '=', eier);
  }
}

export async function listKurv(db: Kysely<DB>, actor: Actor, kurv: Kurv, idag: string, enhetId?: string) {
  if (enhetId && (kurv !== 'dokumenter_i_arbeid' || !erLederFor(actor, enhetId))) throw forbidden('Bare enhetens leder ser enhetens dokumenter i arbeid');
  const rows = await (kurvQuery(db, actor, kurv, idag, enhetId) as ReturnType<typeof saker>).orderBy(sql`dato desc nulls last`).limit(200).execute();
  return rows as unknown as { type: 'journalpost' | 'sak' | 'oppgave'; systemId: string; tittel: string; tittel2: string | null; skjultNivaa: number; nummer: string; journalposttype: Journalposttype | null; dato: string | null }[];
}

/** Every basket with its count, in one round trip per basket. */
export async function tellKurver(db: Kysely<DB>, actor: Actor, idag: string) {
  return Promise.all(
    KURVER.map(async (kurv) => {
      const q = kurvQuery(db, actor, kurv, idag) as ReturnType<typeof saker>;
      const { n } = await db.selectFrom(q.as('k')).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      return { kurv, antall: Number(n) };
    }),
  );
}
