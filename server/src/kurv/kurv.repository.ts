import { type Kysely, sql } from 'kysely';
import { type Journalposttype, type Journalstatus, KURVER, type Oppgavetype, type Saksstatus, type Kurv, leggTilDager } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { forbidden } from '../errors/app-error';
import { gjeldendeJournalposter } from '../journalpost/journalpost.repository';
import { erLederFor, pultEier } from '../policies/predicates';
import { restanser, restanseSql } from '../restanse/restanse.sql';
import { arkivetsTidssone } from '../tid';
import { type Grading, JOURNALPOST, OPPGAVE, SAK, type SkjermingFilter, skjermingFilter } from '../policies/skjerming.sql';

/**
 * The baskets on the desk (DOMAIN.md §5), for the user or the leader they deputize for.
 * Ubehandlet and Forfall hold the restanser the desk's owner follows up (restanse.sql.ts, the
 * same definition as the restanserapport). Titles are line 1, which is always public (§8) but for its screened words.
 */
/**
 * The desk owner's restanser, or (saksfordeling, §6/§11.1) those of every saksbehandler in a unit
 * the user leads, as the restanserapport counts them; `hos` names who follows each one up.
 */
const restanseFor = (db: Kysely<DB>, eier: string, enhetId: string | undefined) =>
  enhetId
    ? restanser(db, sql<string[]>`array(select bruker_id from bruker_rolle where enhet_id = ${enhetId})`)
        .innerJoin('bruker as sb', 'sb.systemId', 'j.ansvarligId')
        .select('sb.navn as hos')
    : restanser(db, eier);

/** Title line 2 (and line 1's screened words) and the hidden level through the one skjerming filter (policies/skjerming.sql.ts). */
const skjerming = (f: SkjermingFilter, g: Grading, alias: string) =>
  [f.tittel(g, alias, 'tittel2').as('tittel2'), f.skjultNivaa(g).as('skjultNivaa')] as const;

/**
 * What a basket shows of a journalpost beside its number and title (§5): its status, its first
 * avsender or mottaker (hidden at level 3 like every list's parties), forfallsdato and whether it
 * is a restanse. `g` is the grading the correspondent is screened by.
 */
const jpDetaljer = (f: SkjermingFilter, g: Grading) =>
  [
    'j.journalstatus',
    'j.forfallsdato',
    f
      .redactText(
        g,
        'parterEllerKlassering',
        sql<string | null>`(select k.navn from korrespondansepart k where k.journalpost_id = j.system_id and k.korrespondanseparttype in ('EA','EM','IA','IM') order by k.rekkefolge limit 1)`,
      )
      .as('korrespondent'),
    sql<boolean | null>`(case when j.system_id is null then null else ${restanseSql} end)`.as('restanse'),
  ] as const;

const jpItem = (f: SkjermingFilter) => [
  sql<'journalpost'>`'journalpost'`.as('type'),
  'j.systemId',
  f.tittel(JOURNALPOST, 'j').as('tittel'),
  ...skjerming(f, JOURNALPOST, 'j'),
  sql<string>`s.mappe_id || '-' || j.dokumentnummer`.as('nummer'),
  'j.journalposttype',
  ...jpDetaljer(f, JOURNALPOST),
] as const;

function oppgaver(db: Kysely<DB>, f: SkjermingFilter) {
  return db
    .selectFrom('oppgave as o')
    .leftJoin('journalpost as j', 'j.systemId', 'o.journalpostId')
    .innerJoin('sak as s', 's.systemId', 'o.sakId')
    // A Beskjed that reports an answer (Godkjent, Ikke godkjent, …) carries the answered oppgave.
    .leftJoin('oppgave as forrige', 'forrige.systemId', 'o.forrigeOppgaveId')
    .where('o.status', '=', 'aktiv')
    .select([
      sql<'oppgave'>`'oppgave'`.as('type'),
      'o.systemId',
      sql<string>`coalesce(${f.tittel(OPPGAVE, 'j')}, ${f.tittel(OPPGAVE, 's')})`.as('tittel'),
      ...skjerming(f, OPPGAVE, 'j'),
      sql<string>`s.mappe_id || coalesce('-' || j.dokumentnummer, '')`.as('nummer'),
      'j.journalposttype',
      sql<string | null>`to_char(o.opprettet_dato at time zone ${arkivetsTidssone()}, 'YYYY-MM-DD')`.as('dato'),
      ...jpDetaljer(f, OPPGAVE),
      'o.oppgavetype',
      'forrige.svar',
    ]);
}

function saker(db: Kysely<DB>, f: SkjermingFilter) {
  return db
    .selectFrom('sak as s')
    .select([
      sql<'sak'>`'sak'`.as('type'),
      's.systemId',
      f.tittel(SAK, 's').as('tittel'),
      ...skjerming(f, SAK, 's'),
      's.mappeId as nummer',
      sql<null>`null`.as('journalposttype'),
      sql<null>`null`.as('journalstatus'),
      sql<null>`null`.as('forfallsdato'),
      sql<null>`null`.as('korrespondent'),
      sql<null>`null`.as('restanse'),
      's.saksstatus',
    ]);
}

export function kurvQuery(db: Kysely<DB>, actor: Actor, kurv: Kurv, idag: string, enhetId?: string) {
  const eier = pultEier(actor);
  // Every basket lists all its records (as every journalpost list does) and redacts what the
  // user does not see through; the counts count the same rows, so they reveal nothing more.
  const f = skjermingFilter(actor);
  switch (kurv) {
    case 'ubehandlet':
      return restanseFor(db, eier, enhetId).where((eb) => eb.or([eb('j.forfallsdato', 'is', null), eb('j.forfallsdato', '>=', idag)])).select([...jpItem(f), 'j.journaldato as dato']);
    case 'forfall':
      return restanseFor(db, eier, enhetId).where('j.forfallsdato', '<', idag).select([...jpItem(f), 'j.journaldato as dato']);
    case 'dokumenter_i_arbeid': {
      const q = db
        .selectFrom(gjeldendeJournalposter(db).as('j'))
        .innerJoin('sak as s', 's.systemId', 'j.sakId')
        .where('j.journalstatus', '=', 'R')
        .select([...jpItem(f), 'j.journaldato as dato']);
      // §6: a leader may see the Dokumenter i arbeid of an own unit, with whose each one is.
      return enhetId
        ? q.where('j.administrativEnhetId', '=', enhetId).innerJoin('bruker as sb', 'sb.systemId', 'j.saksbehandlerId').select('sb.navn as hos')
        : q.where('j.saksbehandlerId', '=', eier);
    }
    case 'mottatte_oppgaver':
      return oppgaver(db, f).where('o.mottakerId', '=', eier).where('o.oppgavetype', 'not in', ['GODKJENNING', 'INTERN_KOPI']);
    case 'sendt_til_godkjenning':
      // §10.6: followed until answered, also after Videresendt; `hos` says whose basket it is in now.
      return oppgaver(db, f).innerJoin('bruker as m', 'm.systemId', 'o.mottakerId').select('m.navn as hos').where('o.oppgavetype', '=', 'GODKJENNING').where('o.innsenderId', '=', eier);
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
      return saker(db, f).innerJoin('sistBruktSak as b', 'b.sakId', 's.systemId').select(sql<string>`to_char(b.tidspunkt at time zone ${arkivetsTidssone()}, 'YYYY-MM-DD')`.as('dato')).where('b.brukerId', '=', eier);
  }
}

/** The baskets a leader may open for a whole unit (saksfordeling and Dokumenter i arbeid, §6). */
const ENHETSKURVER: readonly Kurv[] = ['ubehandlet', 'forfall', 'dokumenter_i_arbeid'];

export async function listKurv(db: Kysely<DB>, actor: Actor, kurv: Kurv, idag: string, enhetId?: string) {
  if (enhetId && (!ENHETSKURVER.includes(kurv) || !erLederFor(actor, enhetId))) throw forbidden('Bare enhetens leder ser enhetens ubehandlede post, forfall og dokumenter i arbeid');
  const rows = await (kurvQuery(db, actor, kurv, idag, enhetId) as ReturnType<typeof saker>).orderBy(sql`dato desc nulls last`).limit(200).execute();
  return rows as unknown as {
    type: 'journalpost' | 'sak' | 'oppgave';
    systemId: string;
    tittel: string;
    tittel2: string | null;
    skjultNivaa: number;
    nummer: string;
    journalposttype: Journalposttype | null;
    dato: string | null;
    hos?: string;
    journalstatus: Journalstatus | null;
    forfallsdato: string | null;
    korrespondent: string | null;
    restanse: boolean | null;
    saksstatus?: Saksstatus;
    oppgavetype?: Oppgavetype;
    svar?: string | null;
  }[];
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
