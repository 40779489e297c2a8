import { haveChromiumFor, openPane, type Pane } from './browser';

/**
 * Find (§4 "search before you create") in the task pane at Outlook's 350 px, against the real
 * server and the demo archive: words in another order and inflection than the title, a filter,
 * a hit that opens its journalpost; the same hit through the API; axe on every view passed.
 */
const haveChromium = haveChromiumFor('Find in the task pane');

type Treff = { journalposter: { items: { systemId: string; registreringsId: string; tittel: string }[] } };

if (haveChromium) describe('Find in the task pane (350 px)', () => {
  let pane: Pane;

  beforeAll(async () => {
    pane = await openPane({ width: 1000 });
  }, 180_000);
  afterAll(async () => pane?.close());

  it('searches in other words and order than the title, filters, and opens the journalpost found', async () => {
    const { page, expectAccessible } = pane;
    // The preview puts a fake inbox beside the pane; the pane column gets Outlook's 350 px.
    await pane.loadBesideMailbox({ paneWidth: 350 });
    await pane.signInAs('Ola');

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
    const main = await page.locator('main').boundingBox();
    expect(main!.width).toBeLessThanOrEqual(350);
    const box = await treff.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(main!.x + main!.width + 1);

    // The API finds the same journalpost for Ola.
    const fra = (await pane.api<Treff>('ola', `/api/sok?${new URLSearchParams({ q: 'anleggsarbeidet klager støy', sakstype: 'GS' })}`)).journalposter.items.find((j) => j.tittel === 'Klage på støy fra anleggsarbeid')!;
    expect(await treff.textContent()).toContain(fra.registreringsId);

    await treff.click();
    await page.getByRole('heading', { name: `${fra.registreringsId} (I) Klage på støy fra anleggsarbeid` }).waitFor();
    await expectAccessible('journalpost opened from find');
  }, 120_000);
});
