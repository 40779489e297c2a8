import { type Kysely, sql } from 'kysely';

/**
 * Screened words in titles (docs/skjerming.md § Screened words): a graded sak or journalpost
 * keeps the words of its title lines that show as `*****` to those who do not see through its
 * grading, and in the public journal. Stored normalized, as words, not positions, so a word
 * stays screened through title edits.
 *
 * `skjerm_ord(text, text[])` is the SQL twin of `skjermOrd` in shared/src/skjermord.ts (same
 * separators, same case folding by an explicit table rather than the locale); a test asserts
 * the two agree.
 *
 * Search: the vectors searched by those who do not see through a grading no longer hold the
 * screened words. `tittel` (line 1, for hidden level ≥ 2 and drafts) is built from the screened
 * title; the new `skjermet` is `alle` with the screened words left out (hidden level 1). `alle`
 * keeps every word (the GIN index finds the candidates, the tier decides).
 * Frozen; never import app code.
 */
const STORE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅÄÖÜÉÈÊÁÀÓÒÍÚÇÑ';
const SMAA = 'abcdefghijklmnopqrstuvwxyzæøåäöüéèêáàóòíúçñ';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table sak add column skjermede_ord text[] not null default '{}'`.execute(db);
  await sql`alter table journalpost add column skjermede_ord text[] not null default '{}'`.execute(db);

  await sql`create function skjerm_ord_norm(t text) returns text language sql immutable parallel safe
    as $fn$ select translate(t, ${sql.lit(STORE)}, ${sql.lit(SMAA)}) $fn$`.execute(db);
  await sql`
    create function skjerm_ord(tekst text, ord text[]) returns text language plpgsql immutable parallel safe as $fn$
    declare
      skille constant text := ' ' || chr(9) || chr(10) || chr(13) || chr(160) || ',.;:!?()[]{}"''«»/\\–—';
      merket text[];
      ut text := '';
      naa text := '';
      er_ord boolean := false;
      c text;
      o boolean;
    begin
      if tekst is null or ord is null or cardinality(ord) = 0 then return tekst; end if;
      merket := array(select skjerm_ord_norm(x) from unnest(ord) x);
      for i in 1..char_length(tekst) loop
        c := substr(tekst, i, 1);
        o := strpos(skille, c) = 0;
        if naa <> '' and o <> er_ord then
          ut := ut || case when er_ord and skjerm_ord_norm(naa) = any(merket) then '*****' else naa end;
          naa := '';
        end if;
        naa := naa || c;
        er_ord := o;
      end loop;
      if naa <> '' then
        ut := ut || case when er_ord and skjerm_ord_norm(naa) = any(merket) then '*****' else naa end;
      end if;
      return ut;
    end $fn$`.execute(db);

  await sql`alter table sok_sak add column skjermet tsvector not null default ''`.execute(db);
  await sql`alter table sok_journalpost add column skjermet tsvector not null default ''`.execute(db);

  await sql`
    create or replace function sok_sak_oppdater() returns trigger language plpgsql as $fn$
    begin
      insert into sok_sak (sak_id, aapen, tittel, skjermet, alle)
      values (
        new.system_id,
        new.tilgangskode is null,
        to_tsvector('norwegian', skjerm_ord(new.tittel, new.skjermede_ord)),
        setweight(to_tsvector('norwegian', skjerm_ord(new.tittel, new.skjermede_ord)), 'A')
          || setweight(to_tsvector('norwegian', coalesce(skjerm_ord(new.tittel2, new.skjermede_ord), '') || ' ' || array_to_string(new.noekkelord, ' ')), 'B')
          || setweight(to_tsvector('norwegian', coalesce(new.beskrivelse, '')), 'C'),
        setweight(to_tsvector('norwegian', new.tittel), 'A')
          || setweight(to_tsvector('norwegian', coalesce(new.tittel2, '') || ' ' || array_to_string(new.noekkelord, ' ')), 'B')
          || setweight(to_tsvector('norwegian', coalesce(new.beskrivelse, '')), 'C'))
      on conflict (sak_id) do update set aapen = excluded.aapen, tittel = excluded.tittel, skjermet = excluded.skjermet, alle = excluded.alle;
      -- The sak's grading is inherited: its journalposter may open or close with it.
      if tg_op = 'UPDATE' and new.tilgangskode is distinct from old.tilgangskode then
        perform sok_journalpost_bygg(j.system_id) from journalpost j where j.sak_id = new.system_id;
      end if;
      return null;
    end $fn$`.execute(db);
  await sql`drop trigger sok_sak_tg on sak`.execute(db);
  await sql`create trigger sok_sak_tg after insert or update of tittel, tittel2, beskrivelse, noekkelord, tilgangskode, skjermede_ord on sak
    for each row execute function sok_sak_oppdater()`.execute(db);

  await sql`
    create or replace function sok_journalpost_bygg(jp uuid) returns void language plpgsql as $fn$
    begin
      insert into sok_journalpost (journalpost_id, aapen, journaldato, tittel, parter, skjermet, alle)
      select j.system_id,
             j.tilgangskode is null and s.tilgangskode is null and j.journalstatus <> 'R' and j.feilregistrert_dato is null,
             j.journaldato, t.skjermet, p.parter,
             setweight(t.skjermet, 'A') || setweight(to_tsvector('norwegian', coalesce(skjerm_ord(j.tittel2, j.skjermede_ord), '')), 'B')
               || setweight(p.parter, 'C') || setweight(to_tsvector('norwegian', coalesce(j.beskrivelse, '')), 'D'),
             setweight(t.tittel, 'A') || setweight(to_tsvector('norwegian', coalesce(j.tittel2, '')), 'B')
               || setweight(p.parter, 'C') || setweight(to_tsvector('norwegian', coalesce(j.beskrivelse, '')), 'D')
      from journalpost j
      join sak s on s.system_id = j.sak_id
      cross join lateral (select to_tsvector('norwegian', j.tittel) as tittel,
                                 to_tsvector('norwegian', skjerm_ord(j.tittel, j.skjermede_ord)) as skjermet) t
      cross join lateral (
        select to_tsvector('norwegian', coalesce(string_agg(k.navn || ' ' || coalesce(k.kontaktperson, ''), ' '), '')) as parter
        from korrespondansepart k where k.journalpost_id = j.system_id) p
      where j.system_id = jp
      on conflict (journalpost_id) do update
        set aapen = excluded.aapen, journaldato = excluded.journaldato, tittel = excluded.tittel, parter = excluded.parter,
            skjermet = excluded.skjermet, alle = excluded.alle;
    end $fn$`.execute(db);
  await sql`drop trigger sok_journalpost_tg on journalpost`.execute(db);
  await sql`create trigger sok_journalpost_tg after insert or update of tittel, tittel2, beskrivelse, tilgangskode, journalstatus, feilregistrert_dato, sak_id, journaldato, skjermede_ord on journalpost
    for each row execute function sok_journalpost_oppdater()`.execute(db);

  // A bulk load may run with triggers off (session_replication_role = replica) and call this after.
  await sql`
    create or replace function sok_bygg_alle() returns void language sql as $fn$
      insert into sok_sak (sak_id, aapen, tittel, skjermet, alle)
      select s.system_id, s.tilgangskode is null, to_tsvector('norwegian', skjerm_ord(s.tittel, s.skjermede_ord)),
             setweight(to_tsvector('norwegian', skjerm_ord(s.tittel, s.skjermede_ord)), 'A')
               || setweight(to_tsvector('norwegian', coalesce(skjerm_ord(s.tittel2, s.skjermede_ord), '') || ' ' || array_to_string(s.noekkelord, ' ')), 'B')
               || setweight(to_tsvector('norwegian', coalesce(s.beskrivelse, '')), 'C'),
             setweight(to_tsvector('norwegian', s.tittel), 'A')
               || setweight(to_tsvector('norwegian', coalesce(s.tittel2, '') || ' ' || array_to_string(s.noekkelord, ' ')), 'B')
               || setweight(to_tsvector('norwegian', coalesce(s.beskrivelse, '')), 'C')
      from sak s
      on conflict (sak_id) do update set aapen = excluded.aapen, tittel = excluded.tittel, skjermet = excluded.skjermet, alle = excluded.alle;
      insert into sok_journalpost (journalpost_id, aapen, journaldato, tittel, parter, skjermet, alle)
      select j.system_id,
             j.tilgangskode is null and s.tilgangskode is null and j.journalstatus <> 'R' and j.feilregistrert_dato is null,
             j.journaldato, to_tsvector('norwegian', skjerm_ord(j.tittel, j.skjermede_ord)), coalesce(p.parter, ''),
             setweight(to_tsvector('norwegian', skjerm_ord(j.tittel, j.skjermede_ord)), 'A')
               || setweight(to_tsvector('norwegian', coalesce(skjerm_ord(j.tittel2, j.skjermede_ord), '')), 'B')
               || setweight(coalesce(p.parter, ''), 'C') || setweight(to_tsvector('norwegian', coalesce(j.beskrivelse, '')), 'D'),
             setweight(to_tsvector('norwegian', j.tittel), 'A') || setweight(to_tsvector('norwegian', coalesce(j.tittel2, '')), 'B')
               || setweight(coalesce(p.parter, ''), 'C') || setweight(to_tsvector('norwegian', coalesce(j.beskrivelse, '')), 'D')
      from journalpost j
      join sak s on s.system_id = j.sak_id
      left join (
        select k.journalpost_id, to_tsvector('norwegian', string_agg(k.navn || ' ' || coalesce(k.kontaktperson, ''), ' ')) as parter
        from korrespondansepart k group by k.journalpost_id) p on p.journalpost_id = j.system_id
      on conflict (journalpost_id) do update
        set aapen = excluded.aapen, journaldato = excluded.journaldato, tittel = excluded.tittel, parter = excluded.parter,
            skjermet = excluded.skjermet, alle = excluded.alle;
      insert into dokument_tekst (dokumentversjon_id, dokumentbeskrivelse_id)
      select v.system_id, v.dokumentbeskrivelse_id from dokumentversjon v
      on conflict (dokumentversjon_id) do nothing;
    $fn$`.execute(db);

  // Every record's tiers once (skjermet is new): with no screened words it equals alle.
  await sql`update sok_sak set skjermet = alle`.execute(db);
  await sql`update sok_journalpost set skjermet = alle`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  throw new Error('0025_skjermede_ord is not reversible: restore from backup');
}
