import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { seedReferenceData } from '../seed/demo-seed';
import { dagen } from '../tid';
import { genererArkiv } from './arkiv-generator';

/**
 * `npm run generate -- --journalposter 1000000 --seed 42 [--til YYYY-MM-DD] [--aar 10]`:
 * migrates the database the server is configured with (DATABASE_URL, else ARKIV_DATABASE_URL),
 * loads the reference data when it has none, generates the archive and analyzes it.
 * The database must hold no saker yet (a new one: `createdb arkiv_1m`).
 */
function argumenter(argv: readonly string[]) {
  const out: Record<string, string> = {};
  for (let n = 0; n < argv.length; n++) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(argv[n]!);
    if (!m) throw new Error(`ukjent argument ${argv[n]}`);
    out[m[1]!] = m[2] ?? argv[++n] ?? '';
  }
  return out;
}

/**
 * CPU seconds a process on this machine has used (user + system, from /proc), or null where
 * the database runs elsewhere: on a shared machine the wall time says more about the load.
 */
function cpuSekunder(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const felt = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(felt[11]) + Number(felt[12])) / 100;
  } catch {
    return null;
  }
}

async function main() {
  const a = argumenter(process.argv.slice(2));
  const url = loadConfig().databaseUrl ?? process.env.ARKIV_DATABASE_URL;
  if (!url) throw new Error('Sett DATABASE_URL (eller ARKIV_DATABASE_URL) til databasen som skal fylles, f.eks. postgres://postgres@127.0.0.1:5432/arkiv_1m');
  const journalposter = Number(a.journalposter ?? 10_000);
  const seed = Number(a.seed ?? 42);
  const til = a.til ?? dagen(new Date());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(til)) throw new Error('--til må være YYYY-MM-DD');
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
  try {
    const t0 = Date.now();
    await migrateToLatest(database.db);
    const brukere = await database.db.selectFrom('bruker').select('systemId').limit(1).executeTakeFirst();
    if (!brukere) await seedReferenceData(database.db);
    const t0g = Date.now();
    console.log(`migrert og referansedata: ${((t0g - t0) / 1000).toFixed(1)} s`);
    let pid: number | undefined;
    let cpu = 0;
    let cpu0 = 0;
    const cpuSiden = () => {
      const n = cpuSekunder(pid);
      const d = n === null ? '' : `, database-CPU ${(n - cpu).toFixed(1)} s`;
      if (n !== null) cpu = n;
      return d;
    };
    const r = await genererArkiv(database.db, {
      journalposter,
      seed,
      til,
      ...(a.aar ? { aar: Number(a.aar) } : {}),
      sesjon: (p) => {
        pid = p;
        cpu = cpuSekunder(p) ?? 0;
        cpu0 = cpu;
      },
      logg: (steg, ms) => console.log(`  ${steg}: ${(ms / 1000).toFixed(1)} s${cpuSiden()}`),
    });
    const t1 = Date.now();
    const cpuSlutt = cpuSekunder(pid);
    const cpuTotal = cpuSlutt === null ? null : cpuSlutt - cpu0;
    await sql`vacuum analyze`.execute(database.db);
    const t2 = Date.now();
    console.log(`Generert ${r.journalposter} journalposter i ${r.saker} saker (${r.fra}–${r.til}), ${r.brukere} saksbehandlere, seed ${seed}: ${((t1 - t0) / 1000).toFixed(1)} s${cpuTotal === null ? '' : ` (database-CPU ${cpuTotal.toFixed(1)} s)`}, vacuum analyze ${((t2 - t1) / 1000).toFixed(1)} s`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
