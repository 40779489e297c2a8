import { seriousAxeViolations } from '../test/axe';
import { haveChromiumFor, openPane, openSection, type Pane } from './browser';

/**
 * Screened words in a sak's title (docs/skjerming.md § Screened words), in the task pane at
 * Outlook's 350 px (real server and database, the demo archive): the archive opens a screened
 * sak and marks a name in its title as a chip (the sak's abilities offer it); then, through the
 * API, a user without the code sees exactly that word as ***** in both lines and one with the
 * code sees the title whole. On a sak without skjerming the pane says the sak must be screened
 * instead of offering words the service would refuse; a user who may not correct the sak is not
 * offered the section at all. axe finds nothing serious, and nothing sticks out of the pane.
 */
const haveChromium = haveChromiumFor('Screening words of a sak’s title in the task pane');

type Sak = { systemId: string; saksnummer: string; tittel: string; tittel2: string | null; skjermedeOrd: string[]; offentligTittel: string; abilities: Record<string, boolean> };
type Historikk = { handling: string; bruker: { brukernavn: string } | null; data: { skjermedeOrd?: { fra: string[]; til: string[] } } };

const TITTEL = 'Byggesak Fjellveien 3 for Per Hansen';
const TITTEL2 = 'Tiltakshaver Per Hansen, Fjellveien 3';
const SKJERMING = { tilgangskode: 'U', skjermingsnivaa: 1, skjermingshjemmel: 'Offl. § 13 jf. fvl. § 13' };

if (haveChromium) describe('screening words of a sak’s title in the task pane (350 px)', () => {
  let pane: Pane;
  beforeAll(async () => {
    pane = await openPane();
  }, 240_000);
  afterAll(() => pane?.close());

  const api = <T,>(brukernavn: string, url: string, init: { method?: string; body?: unknown } = {}) => pane.api<T>(brukernavn, url, init);

  /** Finn → the sak by its title → the sak view. */
  async function openSak(tittel: string) {
    const { page } = pane;
    await page.getByRole('navigation').getByRole('button', { name: 'Finn', exact: true }).click();
    await page.getByRole('searchbox', { name: /Saksnummer, journalnummer, ord eller navn/ }).fill('Fjellveien');
    await page.getByRole('button', { name: 'Søk', exact: true }).click();
    await page.getByTestId('finn-saker').getByRole('button', { name: new RegExp(tittel) }).click();
    await page.getByRole('heading', { name: new RegExp(`Sak \\S+: ${tittel}`), level: 2 }).waitFor();
  }

  /** The archive's steps on the sak have loaded what blocks closing (an enabled button fades in; axe waits for a settled page). */
  async function arkivstegLastet() {
    await pane.page.getByText(/saken kan avsluttes|Dette hindrer at saken avsluttes/).first().waitFor();
  }

  async function sticksOut(): Promise<string[]> {
    const box = (await pane.page.locator('main').boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(350);
    return pane.page.evaluate(`[...document.querySelectorAll('main *')]
      .filter((e) => { const r = e.getBoundingClientRect(); const st = getComputedStyle(e); return r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && r.right > ${box.x + box.width + 1}; })
      .map((e) => e.tagName + ' «' + (e.textContent || '').slice(0, 40) + '»')`) as Promise<string[]>;
  }

  it('the archive marks a name in a screened sak’s title; without the code exactly that word is *****, with it the title is whole', async () => {
    const { page } = pane;
    const sak = await api<Sak>('kari', '/api/saker', { method: 'POST', body: { tittel: TITTEL, tittel2: TITTEL2, sakstype: 'BS', skjerming: SKJERMING } });
    // Who may: the sak's abilities, computed by the policy the route uses.
    expect({ arne: (await api<Sak>('arne', `/api/saker/${sak.systemId}`)).abilities.skjermOrd, ola: (await api<Sak>('ola', `/api/saker/${sak.systemId}`)).abilities.skjermOrd }).toEqual({ arne: true, ola: false });

    await pane.load();
    await pane.signInAs('Arne');
    await openSak(TITTEL);
    await arkivstegLastet();
    await openSection(page, 'Skjerm ord i tittelen');
    const linje1 = page.getByRole('group', { name: 'Skjerm ord i tittelen: Linje 1' });
    await linje1.getByRole('button', { name: 'Hansen', exact: true }).click();
    const merket = linje1.getByRole('button', { name: 'Hansen (skjermet)' });
    await merket.waitFor();
    expect(await merket.getAttribute('aria-pressed')).toBe('true');
    // The same word in line 2 is the same marked word; nothing else is marked.
    const linje2 = page.getByRole('group', { name: 'Skjerm ord i tittelen: Linje 2' });
    expect(await linje2.getByRole('button', { name: 'Hansen (skjermet)' }).count()).toBe(1);
    expect(await page.locator('main [aria-pressed="true"]').count()).toBe(2);
    await page.getByRole('status').filter({ hasText: 'Skjermet: Hansen' }).waitFor();
    expect({ violations: await seriousAxeViolations(page) }).toEqual({ violations: [] });
    expect(await sticksOut()).toEqual([]);

    await page.getByRole('button', { name: 'Lagre skjermede ord' }).click();
    await page.getByRole('status').filter({ hasText: 'Skjermede ord lagret' }).waitFor();
    expect({ violations: await seriousAxeViolations(page) }).toEqual({ violations: [] });

    // Ola has no code U: exactly that word as *****, in both lines, and not which words are marked.
    const uten = await api<Sak>('ola', `/api/saker/${sak.systemId}`);
    expect({ tittel: uten.tittel, tittel2: uten.tittel2, ord: uten.skjermedeOrd }).toEqual({ tittel: 'Byggesak Fjellveien 3 for Per *****', tittel2: 'Tiltakshaver Per *****, Fjellveien 3', ord: [] });
    // Dina holds U (for every unit): the whole title, and the word marked.
    const med = await api<Sak>('dina', `/api/saker/${sak.systemId}`);
    expect({ tittel: med.tittel, tittel2: med.tittel2, ord: med.skjermedeOrd }).toEqual({ tittel: TITTEL, tittel2: TITTEL2, ord: ['hansen'] });
    expect(med.offentligTittel).toBe('Byggesak Fjellveien 3 for Per ***** - Tiltakshaver Per *****, Fjellveien 3');
    // The change is the sak's historikk, by the archive.
    const historikk = await api<Historikk[]>('arne', `/api/saker/${sak.systemId}/historikk`);
    expect(historikk.filter((h) => h.handling === 'sak_skjerming_endret').map((h) => [h.bruker?.brukernavn, h.data.skjermedeOrd])).toEqual([['arne', { fra: [], til: ['hansen'] }]]);

    // Ola, who may not correct kari's sak, is not offered the words.
    await pane.signInAs('Ola');
    await openSak('Byggesak Fjellveien 3 for Per \\*\\*\\*\\*\\*');
    await page.locator('[data-section="historikk"]').waitFor();
    expect(await page.locator('[data-section="skjermord"]').count()).toBe(0);
  }, 240_000);

  it('on a sak without skjerming the pane says it must be screened first and offers no words', async () => {
    const { page } = pane;
    const tittel = 'Byggesak Fjellveien 5 for Åse Berg';
    const sak = await api<Sak>('kari', '/api/saker', { method: 'POST', body: { tittel, sakstype: 'BS' } });
    expect((await api<Sak>('arne', `/api/saker/${sak.systemId}`)).abilities.skjermOrd).toBe(true);
    await pane.signInAs('Arne');
    await openSak(tittel);
    await arkivstegLastet();
    await openSection(page, 'Skjerm ord i tittelen');
    await page.getByText('Saken er ikke skjermet. Ord i sakens tittel kan bare skjermes når saken har tilgangskode og hjemmel.').waitFor();
    expect(await page.getByRole('group', { name: /^Skjerm ord i tittelen:/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Lagre skjermede ord' }).count()).toBe(0);
    expect({ violations: await seriousAxeViolations(page) }).toEqual({ violations: [] });
    expect(await sticksOut()).toEqual([]);
  }, 120_000);
});
