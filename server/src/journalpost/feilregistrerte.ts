import { sql, type Kysely } from 'kysely';
import { formatJournalnummer, formatRegistreringsId, type Journalposttype, type Journalstatus } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { forbidden } from '../errors/app-error';
import { erArkiv } from '../policies/predicates';
import { JOURNALPOST, skjermingFilter } from '../policies/skjerming.sql';

/**
 * §12.6: the archive's view of removed records, the one list a feilregistrert journalpost
 * stays on (besides historikk). Newest removal first, served by the partial index on
 * feilregistrert_dato; title line 2 through the one skjerming filter, as on every list.
 */
export async function listFeilregistrerte(db: Kysely<DB>, actor: Actor, query: { limit?: number | undefined; offset?: number | undefined }) {
  if (!erArkiv(actor)) throw forbidden('Bare arkivet ser feilregistrerte journalposter');
  const f = skjermingFilter(actor);
  const limit = query.limit ?? 100;
  const offset = query.offset ?? 0;
  const q = db
    .selectFrom('journalpost as j')
    .innerJoin('sak as s', 's.systemId', 'j.sakId')
    .leftJoin('bruker as b', 'b.systemId', 'j.feilregistrertAvId')
    .where('j.feilregistrertDato', 'is not', null);
  const [rows, total] = await Promise.all([
    q
      .select(['j.systemId', 'j.journalaar', 'j.journalsekvensnummer', 'j.dokumentnummer', 'j.journalposttype', 'j.journalstatus', 'j.sakId', 'j.feilregistrertDato'])
      .select(['s.mappeId', 's.saksaar', 's.sakssekvensnummer', 'b.systemId as avId', 'b.brukernavn as avBrukernavn', 'b.navn as avNavn'])
      .select([f.tittel(JOURNALPOST, 'j').as('tittel'), f.tittel(JOURNALPOST, 'j', 'tittel2').as('tittel2'), f.skjultNivaa(JOURNALPOST).as('skjultNivaa')])
      .orderBy('j.feilregistrertDato', 'desc')
      .orderBy('j.systemId')
      .limit(limit)
      .offset(offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      systemId: r.systemId,
      registreringsId: formatRegistreringsId(r.saksaar, r.sakssekvensnummer, r.dokumentnummer),
      journalnummer: formatJournalnummer(r.journalaar, r.journalsekvensnummer),
      journalposttype: r.journalposttype as Journalposttype,
      journalstatus: r.journalstatus as Journalstatus,
      tittel: r.tittel,
      tittel2: r.tittel2,
      skjultNivaa: r.skjultNivaa,
      sakId: r.sakId,
      saksnummer: r.mappeId,
      feilregistrertDato: r.feilregistrertDato!.toISOString(),
      feilregistrertAv: r.avId ? { systemId: r.avId, brukernavn: r.avBrukernavn!, navn: r.avNavn! } : null,
    })),
    total: Number(total.n),
    limit,
    offset,
  };
}
