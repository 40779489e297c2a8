#!/usr/bin/env node
/**
 * Task-pane benchmark: the JavaScript the pane loads (raw and gzip), and the time from
 * navigation to an interactive Arbeidsbord in headless Chromium, against the real server.
 *
 *   npm run build && node addin/bench/pane.mjs            (starts its own server on a free port)
 *   ARKIV_BENCH_URL=http://127.0.0.1:3106 node addin/bench/pane.mjs   (uses a running server)
 *
 * Prints one JSON line: { jsBytes, jsGzipBytes, loadToInteractiveMs: { median, min, max, runs } }.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const dist = path.join(repo, 'addin', 'dist');
const executablePath = process.env.ARKIV_CHROMIUM ?? '/usr/bin/chromium';
const runs = Number(process.env.ARKIV_BENCH_RUNS ?? 5);

if (!existsSync(path.join(dist, 'taskpane.html'))) {
  console.error('addin/dist mangler: kjør npm run build først');
  process.exit(1);
}

// The JavaScript the task pane itself loads (taskpane.html and the chunks it pulls in, without maps).
function paneScripts() {
  const html = readFileSync(path.join(dist, 'taskpane.html'), 'utf8');
  const files = new Set([...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]));
  for (const f of [...files]) {
    const js = readFileSync(path.join(dist, f), 'utf8');
    for (const m of js.matchAll(/["'`]\.\/([\w.-]+\.js)["'`]/g)) files.add(`assets/${m[1]}`);
  }
  return [...files].filter((f) => existsSync(path.join(dist, f)));
}
const scripts = paneScripts();
const jsBytes = scripts.reduce((n, f) => n + readFileSync(path.join(dist, f)).length, 0);
const jsGzipBytes = scripts.reduce((n, f) => n + gzipSync(readFileSync(path.join(dist, f)), { level: 9 }).length, 0);

async function startServer() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'arkiv-bench-'));
  const child = spawn(process.execPath, [path.join(repo, 'server', 'dist', 'main.js')], { env: { ...process.env, PORT: '0', ARKIV_DATA_DIR: dataDir, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(buf) ?? /"address":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(buf);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return { url, stop: () => { child.kill('SIGTERM'); rmSync(dataDir, { recursive: true, force: true }); } };
}

const server = process.env.ARKIV_BENCH_URL ? { url: process.env.ARKIV_BENCH_URL, stop() {} } : await startServer();
const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
try {
  // A dev token once, so every run measures the pane, not the login.
  const login = await fetch(`${server.url}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ brukernavn: 'ola' }) });
  const { token } = await login.json();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    await context.addInitScript((t) => sessionStorage.setItem('arkiv.devToken', t), token);
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(`${server.url}/preview`);
    // Interactive: the Mine saker kurv shows its count and takes a click.
    await page.locator('[data-kurv="mine_saker"]').filter({ hasText: /\d/ }).click({ trial: true });
    times.push(Date.now() - t0);
    await context.close();
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ jsFiles: scripts, jsBytes, jsGzipBytes, loadToInteractiveMs: { median: times[Math.floor(times.length / 2)], min: times[0], max: times.at(-1), runs } }));
} finally {
  await browser.close();
  server.stop();
}
