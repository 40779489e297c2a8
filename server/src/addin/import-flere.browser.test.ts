import type { Locator } from 'playwright-core';
import { haveChromiumFor, openPane, outsideThePane, type Pane } from './browser';

/**
 * §10.3 "several mails into one sak in one operation", then "check and correct" each before
 * saving: at Outlook's 350 px the pane lists every selected mail (subject, sender, date,
 * attachments), one section each, with the same registration form as for one mail. The user
 * corrects the title of one, the sender of another, leaves an attachment of a third behind and
 * takes a fourth out of the batch; the archive then holds exactly those journalposter, with
 * those values (read through the API). axe checks the list. ARKIV_SCREENSHOTS=docs/img saves
 * the list for docs/addin.md.
 */
const haveChromium = haveChromiumFor('Checking each of several mails before import');

// The page's DataTransfer, for the function that runs in the page: the test program has no DOM lib.
declare const DataTransfer: new () => { items: { add(file: File): void } };

type Jp = {
  systemId: string;
  journalposttype: string;
  journalstatus: string;
  tittel: string;
  dokumenter: { tittel: string }[];
  korrespondanseparter: { korrespondanseparttype: string; navn: string; epostadresse: string | null }[];
};

if (haveChromium) describe('§10.3 several mails, each checked and corrected before import, at 350 px', () => {
  let pane: Pane;

  beforeAll(async () => {
    pane = await openPane();
  }, 240_000);
  afterAll(async () => {
    await pane?.close();
  });

  const api = <T,>(url: string) => pane.api<T>('ola', url);
  /** Nothing past the pane's edge, axe finds nothing serious; with ARKIV_SCREENSHOTS, `bilde` as a picture for docs/addin.md. */
  async function expectFitsAndAccessible(view: string, bilde?: [string, Locator]) {
    expect({ view, ...(await outsideThePane(pane.page)) }).toEqual({ view, overflow: '', ut: [] });
    await pane.expectAccessible(view, bilde);
  }

  it('imports four of five selected mails into a new sak, each as corrected', async () => {
    const { page } = pane;
    await pane.load();
    await pane.signInAs('Ola');
    await page.evaluate(`window.arkivPreview.select(['mail-1', 'mail-2', 'mail-3', 'mail-4', 'mail-5'])`);
    await page.keyboard.press('Control+Shift+S');
    await page.getByRole('group', { name: /Ny sak/ }).getByLabel('Tittel').fill('Byggesak Storgata 5, flere e-poster');
    await page.getByRole('button', { name: 'Opprett', exact: true }).click();

    // Each mail is listed with its sender, date and attachments; the first is open.
    const liste = page.getByRole('region', { name: 'E-postene som importeres' });
    await liste.getByTestId('importeres').filter({ hasText: 'Importeres: 5 / 5' }).waitFor();
    const header = (subject: RegExp) => liste.locator('[data-section]').getByRole('button', { name: subject });
    await header(/^Søknad om ferdigattest, Storgata 5.*Byggmester AS <post@byggmester\.example\.no> · \d\d\.\d\d\.\d{4} \d\d:\d\d · 2 vedlegg$/).waitFor();
    await header(/^Søknad om tilskudd til 17\. mai-arrangement.*1 vedlegg$/).waitFor();
    expect(await liste.locator('[data-section]').count()).toBe(5);
    await expectFitsAndAccessible('several mails, the first open', ['saksbehandler-import-flere', page.locator('main')]);

    // mail-1: the Samsvarserklæring stays behind; Situasjonsplan goes with a corrected title.
    const soknad = page.getByRole('group', { name: 'Registreringsdata: Søknad om ferdigattest, Storgata 5' });
    await soknad.getByRole('checkbox', { name: 'Ta med: Samsvarserklæring.pdf' }).uncheck();
    await soknad.getByLabel('Vedlegg: Situasjonsplan.pdf').fill('Situasjonsplan Storgata 5');
    expect(await soknad.getByLabel('Vedlegg: Samsvarserklæring.pdf').count()).toBe(0);

    // mail-2: a meaningful title.
    await header(/^Spørsmål om gebyr for byggesak/).click();
    const gebyr = page.getByRole('group', { name: 'Registreringsdata: Spørsmål om gebyr for byggesak' });
    await gebyr.getByLabel(/^Tittel\s*\*?$/).fill('Spørsmål om gebyr for byggesøknad, Storgata 5');

    // mail-3, forwarded: the original sender is offered; the user corrects name and address.
    await header(/^VS: Klage på vedtak om barnehageplass/).click();
    const klage = page.getByRole('group', { name: 'Registreringsdata: VS: Klage på vedtak om barnehageplass' });
    expect(await klage.getByLabel('Avsender: navn').inputValue()).toBe('Anne Olsen');
    await klage.getByLabel('Avsender: navn').fill('Anne Marie Olsen');
    await klage.getByLabel('Avsender: e-postadresse').fill('anne.marie.olsen@example.no');

    // mail-4, sent by Ola: U, registered as sent and expedited; its recipient is shown.
    await header(/^Svar: Spørsmål om gebyr for byggesak/).click();
    const svar = page.getByRole('group', { name: 'Registreringsdata: Svar: Spørsmål om gebyr for byggesak' });
    expect(await svar.getByLabel('Dokumenttype').inputValue()).toBe('U');
    await svar.getByText('Mottakere: Per Hansen <per.hansen@example.no>').waitFor();

    // mail-5 is for the dokumentsenter: out of the batch.
    await header(/^Søknad om tilskudd til 17\. mai-arrangement/).click();
    await liste.getByRole('checkbox', { name: 'Ta med i importen' }).last().uncheck();
    await header(/^Søknad om tilskudd til 17\. mai-arrangement — tas ikke med/).waitFor();
    await liste.getByTestId('importeres').filter({ hasText: 'Importeres: 4 / 5' }).waitFor();
    await expectFitsAndAccessible('several mails, each open and corrected');

    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    const resultat = page.getByRole('list', { name: 'Resultat' });
    await page.getByText('Importerer: 4/4').waitFor();
    await resultat.getByRole('listitem').nth(3).waitFor();
    expect(await resultat.getByText(/^Feilet/).count()).toBe(0);
    expect(await page.evaluate(`['mail-1', 'mail-2', 'mail-3', 'mail-4', 'mail-5'].map((id) => window.arkivPreview.categoriesOf(id).join())`)).toEqual(['Arkivert', 'Arkivert', 'Arkivert', 'Arkivert', '']);

    // Through the API: exactly those four journalposter, with those values.
    const saker = await api<{ items: { systemId: string; tittel: string }[] }>(`/api/saker?q=${encodeURIComponent('Byggesak Storgata 5, flere e-poster')}`);
    const sakId = saker.items.find((s) => s.tittel === 'Byggesak Storgata 5, flere e-poster')!.systemId;
    const jps = (await api<{ items: Jp[] }>(`/api/saker/${sakId}/journalposter`)).items;
    const somRegistrert = jps
      .map((j) => ({
        tittel: j.tittel,
        type: `${j.journalposttype} ${j.journalstatus}`,
        dokumenter: j.dokumenter.map((d) => d.tittel),
        parter: j.korrespondanseparter.map((p) => `${p.korrespondanseparttype} ${p.navn} <${p.epostadresse ?? ''}>`),
      }))
      .sort((a, b) => a.tittel.localeCompare(b.tittel, 'nb'));
    expect(somRegistrert).toEqual([
      { tittel: 'Klage på vedtak om barnehageplass', type: 'I S', dokumenter: ['Klage på vedtak om barnehageplass'], parter: ['EA Anne Marie Olsen <anne.marie.olsen@example.no>'] },
      { tittel: 'Spørsmål om gebyr for byggesøknad, Storgata 5', type: 'I S', dokumenter: ['Spørsmål om gebyr for byggesøknad, Storgata 5'], parter: ['EA Per Hansen <per.hansen@example.no>'] },
      { tittel: 'Svar: Spørsmål om gebyr for byggesak', type: 'U E', dokumenter: ['Svar: Spørsmål om gebyr for byggesak'], parter: ['EM Per Hansen <per.hansen@example.no>'] },
      { tittel: 'Søknad om ferdigattest, Storgata 5', type: 'I S', dokumenter: ['Søknad om ferdigattest, Storgata 5', 'Situasjonsplan Storgata 5'], parter: ['EA Byggmester AS <post@byggmester.example.no>'] },
    ]);
  });

  it('lists dropped .eml files the same way: one taken out, the other imported with a corrected title', async () => {
    const { page } = pane;
    const eml = (id: string, from: string, subject: string) => `Message-ID: <${id}@example.no>\r\nFrom: ${from}\r\nTo: post@kommune.example.no\r\nSubject: ${subject}\r\nDate: Mon, 23 Nov 2026 09:00:00 +0100\r\n\r\nSe vedlagt.`;
    const filer = [
      ['nabovarsel.eml', eml('flere-drop-1', '"Lars Dahl" <lars@example.no>', 'Nabovarsel Storgata 7')],
      ['reklame.eml', eml('flere-drop-2', 'Nyhetsbrev <nyheter@example.no>', 'Tilbud på kontorrekvisita')],
    ];
    const dataTransfer = await page.evaluateHandle((fs) => {
      const dt = new DataTransfer();
      for (const [navn, tekst] of fs) dt.items.add(new File([tekst!], navn!, { type: 'message/rfc822' }));
      return dt;
    }, filer);
    await page.getByRole('region', { name: 'Importer til sak' }).dispatchEvent('drop', { dataTransfer });
    const liste = page.getByRole('region', { name: 'E-postene som importeres' });
    await liste.getByTestId('importeres').filter({ hasText: 'Importeres: 2 / 2' }).waitFor();
    await page.getByRole('group', { name: 'Registreringsdata: Nabovarsel Storgata 7' }).getByLabel(/^Tittel\s*\*?$/).fill('Nabovarsel, tilbygg Storgata 7');
    await liste.locator('[data-section]').getByRole('button', { name: /^Tilbud på kontorrekvisita/ }).click();
    await liste.getByRole('checkbox', { name: 'Ta med i importen' }).last().uncheck();
    await liste.getByTestId('importeres').filter({ hasText: 'Importeres: 1 / 2' }).waitFor();
    await expectFitsAndAccessible('dropped files');
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByRole('list', { name: 'Resultat' }).getByRole('button', { name: /Nabovarsel, tilbygg Storgata 7/ }).waitFor();
    const saker = await api<{ items: { systemId: string; tittel: string }[] }>(`/api/saker?q=${encodeURIComponent('Byggesak Storgata 5, flere e-poster')}`);
    const sakId = saker.items.find((s) => s.tittel === 'Byggesak Storgata 5, flere e-poster')!.systemId;
    const titler = (await api<{ items: Jp[] }>(`/api/saker/${sakId}/journalposter`)).items.map((j) => j.tittel);
    expect(titler).toHaveLength(5);
    expect(titler).toContain('Nabovarsel, tilbygg Storgata 7');
    expect(titler.some((t) => /kontorrekvisita/.test(t))).toBe(false);
  });
});
