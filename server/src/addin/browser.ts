import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { seedDemoIfEmpty } from '../seed/demo-seed';
import { seriousAxeViolations } from '../test/axe';
import { createTestContext, type TestContext } from '../test/context';
import { CHROMIUM, CHROMIUM_ARGS, chromiumInstalled } from './chromium';

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

/**
 * Whether this machine has the Chromium the browser tests drive. Without it: a loud warning that
 * `what` was not tested, and in CI a failing test (.ci/run installs Debian's chromium). Browser
 * tests are defined only when this is true, never skipped.
 */
export function haveChromiumFor(what: string): boolean {
  if (chromiumInstalled()) return true;
  loudWarning([`BROWSER TESTS DID NOT RUN: no Chromium at ${CHROMIUM}.`, 'Install it (Debian: apt-get install -y chromium) or set ARKIV_CHROMIUM.', `${what} has NOT been tested in this run.`]);
  if (process.env.CI) {
    it('needs Chromium in CI', () => {
      throw new Error(`No Chromium at ${CHROMIUM}: the browser tests must run in CI`);
    });
  }
  return false;
}

/** ARKIV_SCREENSHOTS=docs/img: pictures of the pane for the tour in docs/addin.md (no files without it). */
export const SCREENSHOTS = process.env.ARKIV_SCREENSHOTS ? path.resolve(REPO, process.env.ARKIV_SCREENSHOTS) : null;
if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });

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
  /**
   * Loads /preview: the pretend Outlook mail list (its mails can be ticked) beside the pane;
   * `paneWidth` gives the pane's column that width (Outlook's 350 px), `query` adds e.g. mode=compose.
   */
  loadBesideMailbox(options?: { paneWidth?: number; query?: Record<string, string> }): Promise<void>;
  /** Signs out when signed in, signs in as the demo user named (dev sign-in), waits for the Arbeidsbord. */
  signInAs(navn: string): Promise<void>;
  /** Opens a record from a kurv on the Arbeidsbord, brought up to date first (F5). */
  openFromKurv(kurv: string, navn: string, name: string | RegExp): Promise<void>;
  /** Waits for `done`, or fails at once with the text of an error the pane shows instead. */
  settled(done: Locator): Promise<void>;
  /** axe finds nothing serious or critical on the page as it is; with ARKIV_SCREENSHOTS, `bilde` is saved as a picture for docs/addin.md. */
  expectAccessible(view: string, bilde?: [string, Locator]): Promise<void>;
  /** The elements of the pane that reach past the window's right edge (none: no sideways scrolling, nothing cut off). */
  overflowing(): Promise<string[]>;
  /** Runs `fn` in the page with `m` the fake mailbox (window.arkivPreview), e.g. "m.select(['mail-1'])". */
  preview<T>(fn: string): Promise<T>;
  /** A JSON request to the service as a demo user (null: no token); fails with the problem document unless 2xx. */
  api<T>(brukernavn: string | null, url: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<T>;
  close(): Promise<void>;
}

export interface PaneOptions {
  /** The window: 350 × 900 px (Outlook's pane) unless told. */
  width?: number;
  height?: number;
  /** The browser's language and time zone (nb-NO: date fields read DD.MM.YYYY). */
  locale?: string;
  timezoneId?: string;
  acceptDownloads?: boolean;
  /** More of the service's environment (e.g. SMTP_URL). */
  env?: Record<string, string>;
  /** false: an empty archive; 'uttrekk': the demo archive with its finished arkivuttrekk in the data folder. */
  seed?: boolean | 'uttrekk';
}

/**
 * The setup every browser test of the pane shares: a fresh add-in build, the service over a
 * fresh database with the demo archive, Chromium with one page, reduced motion (no colour
 * transitions half-way through when axe measures contrast). Call in beforeAll (allow it a few
 * minutes) and `close()` in afterAll.
 */
export async function openPane(options: PaneOptions = {}): Promise<Pane> {
  ensureAddinBuilt();
  const ctx = await createTestContext(options.env);
  let browser: Browser | undefined;
  try {
    if (options.seed !== false) await seedDemoIfEmpty(ctx.db, ctx.blobs, options.seed === 'uttrekk' ? { dataDir: ctx.dataDir } : {});
    await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const { width = 350, height = 900, locale, timezoneId, acceptDownloads } = options;
    const page = await browser.newPage({ viewport: { width, height }, ...(locale ? { locale } : {}), ...(timezoneId ? { timezoneId } : {}), ...(acceptDownloads ? { acceptDownloads } : {}) });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    // Each wait returns as soon as its condition holds; the limit only decides when a missing one fails.
    page.setDefaultTimeout(45_000);
    // A script error in the pane fails the step that caused it; the browser's message is here.
    page.on('pageerror', (e) => process.stderr.write(`pane error: ${e.stack ?? e.message}\n`));
    return paneOn(ctx, base, browser, page);
  } catch (err) {
    await browser?.close();
    await ctx.close();
    throw err;
  }
}

function paneOn(ctx: TestContext, base: string, browser: Browser, page: Page): Pane {
  const pane: Pane = {
    ctx,
    base,
    browser,
    page,
    async load(query = {}) {
      await page.goto(`${base}/preview?${new URLSearchParams({ pane: 'only', ...query })}`);
      await page.locator('#root > *').first().waitFor();
    },
    async loadBesideMailbox({ paneWidth, query = {} } = {}) {
      const q = new URLSearchParams(query).toString();
      await page.goto(`${base}/preview${q ? `?${q}` : ''}`);
      await page.locator('#root > *').first().waitFor();
      if (paneWidth) {
        await page.evaluate(`(() => {
          const grid = [...document.querySelectorAll('#root *')].find((e) => getComputedStyle(e).display === 'grid');
          grid.style.gridTemplateColumns = 'minmax(220px, 1fr) ${paneWidth}px';
        })()`);
      }
    },
    async signInAs(navn) {
      // The session survives a reload: the pane may come up signed in.
      const ut = page.getByRole('button', { name: 'Logg ut' });
      await ut.or(page.getByRole('button', { name: /^Logg inn som / }).first()).first().waitFor();
      if (await ut.isVisible()) await ut.click();
      await page.getByRole('button', { name: new RegExp(`Logg inn som ${navn}`) }).click();
      await page.getByRole('heading', { name: 'Arbeidsbord', level: 2 }).waitFor();
    },
    async openFromKurv(kurv, navn, name) {
      await page.getByRole('navigation').getByRole('button', { name: 'Arbeidsbord' }).click();
      await page.keyboard.press('F5');
      const toggle = page.locator(`[data-kurv="${kurv}"]`);
      if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
      await page.getByRole('list', { name: navn }).getByRole('button', { name }).first().click();
    },
    async settled(done) {
      const error = page.locator('.fui-MessageBar').filter({ hasText: /^Feil:/ });
      await done.or(error).first().waitFor();
      if (await error.count()) expect(await error.first().textContent()).toBe('no error');
    },
    async expectAccessible(view, bilde) {
      expect({ view, violations: await seriousAxeViolations(page) }).toEqual({ view, violations: [] });
      if (SCREENSHOTS && bilde) await bilde[1].screenshot({ path: path.join(SCREENSHOTS, `${bilde[0]}.png`), animations: 'disabled' });
    },
    overflowing() {
      return page.evaluate(`(() => {
        const width = document.documentElement.clientWidth;
        return [...document.querySelectorAll('main *')]
          .filter((e) => e.getBoundingClientRect().right > width + 0.5)
          .map((e) => e.tagName.toLowerCase() + '.' + String(e.className).split(' ')[0] + ' «' + (e.textContent ?? '').slice(0, 40) + '»');
      })()`) as Promise<string[]>;
    },
    preview<T>(fn: string) {
      return page.evaluate(`(() => { const m = window.arkivPreview; return ${fn}; })()`) as Promise<T>;
    },
    async api<T>(brukernavn: string | null, url: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
      const headers = { ...(brukernavn ? await ctx.auth(brukernavn) : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers };
      const res = await fetch(base + url, { method: init.method ?? 'GET', headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
      const body = (await res.json()) as T;
      // On failure the problem document is in the message.
      if (!res.ok) expect({ url, status: res.status, body }).toEqual({ url, status: 'a 2xx', body: null });
      return body;
    },
    async close() {
      await browser.close();
      await ctx.close();
    },
  };
  return pane;
}
