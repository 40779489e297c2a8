import type { Kysely } from 'kysely';
import type { ArkivformatJobbView } from '@arkiv/shared';
import type { ArkivformatStatus, DB } from '../db/schema';

/**
 * Archive-variant jobs with the numbers that identify the record (never its title or file name,
 * which may be screened from the archive user): failed first, then waiting, newest first.
 */
export async function listArkivformat(db: Kysely<DB>, filter: { status?: ArkivformatStatus; dokumentId?: string }) {
  let q = db
    .selectFrom('arkivformat as a')
    .innerJoin('dokumentbeskrivelse as d', 'd.systemId', 'a.dokumentbeskrivelseId')
    .innerJoin('journalpost as j', 'j.systemId', 'd.journalpostId')
    .select(['a.dokumentbeskrivelseId', 'd.journalpostId', 'j.journalaar', 'j.journalsekvensnummer', 'd.dokumentnummer', 'a.versjonsnummer', 'a.status', 'a.forsoek', 'a.sistFeil', 'a.nesteForsoek']);
  if (filter.status) q = q.where('a.status', '=', filter.status);
  if (filter.dokumentId) q = q.where('a.dokumentbeskrivelseId', '=', filter.dokumentId);
  const rows = await q.orderBy('a.status', 'asc').orderBy('a.opprettetDato', 'desc').limit(500).execute();
  const teller = await db.selectFrom('arkivformat').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('status').execute();
  const antall = { VENTER: 0, KONVERTERER: 0, KONVERTERT: 0, FEILET: 0 };
  for (const t of teller) antall[t.status] = Number(t.n);
  const dokumenter: ArkivformatJobbView[] = rows.map((r) => ({
    dokumentId: r.dokumentbeskrivelseId,
    journalpostId: r.journalpostId,
    journalnummer: `${r.journalaar}/${r.journalsekvensnummer}`,
    dokumentnummer: r.dokumentnummer,
    versjonsnummer: r.versjonsnummer,
    status: r.status,
    forsoek: r.forsoek,
    feil: r.sistFeil,
    nesteForsoek: r.status === 'VENTER' ? r.nesteForsoek.toISOString() : null,
  }));
  return { antall, dokumenter };
}
