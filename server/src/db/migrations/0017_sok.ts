import { type Kysely, sql } from 'kysely';

/**
 * Full-text search (PostgreSQL's `norwegian` configuration: søknad, søknaden and søknader are
 * one lexeme). The vectors live beside the records, not in them, so no `select *` ever
 * carries them, and they are kept by triggers, so every writer (routes, mail import, the
 * seed, a bulk load straight into the tables) keeps them current.
 *
 * Each record has one vector per skjerming tier, because a word must neither match nor count
 * for a user who may not see it (docs/skjerming.md):
 *   - sak: `tittel` (line 1, public) and `alle` (+ line 2, beskrivelse, nøkkelord: level 2);
 *   - journalpost: `tittel`, `parter` (korrespondanseparter: level 3) and `alle` (+ line 2 and
 *     beskrivelse: level 2). `alle` holds every word, so its GIN index finds the candidates;
 *     the query then matches the tier the user may search.
 *   - a document version's text (`dokument_tekst`, level 1 and the document's own grading),
 *     extracted by a job after upload: a new version enters as `VENTER`.
 * `aapen` marks the records nothing can hide from anyone (no tilgangskode on them or their
 * sak, not a draft, not removed): for those, the most common case, the search needs no
 * per-user decision and reads the vector table alone.
 * Frozen; never import app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table sok_sak (
      sak_id uuid primary key references sak(system_id) on delete cascade,
      aapen boolean not null,
      tittel tsvector not null,
      alle tsvector not null
    )`.execute(db);
  await sql`
    create table sok_journalpost (
      journalpost_id uuid primary key references journalpost(system_id) on delete cascade,
      aapen boolean not null,
      journaldato date not null,
      tittel tsvector not null,
      parter tsvector not null,
      alle tsvector not null
    )`.execute(db);
  await sql`
    create table dokument_tekst (
      dokumentversjon_id uuid primary key references dokumentversjon(system_id) on delete cascade,
      dokumentbeskrivelse_id uuid not null references dokumentbeskrivelse(system_id) on delete cascade,
      status text not null default 'VENTER' check (status in ('VENTER', 'LESER', 'FERDIG', 'FEILET')),
      forsoek integer not null default 0,
      neste_forsoek timestamptz not null default now(),
      laast_til timestamptz,
      feil text,
      tekst text,
      sok tsvector,
      oppdatert_dato timestamptz not null default now()
    )`.execute(db);

  // Two partial GIN indexes each: the open records (no per-user decision) and the rest.
  await sql`create index sok_sak_aapen_ix on sok_sak using gin (alle) where aapen`.execute(db);
  await sql`create index sok_sak_graderte_ix on sok_sak using gin (alle) where not aapen`.execute(db);
  await sql`create index sok_journalpost_aapen_ix on sok_journalpost using gin (alle) where aapen`.execute(db);
  await sql`create index sok_journalpost_graderte_ix on sok_journalpost using gin (alle) where not aapen`.execute(db);
  await sql`create index dokument_tekst_sok_ix on dokument_tekst using gin (sok)`.execute(db);
  await sql`create index dokument_tekst_dok_ix on dokument_tekst (dokumentbeskrivelse_id)`.execute(db);
  await sql`create index dokument_tekst_ko_ix on dokument_tekst (neste_forsoek) where status in ('VENTER', 'LESER')`.execute(db);
  // Recently used saker and numbers are read by exact look-ups on the unique (year, number) indexes.

  await sql`
    create function sok_sak_oppdater() returns trigger language plpgsql as $fn$
    begin
      insert into sok_sak (sak_id, aapen, tittel, alle)
      values (
        new.system_id,
        new.tilgangskode is null,
        to_tsvector('norwegian', new.tittel),
        setweight(to_tsvector('norwegian', new.tittel), 'A')
          || setweight(to_tsvector('norwegian', coalesce(new.tittel2, '') || ' ' || array_to_string(new.noekkelord, ' ')), 'B')
          || setweight(to_tsvector('norwegian', coalesce(new.beskrivelse, '')), 'C'))
      on conflict (sak_id) do update set aapen = excluded.aapen, tittel = excluded.tittel, alle = excluded.alle;
      -- The sak's grading is inherited: its journalposter may open or close with it.
      if tg_op = 'UPDATE' and new.tilgangskode is distinct from old.tilgangskode then
        perform sok_journalpost_bygg(j.system_id) from journalpost j where j.sak_id = new.system_id;
      end if;
      return null;
    end $fn$`.execute(db);
  await sql`create trigger sok_sak_tg after insert or update of tittel, tittel2, beskrivelse, noekkelord, tilgangskode on sak
    for each row execute function sok_sak_oppdater()`.execute(db);

  await sql`
    create function sok_journalpost_bygg(jp uuid) returns void language plpgsql as $fn$
    begin
      insert into sok_journalpost (journalpost_id, aapen, journaldato, tittel, parter, alle)
      select j.system_id,
             j.tilgangskode is null and s.tilgangskode is null and j.journalstatus <> 'R' and j.feilregistrert_dato is null,
             j.journaldato, t.tittel, p.parter,
             setweight(t.tittel, 'A') || setweight(to_tsvector('norwegian', coalesce(j.tittel2, '')), 'B')
               || setweight(p.parter, 'C') || setweight(to_tsvector('norwegian', coalesce(j.beskrivelse, '')), 'D')
      from journalpost j
      join sak s on s.system_id = j.sak_id
      cross join lateral (select to_tsvector('norwegian', j.tittel) as tittel) t
      cross join lateral (
        select to_tsvector('norwegian', coalesce(string_agg(k.navn || ' ' || coalesce(k.kontaktperson, ''), ' '), '')) as parter
        from korrespondansepart k where k.journalpost_id = j.system_id) p
      where j.system_id = jp
      on conflict (journalpost_id) do update
        set aapen = excluded.aapen, journaldato = excluded.journaldato, tittel = excluded.tittel, parter = excluded.parter, alle = excluded.alle;
    end $fn$`.execute(db);
  await sql`
    create function sok_journalpost_oppdater() returns trigger language plpgsql as $fn$
    begin
      perform sok_journalpost_bygg(new.system_id);
      return null;
    end $fn$`.execute(db);
  await sql`create trigger sok_journalpost_tg after insert or update of tittel, tittel2, beskrivelse, tilgangskode, journalstatus, feilregistrert_dato, sak_id, journaldato on journalpost
    for each row execute function sok_journalpost_oppdater()`.execute(db);
  await sql`
    create function sok_part_oppdater() returns trigger language plpgsql as $fn$
    begin
      if tg_op in ('UPDATE', 'DELETE') then perform sok_journalpost_bygg(old.journalpost_id); end if;
      if tg_op in ('INSERT', 'UPDATE') and (tg_op = 'INSERT' or new.journalpost_id <> old.journalpost_id) then
        perform sok_journalpost_bygg(new.journalpost_id);
      end if;
      return null;
    end $fn$`.execute(db);
  await sql`create trigger sok_part_tg after insert or update of navn, kontaktperson, journalpost_id or delete on korrespondansepart
    for each row execute function sok_part_oppdater()`.execute(db);

  await sql`
    create function dokument_tekst_ny() returns trigger language plpgsql as $fn$
    begin
      insert into dokument_tekst (dokumentversjon_id, dokumentbeskrivelse_id) values (new.system_id, new.dokumentbeskrivelse_id);
      return null;
    end $fn$`.execute(db);
  await sql`create trigger dokument_tekst_tg after insert on dokumentversjon for each row execute function dokument_tekst_ny()`.execute(db);

  // A bulk load may run with triggers off (session_replication_role = replica) and call this after.
  await sql`
    create function sok_bygg_alle() returns void language sql as $fn$
      insert into sok_sak (sak_id, aapen, tittel, alle)
      select s.system_id, s.tilgangskode is null, to_tsvector('norwegian', s.tittel),
             setweight(to_tsvector('norwegian', s.tittel), 'A')
               || setweight(to_tsvector('norwegian', coalesce(s.tittel2, '') || ' ' || array_to_string(s.noekkelord, ' ')), 'B')
               || setweight(to_tsvector('norwegian', coalesce(s.beskrivelse, '')), 'C')
      from sak s
      on conflict (sak_id) do update set aapen = excluded.aapen, tittel = excluded.tittel, alle = excluded.alle;
      insert into sok_journalpost (journalpost_id, aapen, journaldato, tittel, parter, alle)
      select j.system_id,
             j.tilgangskode is null and s.tilgangskode is null and j.journalstatus <> 'R' and j.feilregistrert_dato is null,
             j.journaldato, to_tsvector('norwegian', j.tittel), coalesce(p.parter, ''),
             setweight(to_tsvector('norwegian', j.tittel), 'A') || setweight(to_tsvector('norwegian', coalesce(j.tittel2, '')), 'B')
               || setweight(coalesce(p.parter, ''), 'C') || setweight(to_tsvector('norwegian', coalesce(j.beskrivelse, '')), 'D')
      from journalpost j
      join sak s on s.system_id = j.sak_id
      left join (
        select k.journalpost_id, to_tsvector('norwegian', string_agg(k.navn || ' ' || coalesce(k.kontaktperson, ''), ' ')) as parter
        from korrespondansepart k group by k.journalpost_id) p on p.journalpost_id = j.system_id
      on conflict (journalpost_id) do update
        set aapen = excluded.aapen, journaldato = excluded.journaldato, tittel = excluded.tittel, parter = excluded.parter, alle = excluded.alle;
      insert into dokument_tekst (dokumentversjon_id, dokumentbeskrivelse_id)
      select v.system_id, v.dokumentbeskrivelse_id from dokumentversjon v
      on conflict (dokumentversjon_id) do nothing;
    $fn$`.execute(db);

  // What is already there: vectors now, document text by the job.
  await sql`select sok_bygg_alle()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger dokument_tekst_tg on dokumentversjon`.execute(db);
  await sql`drop trigger sok_part_tg on korrespondansepart`.execute(db);
  await sql`drop trigger sok_journalpost_tg on journalpost`.execute(db);
  await sql`drop trigger sok_sak_tg on sak`.execute(db);
  await sql`drop function sok_bygg_alle, dokument_tekst_ny, sok_part_oppdater, sok_journalpost_oppdater, sok_journalpost_bygg, sok_sak_oppdater`.execute(db);
  await sql`drop table dokument_tekst, sok_journalpost, sok_sak`.execute(db);
}
