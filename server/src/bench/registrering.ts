import { type Kysely, sql } from 'kysely';
import { Pool } from 'pg';
import { createKysely, type Dialect } from '../db/database';
import type { DB } from '../db/schema';
import type { HttpKlient } from './http-klient';
import type { Maaling } from './maaling';

/** `klienter` loops that each call `gang` until `sekunder` have passed; returns the count per second. */
async function rate(klienter: number, sekunder: number, gang: (klient: number) => Promise<void>): Promise<number> {
  const slutt = Date.now() + sekunder * 1000;
  let antall = 0;
  const start = Date.now();
  await Promise.all(
    Array.from({ length: klienter }, async (_, k) => {
      while (Date.now() < slutt) {
        await gang(k);
        antall++;
      }
    }),
  );
  return antall / ((Date.now() - start) / 1000);
}

/**
 * Registration of journalposter by `klienter` concurrent clients, each in its own sak: through
 * the API (POST /api/saker/:id/journalposter), and as raw SQL writing the same rows (the sak's
 * dokumentnummer, the journalnummer counter, the journalpost, its historikk entry) in one
 * transaction per journalpost over the same number of connections. The ratio is how close the
 * service comes to the database's own rate.
 */
export async function maalRegistrering(opts: { klient: HttpKlient; db: Kysely<DB>; dialect: Dialect; connectionString: string; saker: readonly string[]; brukerId: string; enhetId: string; aar: number; idag: string; klienter: number; sekunder: number }): Promise<Maaling[]> {
  const { klient, saker, klienter, sekunder } = opts;
  const api = await rate(klienter, sekunder, async (k) => {
    const r = await klient.post(`/api/saker/${saker[k % saker.length]}/journalposter`, { journalposttype: 'U', tittel: 'Svar på henvendelse om brøyting' });
    if (r.status !== 201) throw new Error(`registrering: ${r.status} ${r.body.slice(0, 300)}`);
  });

  // Raw SQL through its own pool of the same size (PGlite: the service's one connection).
  const raw = opts.dialect === 'postgres' ? createKysely(new Pool({ connectionString: opts.connectionString, max: klienter })) : opts.db;
  try {
    const raa = await rate(klienter, sekunder, async (k) => {
      const sak = saker[k % saker.length]!;
      await raw.transaction().execute(async (trx) => {
        const d = await sql<{ n: number }>`update sak set siste_dokumentnummer = siste_dokumentnummer + 1, oppdatert_dato = now() where system_id = ${sak} returning siste_dokumentnummer as n`.execute(trx);
        const n = await sql<{ siste: number }>`insert into nummerserie (serie, aar, siste) values ('journalnummer', ${opts.aar}, 1)
          on conflict (serie, aar) do update set siste = nummerserie.siste + 1 returning siste`.execute(trx);
        const jp = await sql<{ id: string }>`insert into journalpost (sak_id, dokumentnummer, journalaar, journalsekvensnummer, journalposttype, journalstatus, tittel, journaldato, saksbehandler_id, administrativ_enhet_id, opprettet_av_id)
          values (${sak}, ${d.rows[0]!.n}, ${opts.aar}, ${n.rows[0]!.siste}, 'U', 'R', 'Svar på henvendelse om brøyting', ${opts.idag}, ${opts.brukerId}, ${opts.enhetId}, ${opts.brukerId}) returning system_id as id`.execute(trx);
        await sql`insert into historikk (bruker_id, handling, objekttype, objekt_id, sak_id, journalpost_id, data)
          values (${opts.brukerId}, 'journalpost_opprettet', 'journalpost', ${jp.rows[0]!.id}, ${sak}, ${jp.rows[0]!.id}, '{}')`.execute(trx);
      });
    });
    return [
      { navn: `Registrering via API, ${klienter} klienter`, merknad: `${api.toFixed(0)} journalposter/s` },
      { navn: `Registrering som rå SQL, ${klienter} klienter`, merknad: `${raa.toFixed(0)} journalposter/s; API/rå SQL = ${((100 * api) / raa).toFixed(0)} %` },
    ];
  } finally {
    if (raw !== opts.db) await raw.destroy();
  }
}
