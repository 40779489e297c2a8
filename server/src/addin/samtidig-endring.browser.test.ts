import { haveChromiumFor, openPane, type Pane } from './browser';

/**
 * Two people on the same journalpost: the task pane (headless Chromium at Outlook's 350 px
 * pane width, /preview with the fake mailbox, real server and database) edits the registration
 * while someone else changes the record through the API. The pane's save must not overwrite
 * that change unseen: it shows the conflict with the current values, and the user saves again
 * on fresh data.
 */
const haveChromium = haveChromiumFor('Concurrent editing in the task pane');

type Jp = { systemId: string; registreringsId: string; tittel: string; forfallsdato: string | null; versjon: number };

if (haveChromium) describe('a stale save in the task pane (350 px)', () => {
  let pane: Pane;

  beforeAll(async () => {
    pane = await openPane({ width: 1000 });
  }, 180_000);
  afterAll(async () => pane?.close());

  it('edits, meets a change made behind its back, sees it, and saves again on fresh data', async () => {
    const { page, api } = pane;
    // Ola's incoming letter, in Ubehandlet.
    const sak = await api<{ systemId: string }>('ola', '/api/saker', { method: 'POST', body: { tittel: 'Parkeringstillatelse Sjøgata', sakstype: 'GS' } });
    const jp = await api<Jp>('ola', `/api/saker/${sak.systemId}/journalposter`, { method: 'POST', body: { journalposttype: 'I', tittel: 'Søknad om parkering', korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Per Hansen' }] } });

    // The preview puts a fake inbox beside the pane; the pane column gets Outlook's 350 px.
    await pane.loadBesideMailbox({ paneWidth: 350 });
    await pane.signInAs('Ola');
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
    const main = await page.locator('main').boundingBox();
    expect(main!.width).toBeLessThanOrEqual(350);
    expect(main!.width).toBeGreaterThan(320);
    for (const box of [await skjema.boundingBox(), await konflikt.boundingBox()]) expect(box!.x + box!.width).toBeLessThanOrEqual(main!.x + main!.width);

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
