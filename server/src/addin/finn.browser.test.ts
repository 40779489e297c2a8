import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { seedDemoIfEmpty } from '../seed/demo-seed';
import { createTestContext, type TestContext } from '../test/context';
import { seriousAxeViolations } from '../test/axe';
import { CHROMIUM, CHROMIUM_ARGS, chromiumInstalled, ensureAddinBuilt, loudWarning } from './browser';

/**
 * Find (§4 "search before you create") in the task pane at Outlook's 350 px, against the real
 * server and the demo archive: words in another order and inflection than the title, a filter,
 * a hit that opens its journalpost; the same hit through the API; axe on every view passed.
 */
const haveChromium = chromiumInstalled();
if (!haveChromium) loudWarning([`BROWSER TESTS DID NOT RUN: no Chromium at ${CHROMIUM}.`, 'Find in the task pane has NOT been tested in this run.']);
if (!haveChromium && process.env.CI) {
  it('needs Chromium in CI', () => {
    throw new Error(`No Chromium at ${CHROMIUM}: the browser tests must run in CI`);
  });
}

type Treff = { journalposter: { items: { systemId: string; registreringsId: string; tittel: string }[] } };

if (haveChromium) describe('Find in the task pane (350 px)', () => {
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
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  async function expectAccessible(view: string) {
    expect({ view, violations: await seriousAxeViolations(page) }).toEqual({ view, violations: [] });
  }

  it('searches in other words and order than the title, filters, and opens the journalpost found', async () => {
    await page.goto(`${base}/preview`);
    await page.locator('#root > *').first().waitFor();
    // The preview puts a fake inbox beside the pane; give the pane column Outlook's 350 px.
    await page.evaluate(`(() => {
      const grid = [...document.querySelectorAll('#root *')].find((e) => getComputedStyle(e).display === 'grid');
      grid.style.gridTemplateColumns = 'minmax(220px, 1fr) 350px';
    })()`);
    await page.getByRole('button', { name: /Logg inn som Ola/ }).click();
    await page.getByRole('heading', { name: 'Arbeidsbord' }).waitFor();

    await page.getByRole('navigation').getByRole('button', { name: 'Finn' }).click();
    await page.getByRole('heading', { name: 'Finn sak eller journalpost' }).waitFor();
    // Before a search: the saker Ola used last.
    await page.getByRole('heading', { name: 'Sist brukte saker' }).waitFor();
    await expectAccessible('finn');

    // The demo's "Klage på støy fra anleggsarbeid": other order, other inflection.
    await page.getByRole('searchbox', { name: /Saksnummer, journalnummer, ord eller navn/ }).fill('anleggsarbeidet klager støy');
    await page.getByText('Filtre').click();
    await page.getByRole('combobox', { name: 'Sakstype' }).selectOption('GS');
    await expectAccessible('finn with filters');
    await page.getByRole('button', { name: 'Søk', exact: true }).click();

    const treff = page.getByTestId('finn-journalposter').getByRole('button', { name: /Klage på støy fra anleggsarbeid/ });
    await treff.waitFor();
    await expectAccessible('finn with hits');
    const pane = await page.locator('main').boundingBox();
    expect(pane!.width).toBeLessThanOrEqual(350);
    const box = await treff.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(pane!.x + pane!.width + 1);

    // The API finds the same journalpost for Ola.
    const res = await fetch(`${base}/api/sok?${new URLSearchParams({ q: 'anleggsarbeidet klager støy', sakstype: 'GS' })}`, { headers: await ctx.auth('ola') });
    const fra = ((await res.json()) as Treff).journalposter.items.find((j) => j.tittel === 'Klage på støy fra anleggsarbeid')!;
    expect(await treff.textContent()).toContain(fra.registreringsId);

    await treff.click();
    await page.getByRole('heading', { name: `${fra.registreringsId} (I) Klage på støy fra anleggsarbeid` }).waitFor();
    await expectAccessible('journalpost opened from find');
  }, 120_000);
});
