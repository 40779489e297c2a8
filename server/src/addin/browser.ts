import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { seedDemoIfEmpty } from '../seed/demo-seed';
import { createTestContext, type TestContext } from '../test/context';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';

/** Helpers for the task pane's browser tests: the Chromium to drive, a fresh add-in build, the pane opened. */

export { CHROMIUM, CHROMIUM_ARGS, chromiumInstalled } from './chromium';

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
  const sources = Math.max(newest(path.join(ADDIN, 'src')), newest(path.join(ADDIN, 'public')), newest(path.join(ADDIN, 'preview.html')), newest(path.join(ADDIN, 'taskpane.html')), newest(path.join(ADDIN, 'vite.config.ts')), newest(path.join(ADDIN, 'vite-precompress.ts')), newest(path.join(REPO, 'shared', 'src')));
  if (built < sources) {
    execFileSync(process.execPath, [path.join(REPO, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: ADDIN, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  }
  return dist;
}

export function loudWarning(lines: string[]) {
  const bar = '!'.repeat(78);
  process.stderr.write(`\n${bar}\n${lines.map((l) => `!!  ${l}`).join('\n')}\n${bar}\n\n`);
}

/** Opens a section of a long view (journalpost, sak) by its title, unless it is open already (the pane remembers). */
export async function openSection(page: Page, title: string): Promise<void> {
  const header = page.locator('[data-section]').getByRole('button', { name: title, exact: true });
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
}

/** What does not fit the pane: sideways scrolling ('' when none) and up to five elements past its right edge. */
export async function outsideThePane(page: Page): Promise<{ overflow: string; ut: string[] }> {
  return (await page.evaluate(`(() => {
    const se = document.scrollingElement;
    const w = se.clientWidth;
    const ut = [...document.querySelectorAll('#root *')]
      .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.right > w + 0.5; })
      .map((e) => e.tagName.toLowerCase() + (e.getAttribute('aria-label') ? '[' + e.getAttribute('aria-label') + ']' : '') + ' «' + (e.textContent || '').slice(0, 40) + '» ' + Math.round(e.getBoundingClientRect().right))
      .slice(0, 5);
    return { overflow: se.scrollWidth > w ? se.scrollWidth + ' > ' + w : '', ut };
  })()`)) as { overflow: string; ut: string[] };
}

/** The task pane in Chromium against the real server with the demo archive (see openPane). */
export interface Pane {
  readonly ctx: TestContext;
  /** The server's origin, http://127.0.0.1:port. */
  readonly base: string;
  readonly browser: Browser;
  readonly page: Page;
  /** Loads the pane alone (the preview's fake mailbox, ?pane=only), as wide as the window; `query` adds e.g. theme=dark. */
  load(query?: Record<string, string>): Promise<void>;
  /** Signs out when signed in, signs in as the demo user named (dev sign-in), waits for the Arbeidsbord. */
  signInAs(navn: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The setup every browser test of the pane shares: a fresh add-in build, the service over a
 * fresh database with the demo archive, Chromium with one page at Outlook's pane width (350 px
 * unless told), reduced motion. Call in beforeAll (allow it a few minutes) and `close()` in afterAll.
 */
export async function openPane(options: { width?: number; height?: number; seed?: boolean; env?: Record<string, string> } = {}): Promise<Pane> {
  ensureAddinBuilt();
  const ctx = await createTestContext(options.env);
  let browser: Browser | undefined;
  try {
    if (options.seed !== false) await seedDemoIfEmpty(ctx.db, ctx.blobs);
    await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: options.width ?? 350, height: options.height ?? 900 } });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    // Each wait returns as soon as its condition holds; the limit only decides when a missing one fails.
    page.setDefaultTimeout(45_000);
    const b = browser;
    return {
      ctx,
      base,
      browser: b,
      page,
      async load(query = {}) {
        await page.goto(`${base}/preview?${new URLSearchParams({ pane: 'only', ...query })}`);
        await page.locator('#root > *').first().waitFor();
      },
      async signInAs(navn) {
        // The session survives a reload: the pane may come up signed in.
        const ut = page.getByRole('button', { name: 'Logg ut' });
        await ut.or(page.getByRole('button', { name: /^Logg inn som / }).first()).first().waitFor();
        if (await ut.isVisible()) await ut.click();
        await page.getByRole('button', { name: new RegExp(`Logg inn som ${navn}`) }).click();
        await page.getByRole('heading', { name: 'Arbeidsbord', level: 2 }).waitFor();
      },
      async close() {
        await b.close();
        await ctx.close();
      },
    };
  } catch (err) {
    await browser?.close();
    await ctx.close();
    throw err;
  }
}
