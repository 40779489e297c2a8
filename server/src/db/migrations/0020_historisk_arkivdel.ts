import { type Kysely, sql } from 'kysely';

/**
 * A historic base: an arkivdel imported from an older deposit is read-only. Frozen: never import
 * application code here.
 *
 * - arkivdel.skrivebeskyttet, and where it came from (importert_fra: version, folder, time).
 * - One trigger function on every table that holds the arkivdel's records refuses any insert,
 *   update or delete of a record in a read-only arkivdel with SQLSTATE AR001 (the API answers
 *   409 arkivdel_read_only), whatever route or job attempts it. Only the import itself, in its
 *   own transaction with `set local arkiv.import = 'on'`, writes there.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('arkivdel').addColumn('skrivebeskyttet', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
  await db.schema.alterTable('arkivdel').addColumn('importert_fra', 'jsonb').execute();

  await sql`
    create function arkivdel_skrivebeskyttet_ck() returns trigger language plpgsql as $$
    declare
      r jsonb;
      del uuid;
    begin
      if coalesce(current_setting('arkiv.import', true), '') = 'on' then
        return coalesce(new, old);
      end if;
      foreach r in array array[to_jsonb(new), to_jsonb(old)] loop
        continue when r is null;
        del := null;
        if tg_table_name = 'arkivdel' then
          if tg_op <> 'INSERT' and (to_jsonb(old) ->> 'skrivebeskyttet')::boolean then del := old.system_id; end if;
        elsif tg_table_name = 'sak' then
          del := (r ->> 'arkivdel_id')::uuid;
        else
          select s.arkivdel_id into del from sak s
           where s.system_id = coalesce(
             (r ->> 'sak_id')::uuid,
             (r ->> 'fra_sak_id')::uuid,
             (select j.sak_id from journalpost j where j.system_id = coalesce((r ->> 'journalpost_id')::uuid, (r ->> 'fra_journalpost_id')::uuid)),
             (select j.sak_id from dokumentbeskrivelse d join journalpost j on j.system_id = d.journalpost_id where d.system_id = (r ->> 'dokumentbeskrivelse_id')::uuid));
        end if;
        if del is not null and exists (select 1 from arkivdel a where a.system_id = del and a.skrivebeskyttet) then
          raise exception 'arkivdelen % er et historisk arkiv og kan ikke endres', del using errcode = 'AR001';
        end if;
      end loop;
      return coalesce(new, old);
    end $$`.execute(db);
  for (const table of ['arkivdel', 'sak', 'journalpost', 'korrespondansepart', 'dokumentbeskrivelse', 'dokumentversjon', 'merknad', 'kryssreferanse', 'avskrivning', 'sak_sekundaerklasse']) {
    await sql`create trigger ${sql.raw(`${table}_skrivebeskyttet_tg`)} before insert or update or delete on ${sql.table(table)} for each row execute function arkivdel_skrivebeskyttet_ck()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['arkivdel', 'sak', 'journalpost', 'korrespondansepart', 'dokumentbeskrivelse', 'dokumentversjon', 'merknad', 'kryssreferanse', 'avskrivning', 'sak_sekundaerklasse']) {
    await sql`drop trigger ${sql.raw(`${table}_skrivebeskyttet_tg`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function arkivdel_skrivebeskyttet_ck()`.execute(db);
  await db.schema.alterTable('arkivdel').dropColumn('importert_fra').execute();
  await db.schema.alterTable('arkivdel').dropColumn('skrivebeskyttet').execute();
}
