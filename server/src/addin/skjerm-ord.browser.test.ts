import { idag } from '../test/dato';
import { haveChromiumFor, openPane, type Pane } from './browser';

/**
 * Screened words in a title (docs/skjerming.md § Screened words), in the task pane at Outlook's
 * 350 px (/preview, real server and database): the saksbehandler corrects a screened registration
 * and marks one word of the title (a name) as a chip; then, through the API, a user without the
 * code and the public journal see exactly that word as *****, and nothing else of the title
 * changes. axe finds nothing serious in the view.
 */
const haveChromium = haveChromiumFor('Screening words of a title in the task pane');

type Jp = { systemId: string; registreringsId: string; tittel: string; tittel2: string | null; skjermedeOrd: string[]; offentligTittel: string };

if (haveChromium) describe('screening words of a title in the task pane (350 px)', () => {
  let pane: Pane;

  beforeAll(async () => {
    pane = await openPane({ width: 1000 });
  }, 180_000);
  afterAll(async () => pane?.close());

  it('marks a name in the title; a user without the code and the public journal see exactly that word as *****', async () => {
    const { page, api } = pane;
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

    await pane.loadBesideMailbox({ paneWidth: 350 });
    await pane.signInAs('Ola');
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

    await pane.expectAccessible('skjerm ord i tittelen');
    const main = await page.locator('main').boundingBox();
    expect(main!.width).toBeLessThanOrEqual(350);
    const utenfor = await page.evaluate(`[...document.querySelectorAll('main *')]
      .filter((e) => { const r = e.getBoundingClientRect(); const st = getComputedStyle(e); return r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && r.right > ${main!.x + main!.width + 1}; })
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
