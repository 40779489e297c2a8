import type { listHistorikk } from './historikk.repository';

type Rows = Awaited<ReturnType<typeof listHistorikk>>;

/** Maps historikk rows (already filtered and redacted in SQL, see listHistorikk) to the API view. */
export function presentHistorikk(rows: Rows) {
  return rows.map((r) => ({
    systemId: r.systemId,
    tidspunkt: r.tidspunkt.toISOString(),
    handling: r.handling,
    objekttype: r.objekttype,
    objektId: r.objektId,
    bruker: r.brukerId ? { systemId: r.brukerId, brukernavn: r.brukerBrukernavn!, navn: r.brukerNavn! } : null,
    paaVegneAv: r.paaVegneAvId ? { systemId: r.paaVegneAvId, brukernavn: r.paaVegneAvBrukernavn!, navn: r.paaVegneAvNavn! } : null,
    data: r.data,
  }));
}
