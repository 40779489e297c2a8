import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { seedDemoIfEmpty } from '../seed/demo-seed';
import { createTestContext, type TestContext } from '../test/context';
import { CHROMIUM, CHROMIUM_ARGS, chromiumInstalled, ensureAddinBuilt, loudWarning } from './browser';

/**
 * Two people on the same journalpost: the task pane (headless Chromium at Outlook's 350 px
 * pane width, /preview with the fake mailbox, real server and database) edits the registration
 * while someone else changes the record through the API. The pane's save must not overwrite
 * that change unseen: it shows the conflict with the current values, and the user saves again
 * on fresh data.
 */
const haveChromium = chromiumInstalled();
if (!haveChromium) loudWarning([`BROWSER TESTS DID NOT RUN: no Chromium at ${CHROMIUM}.`, 'Concurrent editing in the task pane has NOT been tested in this run.']);
if (!haveChromium && process.env.CI) {
  it('needs Chromium in CI', () => {
    throw new Error(`No Chromium at ${CHROMIUM}: the browser tests must run in CI`);
  });
}

type Jp = { systemId: string; registreringsId: string; tittel: string; forfallsdato: string | null; versjon: number };

if (haveChromium) describe('a stale save in the task pane (350 px)', () => {
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

  async function api<T>(brukernavn: string, url: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
    const res = await fetch(base + url, { method: init.method ?? 'GET', headers: { ...(await ctx.auth(brukernavn)), ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers }, ...(init.body ? { body: JSON.stringify(init.body) } : {}) });
    const body = (await res.json()) as T;
    if (!res.ok) expect({ url, status: res.status, body }).toEqual({ url, status: 'a 2xx', body: null });
    return body;
  }

  it('edits, meets a change made behind its back, sees it, and saves again on fresh data', async () => {
    // Ola's incoming letter, in Ubehandlet.
    const sak = await api<{ systemId: string }>('ola', '/api/saker', { method: 'POST', body: { tittel: 'Parkeringstillatelse Sjøgata', sakstype: 'GS' } });
    const jp = await api<Jp>('ola', `/api/saker/${sak.systemId}/journalposter`, { method: 'POST', body: { journalposttype: 'I', tittel: 'Søknad om parkering', korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Per Hansen' }] } });

    await page.goto(`${base}/preview`);
    // The preview puts a fake inbox beside the pane; give the pane column Outlook's 350 px.
    await page.locator('#root > *').first().waitFor();
    await page.evaluate(`(() => {
      const grid = [...document.querySelectorAll('#root *')].find((e) => getComputedStyle(e).display === 'grid');
      grid.style.gridTemplateColumns = 'minmax(220px, 1fr) 350px';
    })()`);
    await page.getByRole('button', { name: /Logg inn som Ola/ }).click();
    await page.getByRole('heading', { name: 'Arbeidsbord' }).waitFor();
    await page.locator('[data-kurv="ubehandlet"]').click();
    await page.getByRole('list', { name: 'Ubehandlet' }).getByRole('button', { name: new RegExp(`${jp.registreringsId} Søknad om parkering`) }).click();

    // Ola starts editing the title.
    await page.getByRole('button', { name: 'Endre registrering' }).click();
    const skjema = page.getByRole('group', { name: 'Endre registrering' });
    await skjema.getByRole('textbox', { name: /^Tittel\W*$/ }).fill('Søknad om parkeringstillatelse, Sjøgata 4');

    // Meanwhile the archive sets a forfallsdato and corrects the title, through the API.
    const lest = await api<Jp>('arne', `/api/journalposter/${jp.systemId}`);
    const annen = await api<Jp>('arne', `/api/journalposter/${jp.systemId}`, { method: 'PATCH', body: { tittel: 'Søknad om parkeringstillatelse', forfallsdato: '2026-12-15' }, headers: { 'if-match': `"${lest.versjon}"` } });

    // Ola saves: refused, and shown what the record is now; nothing of Ola's is saved yet.
    await skjema.getByRole('button', { name: 'Lagre' }).click();
    const konflikt = page.getByTestId('konflikt');
    await konflikt.waitFor();
    expect(await konflikt.textContent()).toContain('Posten er endret av en annen');
    expect(await konflikt.textContent()).toContain('2026-12-15');
    expect(await konflikt.textContent()).toContain('Søknad om parkeringstillatelse');
    expect(await skjema.getByRole('textbox', { name: /^Tittel\W*$/ }).inputValue()).toBe('Søknad om parkeringstillatelse, Sjøgata 4');
    // The field Ola did not touch now shows the other change.
    expect(await skjema.getByLabel('Forfallsdato').inputValue()).toBe('2026-12-15');
    expect((await api<Jp>('ola', `/api/journalposter/${jp.systemId}`)).tittel).toBe('Søknad om parkeringstillatelse');
    // The edit and the conflict fit in the 350 px pane.
    const pane = await page.locator('main').boundingBox();
    expect(pane!.width).toBeLessThanOrEqual(350);
    expect(pane!.width).toBeGreaterThan(320);
    for (const box of [await skjema.boundingBox(), await konflikt.boundingBox()]) expect(box!.x + box!.width).toBeLessThanOrEqual(pane!.x + pane!.width);

    // Ola saves again on the fresh version: the title is Ola's, the other change is kept.
    await skjema.getByRole('button', { name: 'Lagre endringene mine på nytt' }).click();
    await page.getByRole('status').filter({ hasText: 'Lagret' }).waitFor();
    const etter = await api<Jp>('ola', `/api/journalposter/${jp.systemId}`);
    expect({ tittel: etter.tittel, forfallsdato: etter.forfallsdato }).toEqual({ tittel: 'Søknad om parkeringstillatelse, Sjøgata 4', forfallsdato: '2026-12-15' });
    expect(etter.versjon).toBeGreaterThan(annen.versjon);
    await page.getByRole('heading', { name: new RegExp(`Søknad om parkeringstillatelse, Sjøgata 4`) }).waitFor();
    const historikk = await api<{ handling: string; data: Record<string, { fra: unknown; til: unknown }> }[]>('ola', `/api/journalposter/${jp.systemId}/historikk`);
    expect(historikk.filter((h) => h.handling === 'journalpost_endret').map((h) => h.data.tittel?.til)).toEqual(['Søknad om parkeringstillatelse', 'Søknad om parkeringstillatelse, Sjøgata 4']);
  }, 120_000);
});
