import { seriousAxeViolations } from '../test/axe';
import { haveChromiumFor, openPane, outsideThePane, type Pane } from './browser';

/**
 * The pane fits Outlook: for every role of the demo archive, every view its menu leads to, and
 * a journalpost and its sak (every section opened), at Outlook's narrowest (320 px) and widest
 * (450 px) pane. Each view opens with focus on its heading, nothing runs out of the pane (no
 * sideways scrolling, no control past the edge) and axe finds nothing serious or critical.
 * Then the Office themes: the same checks in dark and high contrast.
 */
const haveChromium = haveChromiumFor('The pane at 320 and 450 px');

/** The roles of the demo archive (server/src/seed/demo-data.ts), each as the pane is used in it. */
const ROLLER = [
  { rolle: 'saksbehandler', navn: 'Ola', brukernavn: 'ola' },
  { rolle: 'leder', navn: 'Lise', brukernavn: 'lise' },
  // Kari is Lise's stedfortreder in the demo: she works at Lise's desk.
  { rolle: 'stedfortreder', navn: 'Kari', brukernavn: 'kari', paaVegneAv: { navn: 'Lise Leder', brukernavn: 'lise' } },
  { rolle: 'dokumentsenter', navn: 'Dina', brukernavn: 'dina' },
  { rolle: 'arkiv', navn: 'Arne', brukernavn: 'arne' },
] as const;
const BREDDER = [320, 450] as const;

type KurvElement = { type: 'journalpost' | 'sak' | 'oppgave'; systemId: string; nummer: string; tittel: string };
const KURVER = ['ubehandlet', 'dokumenter_i_arbeid', 'forfall', 'mottatt_for_godkjenning', 'mine_saker', 'kopier', 'siste_saksmapper'];

if (haveChromium) describe('The pane at 320 and 450 px, every role, every view', () => {
  let pane: Pane;

  beforeAll(async () => {
    pane = await openPane({ width: 450, height: 800 });
  }, 240_000);
  afterAll(async () => {
    await pane?.close();
  });

  /** What the page says about the view now: its focus, what sticks out, axe. */
  async function fit(view: string, { focus = true } = {}) {
    const { page } = pane;
    let fokus = '';
    if (focus) {
      // The view's heading takes focus once its data is in (a spinner first).
      for (let i = 0; i < 100; i++) {
        fokus = (await page.evaluate(`(() => { const a = document.activeElement; return a && /^H[12]$/.test(a.tagName) ? a.tagName : (a ? a.tagName + ' «' + (a.textContent || '').slice(0, 40) + '»' : 'none'); })()`)) as string;
        if (/^H[12]$/.test(fokus)) break;
        await page.waitForTimeout(100);
      }
    }
    const bredde = await outsideThePane(page);
    const violations = await seriousAxeViolations(page);
    expect({ view, fokus: focus ? fokus : 'H2', ...bredde, violations }).toEqual({ view, fokus: expect.stringMatching(/^H[12]$/), overflow: '', ut: [], violations: [] });
  }

  /** Opens every closed section of the view (Accordion headers), then checks the view again. */
  async function allSectionsOpen(view: string) {
    const { page } = pane;
    const lukket = page.locator('main [data-section] button[aria-expanded="false"]');
    for (let i = 0; i < 20 && (await lukket.count()); i++) await lukket.first().click();
    await page.getByRole('progressbar').first().waitFor({ state: 'detached' }).catch(() => undefined);
    await fit(`${view}, every section open`, { focus: false });
  }

  /** A request as the user, on the leader's desk named when `paaVegneAv` is given. */
  async function api<T>(brukernavn: string, url: string, paaVegneAv?: string): Promise<T> {
    const leder = paaVegneAv ? (await pane.api<{ bruker: { systemId: string } }>(paaVegneAv, '/api/meg')).bruker.systemId : undefined;
    return pane.api<T>(brukernavn, url, leder ? { headers: { 'x-paa-vegne-av': leder } } : {});
  }

  /**
   * A journalpost the user opens as they would: the first in a basket on the desk; for the
   * archive and the dokumentsenter, whose work is not in baskets, one found with Finn.
   */
  async function enJournalpost(brukernavn: string, paaVegneAv?: string): Promise<{ kurv: string; nummer: string } | { finn: string }> {
    for (const kurv of KURVER) {
      const item = (await api<KurvElement[]>(brukernavn, `/api/kurver/${kurv}`, paaVegneAv)).find((i) => i.type === 'journalpost');
      if (item) return { kurv, nummer: item.nummer };
    }
    for (const q of ['søknad', 'klage', 'vedtak']) {
      const hit = (await api<{ journalposter: { items: { registreringsId: string }[] } }>(brukernavn, `/api/sok?${new URLSearchParams({ q })}`, paaVegneAv)).journalposter.items[0];
      if (hit) return { finn: hit.registreringsId };
    }
    throw new Error(`${brukernavn} finds no journalpost in the demo`);
  }

  it.each(ROLLER)('$rolle ($navn): every view fits and opens on its heading', async (r) => {
    const { page } = pane;
    await page.setViewportSize({ width: 450, height: 800 });
    await pane.load();
    await pane.signInAs(r.navn);
    await fit(`${r.rolle}: after sign-in`);
    if ('paaVegneAv' in r) {
      await page.getByRole('combobox', { name: 'Stedfortreder' }).selectOption({ label: r.paaVegneAv.navn });
      await page.getByTestId('deputy').waitFor();
    }
    const jp = await enJournalpost(r.brukernavn, 'paaVegneAv' in r ? r.paaVegneAv.brukernavn : undefined);
    const navn = 'kurv' in jp ? jp.nummer : jp.finn;
    const tekst = new RegExp(`^${navn.replace(/[/\\^$.*+?()[\]{}|]/g, '\\$&')} `);
    const meny = page.getByRole('navigation', { name: 'Hovedmeny' });

    for (const bredde of BREDDER) {
      await page.setViewportSize({ width: bredde, height: 800 });
      const views = await meny.getByRole('button').allTextContents();
      expect(views.length).toBeGreaterThanOrEqual(3);
      for (const view of views) {
        await meny.getByRole('button', { name: view, exact: true }).click();
        await fit(`${r.rolle} ${bredde}px: ${view}`);
        // A view's own parts (the leader's report, saksfordeling, deputies).
        const deler = page.locator('main [data-del]');
        for (let i = 0; i < (await deler.count()); i++) {
          await deler.nth(i).click();
          await fit(`${r.rolle} ${bredde}px: ${view} › ${await deler.nth(i).textContent()}`, { focus: false });
        }
      }

      // A journalpost, as the user opens it.
      if ('kurv' in jp) {
        await meny.getByRole('button', { name: 'Arbeidsbord', exact: true }).click();
        await page.locator(`[data-kurv="${jp.kurv}"]`).click();
      } else {
        await meny.getByRole('button', { name: 'Finn', exact: true }).click();
        await page.getByRole('searchbox', { name: /Saksnummer, journalnummer, ord eller navn/ }).fill(jp.finn);
        await page.getByRole('button', { name: 'Søk', exact: true }).click();
      }
      // A record's number and title is a Fluent Link without href: a button.
      await page.locator('main').getByRole('button', { name: tekst }).first().click();
      await page.locator('#jp-view-h').waitFor();
      await fit(`${r.rolle} ${bredde}px: journalpost ${navn}`);
      await allSectionsOpen(`${r.rolle} ${bredde}px: journalpost ${navn}`);

      // Its sak, from the journalpost.
      await page.locator('main p').getByRole('button', { name: /^Sak / }).click();
      await page.locator('#sak-view-h').waitFor();
      await fit(`${r.rolle} ${bredde}px: sak`);
      await allSectionsOpen(`${r.rolle} ${bredde}px: sak`);
    }
  }, 600_000);

  it.each(['dark', 'highContrast'])('follows Office’s %s theme, and every view still passes axe', async (theme) => {
    const { page } = pane;
    await page.setViewportSize({ width: 350, height: 800 });
    await pane.load({ theme });
    await pane.signInAs('Ola');
    // The pane takes the theme's background (Fluent tokens), not the page's white.
    const bakgrunn = (await page.evaluate(`getComputedStyle(document.querySelector('.fui-FluentProvider')).backgroundColor`)) as string;
    const [red, green, blue] = bakgrunn.match(/\d+/g)!.map(Number) as [number, number, number];
    expect({ theme, bakgrunn, mørk: red + green + blue < 3 * 80 }).toEqual({ theme, bakgrunn, mørk: true });
    const meny = page.getByRole('navigation', { name: 'Hovedmeny' });
    for (const view of await meny.getByRole('button').allTextContents()) {
      await meny.getByRole('button', { name: view, exact: true }).click();
      await fit(`${theme}: ${view}`);
    }
    // Office changes theme while the pane is open: the pane follows.
    await page.evaluate(`window.arkivPreview.setTheme('light')`);
    await page.waitForFunction(() => (globalThis as unknown as { document: { documentElement: { dataset: Record<string, string> } } }).document.documentElement.dataset.theme === 'light');
    await fit(`${theme} → light`, { focus: false });
  }, 300_000);
});
