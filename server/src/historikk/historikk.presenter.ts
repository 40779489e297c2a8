import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { effektivSkjerming, kanSeSkjermet } from '../policies/skjerming';
import type { listHistorikk } from './historikk.repository';

type Rows = Awaited<ReturnType<typeof listHistorikk>>;

/** Keys that never carry screenable content and stay visible in a screened record's history. */
const ALWAYS_VISIBLE = new Set(['journalstatus', 'journalposttype', 'dokumentnummer', 'journalnummer', 'saksnummer', 'sakstype', 'versjonsnummer', 'variantformat', 'tilknytning', 'merknadstype']);

/**
 * Historikk is a read path like any other: for an entry about a journalpost the user does not
 * see through (own or inherited skjerming), the before/after data is reduced to status fields.
 */
export async function presentHistorikk(db: Kysely<DB>, actor: Actor, rows: Rows) {
  const jpIds = [...new Set(rows.map((r) => r.journalpostId).filter((x): x is string => x !== null))];
  const graded = jpIds.length
    ? await db
        .selectFrom('journalpost as j')
        .innerJoin('sak as s', 's.systemId', 'j.sakId')
        .select([
          'j.systemId',
          'j.tilgangskode',
          'j.skjermingsnivaa',
          'j.skjermingshjemmel',
          'j.administrativEnhetId',
          'j.saksbehandlerId',
          's.saksansvarligId',
          's.tilgangskode as sakTilgangskode',
          's.skjermingsnivaa as sakSkjermingsnivaa',
          's.skjermingshjemmel as sakSkjermingshjemmel',
        ])
        .where('j.systemId', 'in', jpIds)
        .execute()
    : [];
  const visible = new Map(
    graded.map((g) => {
      const { skjerming } = effektivSkjerming(g, { tilgangskode: g.sakTilgangskode, skjermingsnivaa: g.sakSkjermingsnivaa, skjermingshjemmel: g.sakSkjermingshjemmel });
      return [g.systemId, kanSeSkjermet(actor, skjerming, { enhetId: g.administrativEnhetId, saksansvarligId: g.saksansvarligId, saksbehandlerId: g.saksbehandlerId })];
    }),
  );
  return rows.map((r) => {
    const hidden = r.journalpostId !== null && visible.get(r.journalpostId) === false;
    const data = hidden ? { ...Object.fromEntries(Object.entries(r.data).filter(([k]) => ALWAYS_VISIBLE.has(k))), skjermet: true } : r.data;
    return {
      systemId: r.systemId,
      tidspunkt: r.tidspunkt.toISOString(),
      handling: r.handling,
      objekttype: r.objekttype,
      objektId: r.objektId,
      bruker: r.brukerId ? { systemId: r.brukerId, brukernavn: r.brukerBrukernavn!, navn: r.brukerNavn! } : null,
      paaVegneAv: r.paaVegneAvId ? { systemId: r.paaVegneAvId, brukernavn: r.paaVegneAvBrukernavn!, navn: r.paaVegneAvNavn! } : null,
      data,
    };
  });
}
