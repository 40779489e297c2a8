import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { lagBrukere, type GenerertBruker } from './brukere';
import * as ord from './ordforraad';

export interface GeneratorValg {
  /** How many journalposter (saker: 15% of that). */
  readonly journalposter: number;
  readonly seed: number;
  /** The last journaldato (YYYY-MM-DD): the archive ends "today", so restanser and approvals are in flight. */
  readonly til: string;
  /** Years of archive before `til` (default: one per 100,000 journalposter, 2 to 10). */
  readonly aar?: number;
  /** Told each step's name and time (ms), for the command line. */
  readonly logg?: (steg: string, ms: number) => void;
  /** Told the database session's process id before the first step (to read its CPU time). */
  readonly sesjon?: (backendPid: number) => void;
}

export interface GeneratorResultat {
  readonly saker: number;
  readonly journalposter: number;
  readonly brukere: number;
  readonly fra: string;
  readonly til: string;
}

/**
 * Fills the service's own tables (after migrations and the reference data) with a realistic
 * archive, in SQL: every row is a function of its number and the seed (a counter-based PRNG,
 * `hashint8extended(i, seed)`, and ids from the kind of row and its number), so the same seed
 * and end date give the same archive, and one million journalposter is a handful of
 * `INSERT … SELECT … FROM generate_series` statements in one transaction.
 *
 * What it holds: saker of every sakstype over the years (line 2 of a person's sak names the
 * person and is screened), journalposter of every type and status with gapless journalnumre
 * per year and dokumentnumre per sak, korrespondanseparter (internal recipients for N-notater),
 * avskrivninger (most old restanser written off, recent ones open, some waiting for their
 * reply), documents with versions, historikk, oppgaver and approvals in flight, recently used
 * saker, and the number series set to where generation stopped, so registration continues.
 * Document files themselves are not written (the blob store is outside the database).
 */
export async function genererArkiv(db: Kysely<DB>, valg: GeneratorValg): Promise<GeneratorResultat> {
  const N = Math.floor(valg.journalposter);
  if (!Number.isInteger(N) || N < 1) throw new Error('journalposter må være et positivt heltall');
  const S = Math.max(1, Math.ceil(N * 0.15));
  const aar = valg.aar ?? Math.min(10, Math.max(2, Math.ceil(N / 100_000)));
  const tilDato = new Date(`${valg.til}T00:00:00Z`);
  const fra = new Date(tilDato.getTime() - aar * 365 * 86_400_000).toISOString().slice(0, 10);
  const dager = Math.round((tilDato.getTime() - new Date(`${fra}T00:00:00Z`).getTime()) / 86_400_000) + 1;

  return db.transaction().execute(async (trx) => {
    const finnes = await trx.selectFrom('journalpost').select('systemId').limit(1).executeTakeFirst();
    const saker = await trx.selectFrom('sak').select('systemId').limit(1).executeTakeFirst();
    if (finnes || saker) throw new Error('Databasen har allerede saker eller journalposter: generer i en tom database (etter migrering og referansedata)');
    const arkivdel = await trx.selectFrom('arkivdel').select('systemId').orderBy('opprettetDato').executeTakeFirst();
    if (!arkivdel) throw new Error('Fant ingen arkivdel: referansedata mangler');
    const klasser = (await trx.selectFrom('klasse').select('systemId').orderBy('klasseId').execute()).map((k) => k.systemId);
    const brukere = await lagBrukere(trx, valg.seed, Math.max(24, Math.round(N / 6300)));
    const arkivar = brukere.find((b) => b.rolle === 'ARK') ?? brukere[0]!;
    const dokumentsenter = brukere.find((b) => b.rolle === 'DOK') ?? brukere[0]!;
    const sbh = brukere.filter((b) => b.saksbehandler);

    if (valg.sesjon) valg.sesjon((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid);
    let t = Date.now();
    const steg = (navn: string) => {
      valg.logg?.(navn, Date.now() - t);
      t = Date.now();
    };
    await sql`set local work_mem = '256MB'`.execute(trx);
    await sql`set local maintenance_work_mem = '512MB'`.execute(trx);
    // Per-row triggers off (foreign key checks, search vectors, avskrevet, document text jobs):
    // the rows are made consistent by construction, and what the triggers would derive is
    // computed below in one statement each.
    await sql`set local session_replication_role = replica`.execute(trx);
    await definerFunksjoner(trx, valg.seed, sbh, klasser);
    // The secondary indexes of the tables filled here are built once at the end, from the
    // rows, rather than kept row by row (primary keys and unique constraints stay).
    const indekser = await sekundaereIndekser(trx, FYLTE_TABELLER);
    for (const ix of indekser) await sql`drop index ${sql.id(ix.navn)}`.execute(trx);
    steg('indekser ut');
    const K = (s: string | number) => sql.raw(String(s));
    const dato = (d: string) => sql.raw(`date '${d}'`);

    // The journalposter's skeleton: date (rising with the number), sak (one opened recently
    // before), type; then journalnummer per year and dokumentnummer per sak by position.
    await sql`create temp table g_jp0 on commit drop as
      select i, d as dato, extract(year from d)::int as aar, (${dato(valg.til)} - d) as alder, k,
        case when rt < .44 then 'I' when rt < .78 then 'U' when rt < .90 then 'X' when rt < .95 then 'S' else 'N' end as type,
        case when pg_temp.rnd(i, 3) < .75 then pg_temp.sak_u(k) else floor(pg_temp.rnd(i, 4) * ${K(sbh.length)})::int end as u
      from (
        select i, ${dato(fra)} + floor((i - 1)::float8 * ${K(dager)} / ${K(N)})::int as d,
          greatest(1, least(${K(S)}, ceil(i::float8 * ${K(S)} / ${K(N)})::int - floor(power(pg_temp.rnd(i, 1), 3) * ${K(Math.min(S, 3000))})::int)) as k,
          pg_temp.rnd(i, 2) as rt
        from generate_series(1, ${K(N)}) i
      ) b`.execute(trx);
    steg('g_jp0');
    // Restanser (restanse.sql.ts): I from registration, N and U with forfallsdato once sent.
    // Nearly all old ones are written off, fewer of the recent; some wait for their reply.
    await sql`create temp table g_jp on commit drop as
      select x.*,
        (type = 'I' or (type = 'N' and status in ('E','J','A')) or (type = 'U' and status in ('E','J','A') and pg_temp.rnd(i, 7) < .2))
          and (case when alder > 45 then pg_temp.rnd(i, 30) < .97 else pg_temp.rnd(i, 30) < .45 end) as avskriv,
        alder <= 45 and pg_temp.rnd(i, 30) >= .4 as ventende,
        pg_temp.jptittel(i, k, type) as tittel
      from (
        select g.*, row_number() over (partition by aar order by i)::int as seq, row_number() over (partition by k order by i)::int as dnr,
          case
            when alder > 540 then 'A'
            when alder > 60 then 'J'
            when type = 'I' then (array['S','J'])[1 + floor(pg_temp.rnd(i, 5) * 2)::int]
            when type in ('U','N') then (array['R','R','F','E','E','E','J','J'])[1 + floor(pg_temp.rnd(i, 5) * 8)::int]
            else (array['R','R','F','J'])[1 + floor(pg_temp.rnd(i, 5) * 4)::int]
          end as status
        from g_jp0 g
      ) x`.execute(trx);
    steg('g_jp');
    await sql`create index on g_jp (k)`.execute(trx);
    steg('g_jp_ix');

    await sql`insert into sak (system_id, arkivdel_id, saksaar, sakssekvensnummer, mappe_id, tittel, tittel2, sakstype, saksstatus, saksdato,
        saksansvarlig_id, administrativ_enhet_id, klasse_id, tilgangskode, skjermingsnivaa, skjermingshjemmel, obs_dato, siste_dokumentnummer,
        opprettet_dato, opprettet_av_id, oppdatert_dato, avsluttet_dato, avsluttet_av_id)
      select pg_temp.id(1, k), ${arkivdel.systemId}, saksaar, seq, saksaar || '/' || seq,
        pg_temp.sakstittel(k), case when person then pg_temp.person(k, 40) end,
        sakstype, status, saksdato, pg_temp.bruker(u), pg_temp.enhet(u), pg_temp.klasse(k),
        case when person then 'P' end, case when person then 2 end, case when person then 'Offl. § 13 jf. fvl. § 13 første ledd nr. 1' end,
        case when status in ('R','B') and pg_temp.rnd(k, 14) < .02 then ${dato(valg.til)} + floor(pg_temp.rnd(k, 15) * 30)::int - 10 end,
        coalesce(n.siste, 0), pg_temp.tid(saksdato, k), pg_temp.bruker(u), pg_temp.tid(saksdato, k),
        case when status = 'A' then pg_temp.tid(least(saksdato + 300, ${dato(valg.til)}), k) end, case when status = 'A' then pg_temp.bruker(u) end
      from (
        select k, saksdato, extract(year from saksdato)::int as saksaar, row_number() over (partition by extract(year from saksdato) order by k)::int as seq,
          pg_temp.sakstype(k) as sakstype, pg_temp.sakstype(k) in (${sql.join(ord.PERSONSAKER)}) as person, pg_temp.sak_u(k) as u,
          case
            when ${dato(valg.til)} - saksdato > 540 then (array['A','A','A','A','A','A','A','A','A','B','U'])[1 + floor(pg_temp.rnd(k, 13) * 11)::int]
            else (array['B','B','B','B','B','B','R','R','A'])[1 + floor(pg_temp.rnd(k, 13) * 9)::int]
          end as status
        from (select k, ${dato(fra)} + floor((k - 1)::float8 * ${K(dager)} / ${K(S)})::int as saksdato from generate_series(1, ${K(S)}) k) s
      ) s
      left join (select k as nk, max(dnr) as siste from g_jp group by k) n on n.nk = s.k`.execute(trx);
    steg('sak');

    await sql`insert into journalpost (system_id, sak_id, dokumentnummer, journalaar, journalsekvensnummer, journalposttype, journalstatus, tittel, tittel2,
        dokumentdato, journaldato, mottatt_dato, sendt_dato, forfallsdato, offentlighetsvurdert_dato, saksbehandler_id, administrativ_enhet_id,
        tilgangskode, skjermingsnivaa, skjermingshjemmel, opprettet_dato, opprettet_av_id, oppdatert_dato, arkivert_dato, arkivert_av_id, avskrevet)
      select pg_temp.id(2, i), pg_temp.id(1, k), dnr, aar, seq, type, status,
        tittel, case when pg_temp.sakstype(k) in (${sql.join(ord.PERSONSAKER)}) then pg_temp.person(k, 40) end,
        dato - floor(pg_temp.rnd(i, 6) * 5)::int, dato,
        case when type = 'I' then pg_temp.tid(dato, i) end,
        case when type in ('U','N') and status in ('E','J','A') then pg_temp.tid(dato, i) end,
        case when type in ('I','N') or (type = 'U' and pg_temp.rnd(i, 7) < .2) then dato + case when type = 'U' then 21 else 14 end end,
        case when status in ('J','A') then dato end,
        pg_temp.bruker(u), pg_temp.enhet(u),
        gr[1], gr[2]::smallint, gr[3],
        pg_temp.tid(dato, i), case when type = 'I' and pg_temp.rnd(i, 8) < .5 then ${dokumentsenter.id}::uuid else pg_temp.bruker(u) end, pg_temp.tid(dato, i),
        case when status = 'A' then pg_temp.tid(dato + 400, i) end, case when status = 'A' then ${arkivar.id}::uuid end, avskriv and not ventende
      from (
        select g.*, case
          when pg_temp.sakstype(k) in (${sql.join(ord.PERSONSAKER)}) then array[null, null, null]::text[]
          when type = 'I' and alder < 30 and pg_temp.rnd(i, 9) < .01 then array['XX', '3', 'Midlertidig skjermet, ikke offentlighetsvurdert']
          when pg_temp.rnd(i, 9) < .03 then array['U', '2', 'Offl. § 13 jf. fvl. § 13 første ledd nr. 1']
          else array[null, null, null]::text[] end as gr
        from g_jp g
      ) j`.execute(trx);
    steg('journalpost');

    await sql`insert into korrespondansepart (system_id, journalpost_id, korrespondanseparttype, rekkefolge, navn, postadresse, postnummer, poststed, epostadresse, bruker_id, enhet_id)
      select pg_temp.id(3, i * 2 + n), pg_temp.id(2, i),
        case type when 'I' then 'EA' when 'U' then 'EM' else 'IM' end, n,
        case when type = 'N' then pg_temp.navn(m) when pg_temp.rnd(i * 2 + n, 21) < .6 then pg_temp.person(i * 2 + n, 22) else pg_temp.pick(${arr(ord.VIRKSOMHETER)}, i * 2 + n, 24) end,
        case when type <> 'N' then pg_temp.pick(${arr(ord.GATER)}, i * 2 + n, 25) || ' ' || (1 + floor(pg_temp.rnd(i * 2 + n, 26) * 80)::int) end,
        case when type <> 'N' then split_part(ps, ' ', 1) end, case when type <> 'N' then split_part(ps, ' ', 2) end,
        case when type <> 'N' and pg_temp.rnd(i * 2 + n, 27) < .5 then 'post' || (i * 2 + n) || '@eksempel.no' end,
        case when type = 'N' then pg_temp.bruker(m) end, case when type = 'N' then pg_temp.enhet(m) end
      from (
        select i, type, n, (u + 1 + floor(pg_temp.rnd(i, 23) * ${K(sbh.length - 1)})::int) % ${K(sbh.length)} as m, pg_temp.pick(${arr(ord.POSTSTEDER)}, i, 28) as ps
        from g_jp cross join lateral generate_series(1, case when type in ('I','U') and pg_temp.rnd(i, 20) < .15 then 2 else 1 end) n
        where type in ('I','U','N')
      ) p`.execute(trx);
    steg('korrespondansepart');

    await sql`insert into avskrivning (system_id, journalpost_id, avskrivningsmaate, avskrivningsdato, ventende, avskrevet_av_id, opprettet_dato)
      select pg_temp.id(4, i), pg_temp.id(2, i),
        case when ventende then 'BU' when type = 'N' then 'NX' when type = 'U' then 'TE' else (array['BU','BU','BU','TE','TLF','BI'])[1 + floor(pg_temp.rnd(i, 31) * 6)::int] end,
        case when not ventende then pg_temp.tid(least(dato + floor(pg_temp.rnd(i, 32) * 40)::int, ${dato(valg.til)}), i) end,
        ventende, pg_temp.bruker(u), pg_temp.tid(least(dato + floor(pg_temp.rnd(i, 32) * 40)::int, ${dato(valg.til)}), i)
      from g_jp where avskriv`.execute(trx);
    steg('avskrivning');

    await sql`insert into dokumentbeskrivelse (system_id, journalpost_id, dokumentnummer, tilknyttet_registrering_som, dokumenttype, dokumentstatus, tittel, opprettet_dato, opprettet_av_id, tilknyttet_dato)
      select pg_temp.id(4 + n, i), pg_temp.id(2, i), n, case when n = 1 then 'H' else 'V' end,
        case when n > 1 then 'Vedlegg' when type in ('N','X','S') then 'Notat' else 'Brev' end,
        case when status = 'R' then 'Dokumentet er under redigering' else 'Dokumentet er ferdigstilt' end,
        case when n = 1 then tittel else 'Vedlegg ' || (n - 1) end,
        pg_temp.tid(dato, i), pg_temp.bruker(u), pg_temp.tid(dato, i)
      from g_jp cross join lateral generate_series(1, case when pg_temp.rnd(i, 40) < .12 then 2 else 1 end) n`.execute(trx);
    steg('dokumentbeskrivelse');
    await sql`insert into dokumentversjon (system_id, dokumentbeskrivelse_id, versjonsnummer, variantformat, format, filnavn, sjekksum, filstoerrelse, opprettet_dato, opprettet_av_id)
      select pg_temp.id(7, i * 2 + n), pg_temp.id(4 + n, i), 1, 'P', 'application/pdf', 'dokument-' || i || '-' || n || '.pdf',
        pg_temp.hex64(i * 2 + n),
        20000 + floor(pg_temp.rnd(i * 2 + n, 41) * 400000)::bigint, pg_temp.tid(dato, i), pg_temp.bruker(u)
      from g_jp cross join lateral generate_series(1, case when pg_temp.rnd(i, 40) < .12 then 2 else 1 end) n`.execute(trx);
    steg('dokumentversjon');
    // The text the extraction job would have stored for each version (the files themselves are
    // not written), so document text is searched as in a live archive; none waits for the job.
    // A few sentences each: the vector is the sentences' own vectors joined (to_tsvector of
    // each sentence once, not of every text).
    const setninger = ord.DOKUMENTSETNINGER;
    await sql`create temp table g_setning on commit drop as
      select n, s as tekst, to_tsvector('norwegian', s) as sok from unnest(${arr(setninger)}) with ordinality as u(s, n)`.execute(trx);
    const vanlige = setninger.length - 3;
    const setning = (salt: number) => sql.raw(`1 + floor(pg_temp.rnd(i * 2 + n, ${salt}) * ${vanlige})::int`);
    await sql`insert into dokument_tekst (dokumentversjon_id, dokumentbeskrivelse_id, status, tekst, sok, oppdatert_dato)
      select v, d, 'FERDIG', concat_ws(' ', a.tekst, b.tekst, c.tekst, r.tekst), a.sok || b.sok || c.sok || coalesce(r.sok, ''), t
      from (
        select pg_temp.id(7, i * 2 + n) as v, pg_temp.id(4 + n, i) as d, pg_temp.tid(dato, i) as t,
          ${setning(80)} as a, ${setning(81)} as b, ${setning(82)} as c,
          case when pg_temp.rnd(i * 2 + n, 83) < .02 then ${K(vanlige + 1)} + floor(pg_temp.rnd(i * 2 + n, 84) * 3)::int end as r
        from g_jp cross join lateral generate_series(1, case when pg_temp.rnd(i, 40) < .12 then 2 else 1 end) n
      ) x
      join g_setning a on a.n = x.a join g_setning b on b.n = x.b join g_setning c on c.n = x.c left join g_setning r on r.n = x.r`.execute(trx);
    steg('dokument_tekst');

    // Oppgaver: approvals in flight (drafts sent to the unit's leader), requests for comment,
    // messages and copies; the recent ones open, older ones answered.
    await sql`insert into oppgave (system_id, oppgavetype, status, journalpost_id, sak_id, avsender_id, mottaker_id, innsender_id, merknad, svar, svar_dato, lest_dato, opprettet_dato)
      select pg_temp.id(8, i), type, status, pg_temp.id(2, i), pg_temp.id(1, k), pg_temp.bruker(u), mottaker,
        case when type = 'GODKJENNING' then pg_temp.bruker(u) end,
        case when type = 'UTTALELSE' then 'Kan du se på dette før fristen?' end,
        case when status = 'besvart' then 'Tatt til orientering' end, case when status = 'besvart' then pg_temp.tid(dato + 3, i) end,
        case when status <> 'aktiv' then pg_temp.tid(dato + 1, i) end, pg_temp.tid(dato, i)
      from (
        select i, k, u, dato,
          case when g.type in ('U','N') and g.status = 'R' then 'GODKJENNING' else (array['UTTALELSE','BESKJED','INTERN_KOPI','UTTALELSE'])[1 + floor(pg_temp.rnd(i, 51) * 4)::int] end as type,
          case when g.type in ('U','N') and g.status = 'R' then 'aktiv' when alder < 45 and pg_temp.rnd(i, 52) < .7 then 'aktiv' else (array['besvart','besvart','fjernet'])[1 + floor(pg_temp.rnd(i, 52) * 3)::int] end as status,
          case when g.type in ('U','N') and g.status = 'R' then pg_temp.leder(u) else pg_temp.bruker((u + 1 + floor(pg_temp.rnd(i, 53) * ${K(sbh.length - 1)})::int) % ${K(sbh.length)}) end as mottaker
        from g_jp g
        where (g.type in ('U','N') and g.status = 'R' and pg_temp.rnd(i, 50) < .3) or pg_temp.rnd(i, 50) >= .94
      ) o
      where mottaker <> pg_temp.bruker(u)`.execute(trx);
    steg('oppgave');

    await sql`insert into historikk (system_id, tidspunkt, bruker_id, handling, objekttype, objekt_id, sak_id, data)
      select pg_temp.id(9, k), opprettet_dato, opprettet_av_id, 'sak_opprettet', 'sak', system_id, system_id,
        jsonb_build_object('saksnummer', mappe_id, 'tittel', tittel, 'sakstype', sakstype)
      from (select s.*, saksaar::bigint * 10000000 + sakssekvensnummer as k from sak s) s`.execute(trx);
    steg('historikk sak');
    await sql`insert into historikk (system_id, tidspunkt, bruker_id, handling, objekttype, objekt_id, sak_id, journalpost_id, data)
      select pg_temp.id(9 + n, i), pg_temp.tid(dato, i) + (n - 1) * interval '2 hours', pg_temp.bruker(u),
        case when n = 1 then 'journalpost_opprettet' else 'journalpost_status_endret' end, 'journalpost', pg_temp.id(2, i), pg_temp.id(1, k), pg_temp.id(2, i),
        case when n = 1 then jsonb_build_object('journalposttype', type, 'journalnummer', aar || '/' || seq, 'dokumentnummer', dnr)
          else jsonb_build_object('journalstatus', jsonb_build_object('fra', case when type = 'I' then 'S' else 'F' end, 'til', 'J')) end
      from g_jp cross join lateral generate_series(1, case when status in ('J','A') then 2 else 1 end) n`.execute(trx);
    steg('historikk journalpost');

    await sql`insert into sist_brukt_sak (bruker_id, sak_id, tidspunkt)
      select pg_temp.bruker(u), pg_temp.id(1, greatest(1, ${K(S)} - floor(pg_temp.rnd(u * 100 + n, 60) * ${K(Math.min(S, 2000))})::int)), ${dato(valg.til)}::timestamptz - n * interval '3 hours'
      from generate_series(0, ${K(sbh.length - 1)}) u cross join generate_series(1, 20) n
      on conflict do nothing`.execute(trx);
    steg('sist_brukt_sak');

    await sql`insert into nummerserie (serie, aar, siste)
      select 'saksnummer', saksaar, max(sakssekvensnummer) from sak group by saksaar
      union all select 'journalnummer', journalaar, max(journalsekvensnummer) from journalpost group by journalaar
      on conflict (serie, aar) do update set siste = greatest(nummerserie.siste, excluded.siste)`.execute(trx);
    steg('nummerserie');

    // Search vectors for every sak and journalpost (the triggers that keep them were off): the
    // vectors of `sok_bygg_alle()` (migrations 0017 and 0025), with each title's vector made once
    // (`offset 0` keeps the planner from copying the expression into both places).
    // No generated title has screened words, so the tier without them (`skjermet`) is `alle`.
    await sql`insert into sok_sak (sak_id, aapen, tittel, skjermet, alle)
      select s.system_id, s.tilgangskode is null, t.v, a.v, a.v
      from sak s cross join lateral (select to_tsvector('norwegian', s.tittel) as v offset 0) t
      cross join lateral (select setweight(t.v, 'A') || setweight(to_tsvector('norwegian', coalesce(s.tittel2, '') || ' ' || array_to_string(s.noekkelord, ' ')), 'B')
          || setweight(to_tsvector('norwegian', coalesce(s.beskrivelse, '')), 'C') as v offset 0) a`.execute(trx);
    await sql`insert into sok_journalpost (journalpost_id, aapen, journaldato, tittel, parter, skjermet, alle)
      select j.system_id, j.tilgangskode is null and s.tilgangskode is null and j.journalstatus <> 'R' and j.feilregistrert_dato is null,
        j.journaldato, t.v, coalesce(p.parter, ''), a.v, a.v
      from journalpost j
      join sak s on s.system_id = j.sak_id
      cross join lateral (select to_tsvector('norwegian', j.tittel) as v offset 0) t
      left join (
        select k.journalpost_id, to_tsvector('norwegian', string_agg(k.navn || ' ' || coalesce(k.kontaktperson, ''), ' ')) as parter
        from korrespondansepart k group by k.journalpost_id) p on p.journalpost_id = j.system_id
      cross join lateral (select setweight(t.v, 'A') || setweight(to_tsvector('norwegian', coalesce(j.tittel2, '')), 'B')
          || setweight(coalesce(p.parter, ''), 'C') || setweight(to_tsvector('norwegian', coalesce(j.beskrivelse, '')), 'D') as v offset 0) a`.execute(trx);
    steg('søkevektorer');
    for (const ix of indekser) await sql.raw(ix.def).execute(trx);
    steg('indekser inn');

    return { saker: S, journalposter: N, brukere: sbh.length, fra, til: valg.til };
  });
}

/** The tables the generator fills (and whose secondary indexes it builds after the rows). */
const FYLTE_TABELLER = ['sak', 'journalpost', 'korrespondansepart', 'avskrivning', 'dokumentbeskrivelse', 'dokumentversjon', 'dokument_tekst', 'oppgave', 'historikk', 'sist_brukt_sak', 'sok_sak', 'sok_journalpost'];

/** Indexes on the tables that no constraint owns, with the statement that makes each again. */
async function sekundaereIndekser(trx: Transaction<DB>, tabeller: readonly string[]) {
  const { rows } = await sql<{ navn: string; def: string }>`
    select ic.relname as navn, pg_get_indexdef(i.indexrelid) as def
    from pg_index i
    join pg_class ic on ic.oid = i.indexrelid
    join pg_class c on c.oid = i.indrelid
    where c.relnamespace = to_regnamespace(current_schema()) and c.relname in (${sql.join(tabeller)})
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
    order by ic.relname`.execute(trx);
  return rows;
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arrLit = (xs: readonly string[]) => `array[${xs.map(q).join(',')}]::text[]`;
const arr = (xs: readonly string[]) => sql.raw(arrLit(xs));

/** Session-local SQL functions (pg_temp): the seeded PRNG and the pieces rows are built from. */
async function definerFunksjoner(trx: Transaction<DB>, seed: number, sbh: readonly GenerertBruker[], klasser: readonly string[]) {
  const fn = (navn: string, args: string, returns: string, body: string) =>
    sql.raw(`create function pg_temp.${navn}(${args}) returns ${returns} language sql immutable as $fn$ select ${body} $fn$`).execute(trx);
  const uuids = (xs: readonly string[]) => `array[${xs.map(q).join(',')}]::uuid[]`;
  const seedSql = `${Math.trunc(seed)}::bigint`;
  // Uniform in [0, 1) from (i, salt, seed): a counter-based generator, so rows need no state.
  await fn('rnd', 'i bigint, salt int', 'float8', `(hashint8extended(i, ${seedSql} * 1000 + salt) & 2147483647)::float8 / 2147483648.0`);
  // Ids: the kind of row and its number, so they are unique by construction and cheap to make.
  await fn('id', 'kind int, i bigint', 'uuid', `(lpad(to_hex(kind), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid`);
  const h16 = (salt: number) => `lpad(to_hex(hashint8extended(i, ${seedSql} * 1000 + ${salt})), 16, '0')`;
  await fn('hex64', 'i bigint', 'text', [70, 71, 72, 73].map(h16).join(' || '));
  await fn('pick', 'liste text[], i bigint, salt int', 'text', `liste[1 + floor(pg_temp.rnd(i, salt) * cardinality(liste))::int]`);
  await fn('bruker', 'u int', 'uuid', `(${uuids(sbh.map((b) => b.id))})[u + 1]`);
  await fn('enhet', 'u int', 'uuid', `(${uuids(sbh.map((b) => b.enhetId))})[u + 1]`);
  await fn('leder', 'u int', 'uuid', `(${uuids(sbh.map((b) => b.lederId))})[u + 1]`);
  await fn('navn', 'u int', 'text', `(${arrLit(sbh.map((b) => b.navn))})[u + 1]`);
  await fn('klasse', 'k int', 'uuid', klasser.length ? `(${uuids(klasser)})[1 + floor(pg_temp.rnd(k, 16) * ${klasser.length})::int]` : 'null::uuid');
  await fn('sak_u', 'k int', 'int', `floor(pg_temp.rnd(k, 11) * ${sbh.length})::int`);
  await fn('tid', 'd date, i bigint', 'timestamptz', `(d + time '07:30' + floor(pg_temp.rnd(i, 17) * 540) * interval '1 minute') at time zone 'Europe/Oslo'`);
  await fn('person', 'i bigint, salt int', 'text', `pg_temp.pick(${arrLit(ord.FORNAVN)}, i, salt) || ' ' || pg_temp.pick(${arrLit(ord.ETTERNAVN)}, i, salt + 1)`);
  // One draw over a hundred slots, each sakstype in proportion to its share.
  const fordeling = ord.SAKSTYPER.flatMap((t, n) => Array<string>(ord.SAKSTYPE_ANDEL[n]!).fill(t));
  await fn('sakstype', 'k int', 'text', `(${arrLit(fordeling)})[1 + floor(pg_temp.rnd(k, 10) * ${fordeling.length})::int]`);
  const emner = ord.SAKSTYPER.map((t) => `when ${q(t)} then pg_temp.pick(${arrLit(ord.SAKSEMNER[t]!)}, k, 12)`);
  await fn('emne', 'k int', 'text', `case pg_temp.sakstype(k) ${emner.join(' ')} end`);
  const gate = (i: string, salt: number) => `pg_temp.pick(${arrLit(ord.GATER)}, ${i}, ${salt}) || ' ' || (1 + floor(pg_temp.rnd(${i}, ${salt + 1}) * 80)::int)`;
  await fn(
    'sakstittel',
    'k int',
    'text',
    `pg_temp.emne(k) || case
      when pg_temp.sakstype(k) in ('BS','ES') then ' - Gnr ' || (1 + floor(pg_temp.rnd(k, 18) * 120)::int) || ' bnr ' || (1 + floor(pg_temp.rnd(k, 19) * 400)::int) || ' - ' || ${gate('k', 33)}
      when pg_temp.sakstype(k) in (${ord.PERSONSAKER.map(q).join(',')}) then ''
      when pg_temp.sakstype(k) in ('PS','RS','ST') then ' - ' || pg_temp.pick(${arrLit(ord.STEDER)}, k, 35)
      else ' - ' || ${gate('k', 33)} end`,
  );
  const typer: [string, readonly string[]][] = [['I', ord.INNGAAENDE], ['U', ord.UTGAAENDE], ['N', ord.NOTATER], ['X', ord.ARKIVNOTATER], ['S', ord.SAKSFRAMLEGG]];
  await fn(
    'jptittel',
    'i bigint, k int, type text',
    'text',
    `case type ${typer.map(([t, xs]) => `when ${q(t)} then pg_temp.pick(${arrLit(xs)}, i, 36)`).join(' ')} end || ' ' || lower(pg_temp.emne(k))
      || case when pg_temp.sakstype(k) in (${ord.PERSONSAKER.map(q).join(',')}) then '' else ' - ' || ${gate('k', 33)} end`,
  );
}
