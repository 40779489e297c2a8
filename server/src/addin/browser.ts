import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Helpers for the task pane's browser tests: the Chromium to drive and a fresh add-in build. */

export const CHROMIUM = process.env.ARKIV_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumInstalled = () => existsSync(CHROMIUM);

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

const REPO = path.resolve(__dirname, '../../..');
const ADDIN = path.join(REPO, 'addin');

function newest(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

/**
 * Builds addin/dist when it is missing or older than its sources, so tests never run a stale pane.
 * NODE_ENV=production: Jest sets NODE_ENV=test, which would give Vite a React development build.
 */
export function ensureAddinBuilt(): string {
  const dist = path.join(ADDIN, 'dist');
  const built = existsSync(path.join(dist, 'taskpane.html')) ? statSync(path.join(dist, 'taskpane.html')).mtimeMs : 0;
  const sources = Math.max(newest(path.join(ADDIN, 'src')), newest(path.join(ADDIN, 'public')), newest(path.join(ADDIN, 'preview.html')), newest(path.join(ADDIN, 'taskpane.html')), newest(path.join(ADDIN, 'vite.config.ts')), newest(path.join(REPO, 'shared', 'src')));
  if (built < sources) {
    execFileSync(process.execPath, [path.join(REPO, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: ADDIN, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  }
  return dist;
}

export function loudWarning(lines: string[]) {
  const bar = '!'.repeat(78);
  process.stderr.write(`\n${bar}\n${lines.map((l) => `!!  ${l}`).join('\n')}\n${bar}\n\n`);
}
