import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { seedDemoIfEmpty } from '../seed/demo-seed';
import { seriousAxeViolations } from '../test/axe';
import { createTestContext, type TestContext } from '../test/context';
import { idag } from '../test/dato';
import { CHROMIUM, CHROMIUM_ARGS, chromiumInstalled, ensureAddinBuilt, loudWarning } from './browser';

/**
 * Screened words in a title (docs/skjerming.md § Screened words), in the task pane at Outlook's
 * 350 px (/preview, real server and database): the saksbehandler corrects a screened registration
 * and marks one word of the title (a name) as a chip; then, through the API, a user without the
 * code and the public journal see exactly that word as *****, and nothing else of the title
 * changes. axe finds nothing serious in the view.
 */
const haveChromium = chromiumInstalled();
if (!haveChromium) loudWarning([`BROWSER TESTS DID NOT RUN: no Chromium at ${CHROMIUM}.`, 'Screening words of a title in the task pane has NOT been tested in this run.']);
if (!haveChromium && process.env.CI) {
  it('needs Chromium in CI', () => {
    throw new Error(`No Chromium at ${CHROMIUM}: the browser tests must run in CI`);
  });
}

type Jp = { systemId: string; registreringsId: string; tittel: string; tittel2: string | null; skjermedeOrd: string[]; offentligTittel: string };

if (haveChromium) describe('screening words of a title in the task pane (350 px)', () => {
  let ctx: TestContext;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureAddinBuilt();
    ctx = await createTestContext();
    await seedDemoIfEmpty(ctx.db, ctx.blobs);
    await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => process.stderr.write(`pane error: ${e.stack ?? e.message}\n`));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  async function api<T>(brukernavn: string | null, url: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const auth = brukernavn ? await ctx.auth(brukernavn) : {};
    const res = await fetch(base + url, { method: init.method ?? 'GET', headers: { ...auth, ...(init.body ? { 'content-type': 'application/json' } : {}) }, ...(init.body ? { body: JSON.stringify(init.body) } : {}) });
    const body = (await res.json()) as T;
    if (!res.ok) expect({ url, status: res.status, body }).toEqual({ url, status: 'a 2xx', body: null });
    return body;
  }

  it('marks a name in the title; a user without the code and the public journal see exactly that word as *****', async () => {
    const sak = await api<{ systemId: string }>('ola', '/api/saker', { method: 'POST', body: { tittel: 'Byggesak Strandveien 7', sakstype: 'BS' } });
    const jp = await api<Jp>('ola', `/api/saker/${sak.systemId}/journalposter`, {
      method: 'POST',
      body: {
        journalposttype: 'I',
        tittel: 'Nabomerknad fra Randi Fjeld',
        tittel2: 'Randi Fjeld, Strandveien 9',
        skjerming: { tilgangskode: 'U', skjermingsnivaa: 1, skjermingshjemmel: 'Offl. § 13 jf. fvl. § 13' },
        korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Advokatfirmaet Lie' }],
      },
    });

    await page.goto(`${base}/preview`);
    await page.locator('#root > *').first().waitFor();
    await page.evaluate(`(() => {
      const grid = [...document.querySelectorAll('#root *')].find((e) => getComputedStyle(e).display === 'grid');
      grid.style.gridTemplateColumns = 'minmax(220px, 1fr) 350px';
    })()`);
    await page.getByRole('button', { name: /Logg inn som Ola/ }).click();
    await page.getByRole('heading', { name: 'Arbeidsbord' }).waitFor();
    await page.locator('[data-kurv="ubehandlet"]').click();
    await page.getByRole('list', { name: 'Ubehandlet' }).getByRole('button', { name: new RegExp(`${jp.registreringsId} Nabomerknad fra Randi Fjeld`) }).click();
    await page.getByRole('heading', { name: /Nabomerknad fra Randi Fjeld/ }).waitFor();

    await page.getByRole('button', { name: 'Skjerm ord i tittelen' }).click();
    const linje1 = page.getByRole('group', { name: 'Skjerm ord i tittelen: Linje 1' });
    await linje1.getByRole('button', { name: 'Fjeld', exact: true }).click();
    await linje1.getByRole('button', { name: 'Fjeld (skjermet)' }).waitFor();
    expect(await linje1.getByRole('button', { name: 'Fjeld (skjermet)' }).getAttribute('aria-pressed')).toBe('true');
    // The same word in line 2 is the same marked word.
    expect(await page.getByRole('group', { name: 'Skjerm ord i tittelen: Linje 2' }).getByRole('button', { name: 'Fjeld (skjermet)' }).count()).toBe(1);
    await page.getByRole('status').filter({ hasText: 'Skjermet: Fjeld' }).waitFor();

    expect({ violations: await seriousAxeViolations(page) }).toEqual({ violations: [] });
    const pane = await page.locator('main').boundingBox();
    expect(pane!.width).toBeLessThanOrEqual(350);
    const utenfor = await page.evaluate(`[...document.querySelectorAll('main *')]
      .filter((e) => { const r = e.getBoundingClientRect(); const st = getComputedStyle(e); return r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && r.right > ${pane!.x + pane!.width + 1}; })
      .map((e) => e.tagName + ' «' + (e.textContent || '').slice(0, 40) + '»')`);
    expect(utenfor).toEqual([]);

    await page.getByRole('button', { name: 'Lagre skjermede ord' }).click();
    await page.getByRole('status').filter({ hasText: 'Skjermede ord lagret' }).waitFor();

    // The saksbehandler sees through: the whole title, and which word is marked.
    const egen = await api<Jp>('ola', `/api/journalposter/${jp.systemId}`);
    expect({ tittel: egen.tittel, tittel2: egen.tittel2, ord: egen.skjermedeOrd }).toEqual({ tittel: 'Nabomerknad fra Randi Fjeld', tittel2: 'Randi Fjeld, Strandveien 9', ord: ['fjeld'] });
    // A user without the code: exactly that word as *****.
    const uten = await api<Jp>('sven', `/api/journalposter/${jp.systemId}`);
    expect({ tittel: uten.tittel, tittel2: uten.tittel2, ord: uten.skjermedeOrd }).toEqual({ tittel: 'Nabomerknad fra Randi *****', tittel2: 'Randi *****, Strandveien 9', ord: [] });
    const sok = await api<{ journalposter: { total: number } }>('sven', `/api/sok?q=${encodeURIComponent('Fjeld Nabomerknad')}`);
    expect(sok.journalposter.total).toBe(0);

    // The public journal, once journalført.
    await api('arne', `/api/journalposter/${jp.systemId}/journalfoer`, { method: 'POST' });
    const offentlig = await api<{ items: { systemId: string; offentligTittel: string }[] }>(null, `/api/offentlig-journal?fra=${idag()}&til=${idag()}&q=Nabomerknad`);
    expect(offentlig.items.find((i) => i.systemId === jp.systemId)?.offentligTittel).toBe('Nabomerknad fra Randi ***** - Randi *****, Strandveien 9');
  }, 240_000);
});
