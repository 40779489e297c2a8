import { type Kysely, type RawBuilder, sql } from 'kysely';
import { formatRegistreringsId, type Journalposttype, type Journalstatus, KVALITETSMANGLER, type Kvalitetsmangel } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { forbidden } from '../errors/app-error';
import { erArkiv } from '../policies/predicates';
import { JOURNALPOST, skjermingFilter } from '../policies/skjerming.sql';
import { restanseSql } from '../restanse/restanse.sql';
import { enhetensLeder } from '../enhet/enhet.repository';

export const kreverArkiv = (actor: Actor) => {
  if (!erArkiv(actor)) throw forbidden('Bare arkivet og dokumentsenteret har arkivbordet');
};

/** Status S, F or E and not removed: the partial index journalpost_til_journalfoering_ix. */
const venter = (db: Kysely<DB>) =>
  db
    .selectFrom('journalpost as j')
    .innerJoin('sak as s', 's.systemId', 'j.sakId')
    .where('j.journalstatus', 'in', ['S', 'F', 'E'])
    .where('j.feilregistrertDato', 'is', null);

/** The parties a type needs: I its sender, U its recipient, N its internal recipient; X and S none. */
const PARTER: Partial<Record<Journalposttype, readonly string[]>> = { I: ['EA', 'IA'], U: ['EM', 'EK', 'IM'], N: ['IM'] };

/** Each quality check as a boolean over journalpost `j` (and its sak `s`), named as the codes. */
function kvalitetssjekk(hidesLine2: ReturnType<ReturnType<typeof skjermingFilter>['skjuler']>, tittel: RawBuilder<string>) {
  const uten = (typer: readonly string[]) =>
    sql<boolean>`not exists (select 1 from korrespondansepart k where k.journalpost_id = j.system_id and k.korrespondanseparttype in (${sql.join(typer.map((t) => sql.lit(t)))}))`;
  const checks: Record<Kvalitetsmangel, ReturnType<typeof sql<boolean>>> = {
    ingen_dokument: sql<boolean>`not exists (select 1 from dokumentbeskrivelse d where d.journalpost_id = j.system_id)`,
    ingen_arkivvariant: sql<boolean>`exists (select 1 from dokumentbeskrivelse d where d.journalpost_id = j.system_id
      and not exists (select 1 from dokumentversjon v where v.dokumentbeskrivelse_id = d.system_id and v.variantformat = 'A'))`,
    ingen_korrespondansepart: sql<boolean>`(case j.journalposttype ${sql.join(
      Object.entries(PARTER).map(([type, typer]) => sql`when ${sql.lit(type)} then ${uten(typer)}`),
      sql` `,
    )} else false end)`,
    skjerming_uten_hjemmel: sql<boolean>`((j.tilgangskode is not null and coalesce(btrim(j.skjermingshjemmel), '') = '')
      or exists (select 1 from dokumentbeskrivelse d where d.journalpost_id = j.system_id and d.tilgangskode is not null and coalesce(btrim(d.skjermingshjemmel), '') = ''))`,
    // Line 2 only where the reader sees it, line 1 as they see it: the check must not tell what a screened line or word holds.
    foedselsnummer_i_tittel: sql<boolean>`(inneholder_foedselsnummer(${tittel}) or (not ${hidesLine2} and inneholder_foedselsnummer(coalesce(j.tittel2, ''))))`,
  };
  // Aliased by position: the result's keys go through the camel-case plugin.
  return KVALITETSMANGLER.map((k, i) => checks[k].as(`mangel${i}`));
}

/**
 * The archive's first basket (§5): registered or expedited journalposter not yet journalført,
 * newest first, each with what the quality check finds missing. Title line 2 through the one
 * skjerming filter, as on every list.
 */
export async function listTilJournalfoering(db: Kysely<DB>, actor: Actor, query: { limit?: number | undefined; offset?: number | undefined }) {
  kreverArkiv(actor);
  const f = skjermingFilter(actor);
  const limit = query.limit ?? 100;
  const offset = query.offset ?? 0;
  const [rows, total] = await Promise.all([
    venter(db)
      .innerJoin('bruker as b', 'b.systemId', 'j.saksbehandlerId')
      .select(['j.systemId', 'j.dokumentnummer', 'j.journalposttype', 'j.journalstatus', 'j.journaldato', 'j.sakId', 's.saksaar', 's.sakssekvensnummer', 'b.navn as saksbehandler'])
      .select([f.tittel(JOURNALPOST, 'j').as('tittel'), f.tittel(JOURNALPOST, 'j', 'tittel2').as('tittel2'), f.skjultNivaa(JOURNALPOST).as('skjultNivaa')])
      .select(kvalitetssjekk(f.skjuler(JOURNALPOST, 'tittel2'), f.tittel(JOURNALPOST, 'j')))
      .orderBy('j.journaldato', 'desc')
      .orderBy('j.systemId')
      .limit(limit)
      .offset(offset)
      .execute(),
    // Counted on the partial index alone (an index-only scan).
    db.selectFrom('journalpost as j').where('j.journalstatus', 'in', ['S', 'F', 'E']).where('j.feilregistrertDato', 'is', null).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => {
      const row = r as typeof r & Record<string, boolean>;
      return {
        systemId: r.systemId,
        registreringsId: formatRegistreringsId(r.saksaar, r.sakssekvensnummer, r.dokumentnummer),
        journalposttype: r.journalposttype as Journalposttype,
        journalstatus: r.journalstatus as Journalstatus,
        tittel: r.tittel,
        tittel2: r.tittel2,
        skjultNivaa: r.skjultNivaa,
        journaldato: r.journaldato,
        sakId: r.sakId,
        saksbehandler: r.saksbehandler,
        mangler: KVALITETSMANGLER.filter((_, i) => row[`mangel${i}`]),
      };
    }),
    total: Number(total.n),
    limit,
    offset,
  };
}

/**
 * Saker the archive may close now (§5): still R or B, with at least one journalpost, every one
 * journalført or arkivert and none with a restanse. Open saker come from sak_aapen_ix; each
 * sak's journalposter from the (sak_id, dokumentnummer) key. Line 1 of the title is public.
 */
export async function listKlareSaker(db: Kysely<DB>, actor: Actor, query: { limit?: number | undefined; offset?: number | undefined }) {
  kreverArkiv(actor);
  const limit = query.limit ?? 100;
  const offset = query.offset ?? 0;
  const gjeldende = sql`from journalpost j where j.sak_id = s.system_id and j.feilregistrert_dato is null`;
  const rows = await db
    .selectFrom('sak as s')
    .innerJoin('bruker as b', 'b.systemId', 's.saksansvarligId')
    .select(['s.systemId', 's.mappeId', 's.saksstatus', 's.tittel', 'b.navn as saksansvarlig'])
    .select(sql<number>`(select count(*)::int ${gjeldende})`.as('antallJournalposter'))
    .where('s.saksstatus', 'in', ['R', 'B'])
    .where(sql<boolean>`exists (select 1 ${gjeldende})`)
    .where(sql<boolean>`not exists (select 1 ${gjeldende} and (j.journalstatus not in ('J','A') or ${restanseSql}))`)
    .orderBy('s.oppdatertDato')
    .orderBy('s.systemId')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({ systemId: r.systemId, saksnummer: r.mappeId, saksstatus: r.saksstatus, tittel: r.tittel, saksansvarlig: r.saksansvarlig, antallJournalposter: r.antallJournalposter }));
}

/** Active units with a leader who distributes within them (§10.1), for Fordel to a unit. */
export async function enheterMedLeder(db: Kysely<DB>) {
  return db
    .selectFrom('administrativEnhet as e')
    .select(['e.systemId', 'e.kode', 'e.navn'])
    .select(enhetensLeder(sql.ref('e.systemId')).as('lederId'))
    .where('e.aktiv', '=', true)
    .orderBy('e.navn')
    .execute();
}


