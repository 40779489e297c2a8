import { type Kysely, sql } from 'kysely';

/**
 * Issue 4: the public journal. Frozen once shipped; never imports application code.
 *
 * - `inneholder_foedselsnummer(text)`: true when the text holds an 11-digit Norwegian
 *   fødselsnummer with valid mod-11 check digits (optionally written `DDMMYY NNNNN`). The
 *   public journal's SQL uses it so a title with one is never published; the TypeScript twin
 *   is shared/src/foedselsnummer.ts, and a test asserts the two agree.
 * - `dokumentbeskrivelse.publisert_av_id / publisert_dato`: who chose to publish a document
 *   (`publiseres` itself exists since 0001).
 * - An index for the public journal's date-range scan over journalført/arkivert journalposter.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function inneholder_foedselsnummer(t text) returns boolean
    language plpgsql immutable strict as $fn$
    declare
      m text[];
      d int[];
      s int;
      k1 int;
      k2 int;
      i int;
    begin
      for m in select regexp_matches(t, '(?:^|[^0-9])([0-9]{6})[ .]?([0-9]{5})(?![0-9])', 'g') loop
        d := array(select unnest(string_to_array(m[1] || m[2], null))::int);
        s := 3*d[1] + 7*d[2] + 6*d[3] + 1*d[4] + 8*d[5] + 9*d[6] + 4*d[7] + 5*d[8] + 2*d[9];
        k1 := 11 - s % 11;
        if k1 = 11 then k1 := 0; end if;
        if k1 = 10 or k1 <> d[10] then continue; end if;
        s := 5*d[1] + 4*d[2] + 3*d[3] + 2*d[4] + 7*d[5] + 6*d[6] + 5*d[7] + 4*d[8] + 3*d[9] + 2*d[10];
        k2 := 11 - s % 11;
        if k2 = 11 then k2 := 0; end if;
        if k2 = 10 or k2 <> d[11] then continue; end if;
        return true;
      end loop;
      return false;
    end
    $fn$`.execute(db);

  await db.schema
    .alterTable('dokumentbeskrivelse')
    .addColumn('publisert_av_id', 'uuid', (c) => c.references('bruker.system_id'))
    .addColumn('publisert_dato', 'timestamptz')
    .execute();

  await sql`create index journalpost_offentlig_ix on journalpost (journaldato, journalaar, journalsekvensnummer) where journalstatus in ('J','A')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists journalpost_offentlig_ix`.execute(db);
  await db.schema.alterTable('dokumentbeskrivelse').dropColumn('publisert_av_id').dropColumn('publisert_dato').execute();
  await sql`drop function if exists inneholder_foedselsnummer(text)`.execute(db);
}
