import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { KURVER } from '@arkiv/shared';
import { buildApp } from '../app';
import { loadDevSigner } from '../auth/dev-keys';
import { createTokenVerifier } from '../auth/token-verifier';
import { FsBlobStore } from '../blob/fs-blob-store';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { genererArkiv } from '../generate/arkiv-generator';
import { seedReferenceData } from '../seed/demo-seed';
import { dagen } from '../tid';
import { maalEpostImport } from './epost-import';
import { httpKlient, mål } from './http-klient';
import { type Maaling, persentil, tabell, tidsmaaling } from './maaling';
import { paneMaalinger } from './pane';
import { maalRegistrering } from './registrering';
import { maalSok } from './sok';
import { benchUttrekk } from './uttrekk.bench';

/**
 * `npm run bench`: one table, measured in one run on one database.
 *
 * - Database: ARKIV_BENCH_DATABASE_URL (PostgreSQL), else embedded PGlite. An empty database
 *   gets a generated archive of BENCH_JOURNALPOSTER journalposter (default 3,000, seed 42); one
 *   already generated (`npm run generate`, e.g. 1,000,000) is used as it is.
 * - The Arbeidsbord (every basket and the counts) of the user with most open restanser, the
 *   restanserapport of that user's unit (as its leader), the public journal for one day,
 *   registration through the API against raw SQL (16 clients on PostgreSQL), and the 25 MB
 *   mail import (time, the server's peak memory); the task pane in Chromium as that user
 *   (load → interactive Arbeidsbord, cold and warm) and the JavaScript each view needs (pane.ts).
 * - BENCH_RUNDER (samples per route, default 20), BENCH_SEKUNDER (per registration rate,
 *   default 5), BENCH_ATTACHMENT_MB (default 25).
 * - Search (`sok.ts`): each kind of search, as the same user, between the reads and the writes.
 */
const tall = (navn: string, standard: number) => {
  const v = Number(process.env[navn] ?? standard);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${navn} må være et positivt tall`);
  return v;
};

async function main() {
  const runder = tall('BENCH_RUNDER', 20);
  const sekunder = tall('BENCH_SEKUNDER', 5);
  const url = process.env.ARKIV_BENCH_DATABASE_URL;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'arkiv-bench-'));
  const config = loadConfig({ ARKIV_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const database = url ? await openDatabase({ kind: 'postgres', url, poolSize: 20 }) : await openDatabase({ kind: 'pglite' });
  const db = database.db;
  try {
    await migrateToLatest(db);
    if (!(await db.selectFrom('journalpost').select('systemId').limit(1).executeTakeFirst())) {
      if (!(await db.selectFrom('bruker').select('systemId').limit(1).executeTakeFirst())) await seedReferenceData(db);
      const t = Date.now();
      await genererArkiv(db, { journalposter: tall('BENCH_JOURNALPOSTER', 3000), seed: 42, til: dagen(new Date()) });
      console.log(`(generert arkiv på ${((Date.now() - t) / 1000).toFixed(1)} s)`);
      if (database.dialect === 'postgres') await sql`vacuum analyze`.execute(db);
    }
    const { antall } = await db.selectFrom('journalpost').select((eb) => eb.fn.countAll<string>().as('antall')).executeTakeFirstOrThrow();

    // The user with most open restanser, that user's unit and its leader.
    const travel = await sql<{ brukernavn: string; systemId: string; navn: string; enhetId: string }>`
      select b.brukernavn, b.system_id as "systemId", b.navn, j.administrativ_enhet_id as "enhetId" from journalpost j join bruker b on b.system_id = j.saksbehandler_id
      where j.feilregistrert_dato is null and not j.avskrevet and j.journalposttype = 'I'
      group by b.brukernavn, b.system_id, b.navn, j.administrativ_enhet_id order by count(*) desc limit 1`.execute(db).then((r) => r.rows[0]!);
    const leder = await sql<{ brukernavn: string; systemId: string; navn: string }>`
      select b.brukernavn, b.system_id as "systemId", b.navn from bruker_rolle r join bruker b on b.system_id = r.bruker_id
      where r.enhet_id = ${travel.enhetId} and r.rolle = 'LED' order by b.brukernavn limit 1`.execute(db).then((r) => r.rows[0]!);
    const saker = (
      await db.selectFrom('sak').select('systemId').where('saksansvarligId', '=', travel.systemId).where('saksstatus', 'in', ['R', 'B']).where('tilgangskode', 'is', null).orderBy('saksdato', 'desc').limit(16).execute()
    ).map((s) => s.systemId);
    const { dag } = await sql<{ dag: string }>`select (max(journaldato) - 30)::text as dag from journalpost`.execute(db).then((r) => r.rows[0]!);

    const devSigner = await loadDevSigner(config.auth);
    const blobs = new FsBlobStore(path.join(dir, 'blobs'));
    const app = await buildApp({ config, database, db, blobs, verify: createTokenVerifier(config.auth, devSigner.jwks), devSigner }, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const token = (b: { systemId: string; brukernavn: string; navn: string }) => devSigner.sign({ sub: b.systemId, preferred_username: b.brukernavn, name: b.navn });
    const sbh = httpKlient(port, await token(travel));
    const led = httpKlient(port, await token(leder));

    const maalinger: Maaling[] = [];
    try {
      // The whole Arbeidsbord: the counts and every basket, route by route, then per round.
      const ruter = ['/api/kurver', ...KURVER.map((k) => `/api/kurver/${k}`)];
      const perRute = new Map<string, number[]>(ruter.map((r) => [r, []]));
      const runde: number[] = [];
      for (let i = 0; i < runder + 2; i++) {
        let sum = 0;
        for (const r of ruter) {
          const [ms] = await mål(sbh, r, 1, 0);
          sum += ms!;
          if (i >= 2) perRute.get(r)!.push(ms!);
        }
        if (i >= 2) runde.push(sum);
      }
      maalinger.push(tidsmaaling('Arbeidsbordet, alle kurver + antall (per runde)', runde, `${ruter.length} kall per runde`));
      const verst = [...perRute.entries()].sort((a, b) => persentil(b[1], 95) - persentil(a[1], 95));
      for (const [r, ms] of verst) maalinger.push(tidsmaaling(`GET ${r}`, ms));
      maalinger.push(tidsmaaling('GET /api/rapporter/restanse (én enhet, som leder)', await mål(led, `/api/rapporter/restanse?enhetId=${travel.enhetId}`, runder)));
      maalinger.push(tidsmaaling(`GET /api/offentlig-journal (én dag, ${dag})`, await mål(sbh, `/api/offentlig-journal?fra=${dag}&til=${dag}`, runder)));

      maalinger.push(...(await maalSok({ klient: sbh, db, runder })));

      const aar = Number(dagen(new Date()).slice(0, 4));
      const klienter = database.dialect === 'postgres' ? 16 : 1;
      maalinger.push(...(await maalRegistrering({ klient: sbh, db, dialect: database.dialect, connectionString: database.connectionString, saker, brukerId: travel.systemId, enhetId: travel.enhetId, aar, idag: dagen(new Date()), klienter, sekunder })));
      maalinger.push(await maalEpostImport(port, await token(travel), saker[0]!, dir, tall('BENCH_ATTACHMENT_MB', 25)));
      maalinger.push(...(await paneMaalinger(`http://127.0.0.1:${port}`, await token(travel), travel.brukernavn)));
    } finally {
      sbh.close();
      led.close();
      await app.close();
    }

    const versjon = await sql<{ v: string }>`select version() as v`.execute(db).then((r) => r.rows[0]!.v.split(' ').slice(0, 2).join(' '));
    console.log(`\nArkiv benchmark: ${Number(antall).toLocaleString('nb-NO')} journalposter, ${database.dialect === 'postgres' ? versjon : `PGlite (${versjon})`}, node ${process.version}, ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? '?'}), belastning ${os.loadavg()[0]!.toFixed(1)}`);
    console.log(`Bruker: ${travel.brukernavn} (flest åpne restanser); leder: ${leder.brukernavn}\n`);
    console.log(tabell(maalinger));
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
  for (const line of await benchUttrekk()) console.log(line);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
