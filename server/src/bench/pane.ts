import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { KURVER } from '@arkiv/shared';
import { CHROMIUM, CHROMIUM_ARGS } from '../addin/chromium';
import { DEFAULT_ADDIN_DIR } from '../addin/addin.plugin';
import { type Maaling, persentil, tabell } from './maaling';

/**
 * The task pane's rows of `npm run bench`: the JavaScript each view needs (from the Vite
 * manifest of addin/dist, as the server sends it: the gzip and brotli copies made at build
 * time), and the time from navigation to an interactive Arbeidsbord in headless Chromium
 * against a running server: every kurv's button rendered with its count, so a click opens it.
 *
 * - cold: a fresh browser context per run (empty HTTP cache), as a pane opened the first time;
 * - warm: the same context navigating again, as Outlook reopening the pane: the HTML is
 *   revalidated (304), the hashed assets come from the cache without asking;
 * - office network: cold again, with Chromium emulating 40 ms round trips and 20 Mbit/s, as a
 *   pane far from its server (loopback hides what the bytes cost).
 *
 * The time is the page's own clock (performance.now(), from navigation start) at the first
 * animation frame the desk is ready. Beside it the CPU time of the page's main thread
 * (Chromium's ThreadTime) over the same span: on a busy machine the wall time mostly measures
 * the wait for a core, the CPU time what the pane itself costs. BENCH_PANE_RUNDER runs each (default 10, after one
 * unmeasured). Standalone: `node server/dist/bench/pane.js` starts the real server with the demo
 * data (server/dist/main.js, embedded PGlite) and measures ola's desk; ARKIV_BENCH_URL uses a
 * running dev server instead.
 */

// Browser globals for the function that runs in the page: the server program has no DOM lib.
declare const document: { querySelector(selector: string): { textContent: string | null; disabled?: boolean } | null };
declare const sessionStorage: { setItem(key: string, value: string): void };
declare const performance: { now(): number; getEntriesByType(type: string): { transferSize?: number; initiatorType?: string }[] };

type Manifest = Record<string, { file: string; name?: string; src?: string; css?: string[]; imports?: string[]; isEntry?: boolean; isDynamicEntry?: boolean }>;

const KB = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The bytes a file travels as: its precompressed copy (the file itself if the build made none). */
function sent(dist: string, file: string, ext: '.gz' | '.br'): number {
  const p = path.join(dist, file);
  return existsSync(p + ext) ? statSync(p + ext).size : statSync(p).size;
}

/**
 * JavaScript per view: the first screen (an entry and its static imports; the HTML preloads
 * them all), then what each lazily loaded view adds to it (its chunk and the chunks it imports
 * that the first screen has not).
 */
export function paneStoerrelser(dist = DEFAULT_ADDIN_DIR): Maaling[] {
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const closure = (key: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(key)) return seen;
    seen.add(key);
    for (const i of manifest[key]?.imports ?? []) closure(i, seen);
    return seen;
  };
  const js = (keys: Iterable<string>) => [...keys].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
  const rad = (navn: string, files: string[]): Maaling => {
    const raw = files.reduce((n, f) => n + statSync(path.join(dist, f)).size, 0);
    const gz = files.reduce((n, f) => n + sent(dist, f, '.gz'), 0);
    const br = files.reduce((n, f) => n + sent(dist, f, '.br'), 0);
    return { navn, merknad: `JS ${KB(gz)} gzip, ${KB(br)} brotli (${KB(raw)} ukomprimert), ${files.length} filer` };
  };
  const rader: Maaling[] = [];
  const first = closure('taskpane.html');
  rader.push(rad('Panelet, første visning (innlogging → Arbeidsbord, taskpane.html)', js(first)));
  if (manifest['preview.html']) rader.push(rad('Forhåndsvisningen, første visning (/preview)', js(closure('preview.html'))));
  const lazy = Object.entries(manifest)
    .filter(([, c]) => c.isDynamicEntry)
    .map(([key, c]) => ({ navn: c.name ?? key, files: js([...closure(key)].filter((k) => !first.has(k))) }))
    .sort((a, b) => a.navn.localeCompare(b.navn));
  for (const v of lazy) rader.push(rad(`  + ${v.navn} (lastes ved første bruk)`, v.files));
  return rader;
}

/** An office network to a municipal server (or a VPN): what the compression is for. */
const KONTORNETT = { latency: 40, downloadThroughput: (20e6 / 8), uploadThroughput: (10e6 / 8) };

/** Load → interactive Arbeidsbord, cold and warm on loopback and cold over KONTORNETT, as the user the token names. */
export async function maalPane(url: string, token: string, hvem: string, runder = Number(process.env.BENCH_PANE_RUNDER ?? 10)): Promise<Maaling[]> {
  if (!existsSync(CHROMIUM)) return [{ navn: 'Panelet: last → interaktivt Arbeidsbord', merknad: `ikke målt: ingen Chromium i ${CHROMIUM} (ARKIV_CHROMIUM)` }];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const maal = { kald: [] as number[], varm: [] as number[], nett: [] as number[] };
  const kb = { kald: [] as number[], varm: [] as number[], nett: [] as number[] };
  const cpu = { kald: [] as number[], varm: [] as number[], nett: [] as number[] };
  try {
    for (let i = 0; i <= runder; i++) {
      for (const [nett, visninger] of [
        [false, ['kald', 'varm']],
        [true, ['nett']],
      ] as const) {
        const context = await browser.newContext({ viewport: { width: 350, height: 800 } });
        await context.addInitScript((t) => sessionStorage.setItem('arkiv.devToken', t), token);
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        // CPU time, not wall time: what the page costs whatever else the machine is doing.
        await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
        const threadTime = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN) * 1000;
        if (nett) {
          await cdp.send('Network.enable');
          await cdp.send('Network.emulateNetworkConditions', { offline: false, ...KONTORNETT });
        }
        for (const v of visninger) {
          const cpuFoer = await threadTime();
          await page.goto(`${url}/preview`, { waitUntil: 'commit' });
          // The first animation frame where every kurv's button shows its count (the kurver answered).
          const ready = await page.waitForFunction(
            (kurver: readonly string[]) => {
              for (const k of kurver) {
                const b = document.querySelector(`[data-kurv="${k}"]`);
                if (!b || b.disabled || !/\d/.test(b.textContent ?? '')) return false;
              }
              return performance.now();
            },
            KURVER,
            { polling: 'raf', timeout: 120_000 },
          );
          const t = (await ready.jsonValue()) as number;
          const cpuEtter = await threadTime();
          // ... and a click would land: visible, stable, enabled, not covered.
          await page.locator(`[data-kurv="${KURVER[0]}"]`).click({ trial: true });
          const overfoert = await page.evaluate(() => performance.getEntriesByType('resource').filter((r) => r.initiatorType !== 'fetch').reduce((n, r) => n + (r.transferSize ?? 0), 0));
          if (i > 0) {
            maal[v].push(t);
            kb[v].push(overfoert / 1024);
            // The counter is the renderer's: a navigation that kept the process continues it.
            cpu[v].push(cpuEtter >= cpuFoer ? cpuEtter - cpuFoer : cpuEtter);
          }
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  const rad = (v: keyof typeof maal, navn: string, merknad: string): Maaling => ({ navn: `Panelet: last → interaktivt Arbeidsbord, ${navn} (${hvem})`, p50: persentil(maal[v], 50), p95: persentil(maal[v], 95), merknad: `${maal[v].length} kjøringer; ${merknad}; overført utenom API ~${persentil(kb[v], 50).toFixed(0)} KB; sidens hovedtråd ${persentil(cpu[v], 50).toFixed(0)} ms CPU (p50)` });
  return [
    rad('kald', 'kald cache', 'ny nettleserkontekst, Chromium 350 px, /preview, loopback'),
    rad('varm', 'varm cache', 'samme kontekst igjen: HTML 304, resten fra cache'),
    rad('nett', 'kald cache, kontornett', `${KONTORNETT.latency} ms RTT, ${(KONTORNETT.downloadThroughput * 8) / 1e6} Mbit/s (Chromium-emulert)`),
  ];
}

/** Both kinds of rows, for run.ts. */
export async function paneMaalinger(url: string, token: string, hvem: string): Promise<Maaling[]> {
  return [...(await maalPane(url, token, hvem)), ...paneStoerrelser()];
}

async function startServer(): Promise<{ url: string; stop: () => void }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'arkiv-bench-pane-'));
  const child = spawn(process.execPath, [path.resolve(__dirname, '../main.js')], {
    env: { ...process.env, PORT: '0', ARKIV_DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () => {
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  };
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(buf) ?? /"address":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(buf);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
  }).catch((err: unknown) => {
    stop();
    throw err;
  });
  child.stdout.resume();
  return { url, stop };
}

async function main() {
  const server = process.env.ARKIV_BENCH_URL ? { url: process.env.ARKIV_BENCH_URL, stop: () => undefined } : await startServer();
  try {
    const login = await fetch(`${server.url}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ brukernavn: 'ola' }) });
    if (!login.ok) throw new Error(`POST /api/dev/login: ${login.status} (the server must run in dev mode)`);
    const { token } = (await login.json()) as { token: string };
    const rader = await paneMaalinger(server.url, token, 'ola, demodata');
    console.log(`\nArkiv, oppgavepanelet: node ${process.version}, ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? '?'}), belastning ${os.loadavg()[0]!.toFixed(1)}\n`);
    console.log(tabell(rader));
  } finally {
    server.stop();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
