import { haveChromiumFor, openPane, openSection, type Pane } from './browser';

/**
 * The task pane in headless Chromium against the real server and a real database (the demo
 * users and data), through /preview with the fake mailbox. axe-core checks every view.
 * Without Chromium: a loud warning, and a failure in CI (.ci/run installs Debian's chromium).
 */
// Browser globals for the functions that run in the page (page.evaluate): the test program has no DOM lib.
declare const document: {
  querySelectorAll(selector: string): { length: number };
  activeElement: { getAttribute(name: string): string | null } | null;
};
declare const window: object;
declare const DataTransfer: new () => { items: { add(file: File): void } };
declare const localStorage: { getItem(key: string): string | null; removeItem(key: string): void };

const haveChromium = haveChromiumFor('The task pane');

// Defined only with a browser (never skipped): without one the warning above says so, and CI fails.
if (haveChromium) describe('the task pane in Chromium (preview, fake mailbox)', () => {
  let pane: Pane;
  let base: string;
  let page: Pane['page'];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    // The preview's own window (Playwright's 1280 × 720): the mail list beside the pane.
    pane = await openPane({ width: 1280, height: 720 });
    ({ base, page } = pane);
    // The pane runs under the Content-Security-Policy the server sends: a blocked load or style shows up here.
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
  }, 180_000);
  afterAll(async () => pane?.close());

  it('the server serves /preview, /taskpane.html and their assets without a token', async () => {
    for (const url of ['/preview', '/taskpane.html']) {
      const res = await fetch(base + url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self' https://appsforoffice.microsoft.com");
      const html = await res.text();
      const asset = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(asset).toBeDefined();
      expect((await fetch(`${base}/${asset}`)).status).toBe(200);
    }
    expect((await fetch(`${base}/api/meg`)).status).toBe(401);
  });

  /** No Content-Security-Policy violation so far, and axe-core finds nothing serious or critical on the page as it is. */
  async function expectAccessible(view: string) {
    expect({ view, cspViolations }).toEqual({ view, cspViolations: [] });
    await pane.expectAccessible(view);
  }
  const api = <T,>(brukernavn: string, url: string) => pane.api<T>(brukernavn, url);
  type Jp = { systemId: string; journalposttype: string; journalstatus: string; tittel: string; tittel2: string | null; dokumenter: { tittel: string }[]; korrespondanseparter: { korrespondanseparttype: string; navn: string }[] };

  async function importedJournalposter(): Promise<string[]> {
    const links = page.getByRole('list', { name: 'Resultat' }).getByRole('button');
    return links.evaluateAll((as) => as.map((a) => a.textContent ?? ''));
  }

  let sakId: string;
  let saksnummer: string;
  const KURV_NAVN: Record<string, string> = {
    ubehandlet: 'Ubehandlet',
    forfall: 'Forfall',
    dokumenter_i_arbeid: 'Dokumenter i arbeid',
    mottatte_oppgaver: 'Mottatte oppgaver',
    sendt_til_godkjenning: 'Sendt til godkjenning',
    mottatt_for_godkjenning: 'Mottatt for godkjenning',
    kopier: 'Kopier',
    obs_saker: 'OBS-saker',
    mine_saker: 'Mine saker',
    siste_saksmapper: 'Siste saksmapper',
  };

  it('signs in as ola with the dev user picker and shows the Arbeidsbord with counts', async () => {
    await pane.loadBesideMailbox();
    await page.getByRole('button', { name: /Logg inn som Ola/ }).waitFor();
    await expectAccessible('sign-in');
    await page.getByRole('button', { name: /Logg inn som Ola/ }).click();
    await page.getByRole('heading', { name: 'Arbeidsbord' }).waitFor();
    // Every kurv with its bokmål name and the server's count.
    const kurver = await api<{ kurv: string; antall: number }[]>('ola', '/api/kurver');
    expect(kurver.length).toBe(10);
    for (const { kurv, antall } of kurver) await page.locator(`[data-kurv="${kurv}"]`).filter({ hasText: `${KURV_NAVN[kurv]} ${antall}` }).waitFor();
    await expectAccessible('arbeidsbord');
  });

  it('imports the open incoming mail into a new sak (§10.3): I, sender, corrected titles, mail and attachments as documents; the sak is made with the import', async () => {
    await page.keyboard.press('Control+Shift+S');
    await page.getByRole('heading', { name: 'Importer til sak' }).waitFor();
    const tittel = page.getByRole('group', { name: /Ny sak/ }).getByLabel('Tittel');
    await tittel.fill('Ferdigattest Kvernhusveien 17');
    await expectAccessible('importer');
    const sakerFoer = (await api<{ items: unknown[] }>('ola', `/api/saker?q=${encodeURIComponent('Kvernhusveien')}`)).items.length;
    await page.getByRole('button', { name: 'Opprett', exact: true }).click();
    await page.getByRole('heading', { name: 'Valgt sak: ny sak, opprettes ved import: «Ferdigattest Kvernhusveien 17» (GS Generell sak)' }).waitFor();
    // Nothing is created until the mail goes in with it (one transaction on the server).
    expect((await api<{ items: unknown[] }>('ola', `/api/saker?q=${encodeURIComponent('Kvernhusveien')}`)).items.length).toBe(sakerFoer);
    const registrering = page.getByRole('group', { name: 'Registreringsdata' });
    await registrering.getByLabel(/^Tittel\s*\*?$/).fill('Søknad om ferdigattest, Kvernhusveien 17');
    await registrering.getByLabel('Tittel linje 2').fill('Byggmester AS');
    const vedlegg = page.getByRole('group', { name: 'Vedleggstitler' });
    expect(await vedlegg.getByLabel('Vedlegg: Samsvarserklæring.pdf').inputValue()).toBe('Samsvarserklæring');
    await vedlegg.getByLabel('Vedlegg: Situasjonsplan.pdf').fill('Situasjonsplan Kvernhusveien 17');
    await expectAccessible('importer with attachment titles');
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByRole('list', { name: 'Resultat' }).getByRole('button').first().waitFor();
    const chosen = page.getByRole('heading', { name: /Valgt sak: \d{4}\/\d+ Ferdigattest Kvernhusveien 17/ });
    await chosen.waitFor();
    saksnummer = /(\d{4}\/\d+)/.exec((await chosen.textContent()) ?? '')![1]!;
    const saker = await api<{ items: { systemId: string; saksnummer: string }[] }>('ola', `/api/saker?q=${encodeURIComponent('Kvernhusveien')}`);
    sakId = saker.items.find((s) => s.saksnummer === saksnummer)!.systemId;
    const jps = await api<{ items: Jp[] }>('ola', `/api/saker/${sakId}/journalposter`);
    expect(jps.items.map((j) => [j.journalposttype, j.tittel, j.tittel2, j.dokumenter.map((d) => d.tittel)])).toEqual([
      ['I', 'Søknad om ferdigattest, Kvernhusveien 17', 'Byggmester AS', ['Søknad om ferdigattest, Kvernhusveien 17', 'Situasjonsplan Kvernhusveien 17', 'Samsvarserklæring']],
    ]);
    expect(jps.items[0]!.korrespondanseparter.map((p) => [p.korrespondanseparttype, p.navn])).toEqual([['EA', 'Byggmester AS']]);

    await page.getByRole('list', { name: 'Resultat' }).getByRole('button').first().click();
    await page.getByRole('heading', { name: /Søknad om ferdigattest, Kvernhusveien 17/ }).waitFor();
    const docs = page.getByRole('list', { name: 'Dokumenter', exact: true }).getByRole('listitem');
    await docs.nth(2).waitFor();
    expect(await docs.count()).toBe(3);
    // The mail's Date is the dokumentdato (unknown ones show "ukjent").
    expect(await page.getByTestId('dokumentdato').textContent()).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    await expectAccessible('journalpost');
  });

  it('on the journalpost: adds a merknad; Behandle offers only the codes for I, and TLF needs a merknad (§10.2.1)', async () => {
    await openSection(page, 'Merknader');
    const merknadGroup = page.getByRole('group', { name: 'Legg til merknad' });
    await merknadGroup.getByRole('textbox', { name: 'Merknad' }).fill('Ringte søker om manglende vedlegg');
    await merknadGroup.getByRole('button', { name: 'Legg til merknad' }).click();
    await page.getByRole('list', { name: 'Merknader' }).getByText('Ringte søker om manglende vedlegg').waitFor();

    const avskriv = page.getByRole('group', { name: 'Avskriv', exact: true });
    const codes = await avskriv.getByLabel('Avskrivningsmåte').locator('option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value).filter(Boolean));
    expect(codes).toEqual(['***', 'BU', 'TE', 'TLF', 'BSS', 'BB', 'BM', 'BS', 'EP', 'BV']);
    await avskriv.getByLabel('Avskrivningsmåte').selectOption('TLF');
    await avskriv.getByText('Besvart med telefon krever en merknad').waitFor();
    expect(await avskriv.getByRole('button', { name: 'Avskriv' }).isDisabled()).toBe(true);
    await avskriv.getByRole('textbox', { name: /^Merknad/ }).fill('Snakket med søker på telefon');
    expect(await avskriv.getByRole('button', { name: 'Avskriv' }).isEnabled()).toBe(true);
    await expectAccessible('behandle');
  });

  it('on the journalpost: adds a kryssreferanse found by search and follows it to the sak, which lists both references to it', async () => {
    await openSection(page, 'Kryssreferanser');
    const group = page.getByRole('group', { name: 'Legg til kryssreferanse' });
    await group.getByRole('textbox', { name: /Søk etter sak eller journalpost/ }).fill('Sjøfronten');
    await group.getByRole('button', { name: 'Søk', exact: true }).click();
    await group.getByRole('button', { name: /^Referer til Sak \d{4}\/\d+ Detaljregulering Sjøfronten$/ }).click();
    const refererer = page.getByRole('list', { name: 'Refererer til' });
    await refererer.getByText(/Detaljregulering Sjøfronten/).waitFor();
    await expectAccessible('journalpost with kryssreferanse');
    await refererer.getByText(/Detaljregulering Sjøfronten/).click();
    await page.getByRole('heading', { name: /Sak \d{4}\/\d+: Detaljregulering Sjøfronten/ }).waitFor();
    // The seed's building sak refers to the plan; now the imported journalpost does too.
    await openSection(page, 'Kryssreferanser');
    const referertFra = page.getByRole('list', { name: 'Referert fra' });
    await referertFra.getByText(/Gnr 12 bnr 45 - Storgata 3/).waitFor();
    await referertFra.getByText(/Søknad om ferdigattest, Kvernhusveien 17/).waitFor();
    await expectAccessible('sak with kryssreferanser');
  });

  it('recognises an already-imported mail when it is opened again, also on another device (the server knows it)', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Importer til sak' }).click();
    await page.getByText('Denne e-posten er allerede importert som').waitFor();
    // Another device: this browser's own list is gone; the server still says so, with the link.
    await page.evaluate(() => localStorage.removeItem('arkiv.importert'));
    await page.getByRole('navigation').getByRole('button', { name: 'Arbeidsbord' }).click();
    await page.getByRole('navigation').getByRole('button', { name: 'Importer til sak' }).click();
    await page.getByText('Denne e-posten er allerede importert som').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('arkiv.importert'))).toBeNull();
  });

  it('warns about a likely duplicate when creating a sak and lets the user pick the existing one', async () => {
    await page.getByRole('button', { name: /Ny sak/ }).click();
    await page.getByRole('group', { name: /Ny sak/ }).getByLabel('Tittel').fill('Ferdigattest Kvernhusveien 17');
    await page.getByRole('button', { name: 'Opprett', exact: true }).click();
    await page.getByText('Det finnes saker med lignende tittel').waitFor();
    await expectAccessible('duplicate warning');
    await page.getByRole('button', { name: `${saksnummer} Ferdigattest Kvernhusveien 17` }).click();
    await page.getByRole('heading', { name: `Valgt sak: ${saksnummer} Ferdigattest Kvernhusveien 17` }).waitFor();
  });

  it('imports three selected mails into one sak in one go, the forwarded one with its original sender; the server refuses the one already imported', async () => {
    await page.locator('[data-mail="mail-2"]').check();
    await page.locator('[data-mail="mail-3"]').check();
    await page.getByText('Valgte e-poster: 3').waitFor();
    await page.getByRole('heading', { name: `Valgt sak: ${saksnummer} Ferdigattest Kvernhusveien 17` }).waitFor();
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByText('Importerer: 3/3').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[aria-label="Resultat"] li').length === 3);
    expect(await importedJournalposter()).toHaveLength(3);
    // mail-1 was imported above: the server says so, with a link to the journalpost it became.
    await page.getByRole('list', { name: 'Resultat' }).getByText(/Feilet: Søknad om ferdigattest, Storgata 5 – Meldingen er allerede importert/).waitFor();
    const jps = await api<{ items: Jp[] }>('ola', `/api/saker/${sakId}/journalposter`);
    expect(jps.items.map((j) => j.tittel).sort()).toEqual(['Klage på vedtak om barnehageplass', 'Spørsmål om gebyr for byggesak', 'Søknad om ferdigattest, Kvernhusveien 17']);
    const klage = jps.items.find((j) => j.tittel.includes('Klage'))!;
    expect(klage.korrespondanseparter.map((p) => p.navn)).toEqual(['Anne Olsen']);
  });

  it('imports a sent mail as U with its recipient, expedited on import so it does not stay in Dokumenter i arbeid (§10.3)', async () => {
    for (const id of ['mail-1', 'mail-2', 'mail-3']) await page.locator(`[data-mail="${id}"]`).uncheck();
    await page.locator('[data-mail="mail-4"]').check();
    await page.getByText('Sendt (U)').waitFor();
    expect(await page.getByLabel('Dokumenttype').inputValue()).toBe('U');
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByText(/Sendt e-post er ekspedert/).waitFor();
    const jps = await api<{ items: Jp[] }>('ola', `/api/saker/${sakId}/journalposter?journalposttype=U`);
    expect(jps.items.map((j) => [j.journalposttype, j.journalstatus, j.korrespondanseparter.map((p) => [p.korrespondanseparttype, p.navn])])).toEqual([['U', 'E', [['EM', 'Per Hansen']]]]);
    const iArbeid = await api<{ systemId: string }[]>('ola', '/api/kurver/dokumenter_i_arbeid');
    expect(iArbeid.map((x) => x.systemId)).not.toContain(jps.items[0]!.systemId);
  });

  it('imports an .eml file dropped on the pane (drag and drop)', async () => {
    const eml = 'Message-ID: <drop-1@example.no>\r\nFrom: "Lars Dahl" <lars@example.no>\r\nTo: post@kommune.example.no\r\nSubject: Nabovarsel Kvernhusveien 17\r\nDate: mandag formiddag\r\n\r\nVi har merknader.';
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'nabovarsel.eml', { type: 'message/rfc822' }));
      return dt;
    }, eml);
    await page.getByRole('region', { name: 'Importer til sak' }).dispatchEvent('drop', { dataTransfer });
    await page.getByText('Valgte e-poster: 1 (Nabovarsel Kvernhusveien 17)').waitFor();
    expect(await page.getByRole('group', { name: 'Registreringsdata' }).getByLabel(/^Tittel\s*\*?$/).inputValue()).toBe('Nabovarsel Kvernhusveien 17');
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByRole('list', { name: 'Resultat' }).getByRole('button', { name: /Nabovarsel Kvernhusveien 17/ }).waitFor();
    const jps = await api<{ items: Jp[] }>('ola', `/api/saker/${sakId}/journalposter`);
    const jp = jps.items.find((j) => j.tittel === 'Nabovarsel Kvernhusveien 17')!;
    expect([jp.journalposttype, jp.dokumenter.length, jp.korrespondanseparter.map((p) => p.navn)]).toEqual(['I', 1, ['Lars Dahl']]);
  });

  it('shows the sak with its journalposter; Ctrl+Shift+D imports into it; F5 brings the Arbeidsbord up to date', async () => {
    await page.getByRole('list', { name: 'Resultat' }).getByRole('button').first().click();
    // The dropped mail's Date could not be read: its dokumentdato is unknown, and says so.
    await page.getByTestId('dokumentdato').filter({ hasText: /^ukjent$/ }).waitFor();
    await page.getByRole('button', { name: `Sak ${saksnummer}` }).click();
    await page.getByRole('heading', { name: `Sak ${saksnummer}: Ferdigattest Kvernhusveien 17` }).waitFor();
    const items = page.getByRole('list', { name: 'Journalposter' }).getByRole('listitem');
    await items.nth(4).waitFor();
    expect(await items.count()).toBe(5);
    await expectAccessible('sak');
    await page.keyboard.press('Control+Shift+D');
    await page.getByRole('heading', { name: `Valgt sak: ${saksnummer} Ferdigattest Kvernhusveien 17` }).waitFor();
    await page.getByRole('navigation').getByRole('button', { name: 'Arbeidsbord' }).click();
    await page.keyboard.press('F5');
    const mine = (await api<{ kurv: string; antall: number }[]>('ola', '/api/kurver')).find((k) => k.kurv === 'mine_saker')!;
    await page.locator('[data-kurv="mine_saker"]').filter({ hasText: `Mine saker ${mine.antall}` }).waitFor();
    await page.locator('[data-kurv="siste_saksmapper"]').click();
    await page.getByRole('list', { name: 'Siste saksmapper' }).getByRole('button', { name: `${saksnummer} Ferdigattest Kvernhusveien 17` }).waitFor();
    await page.keyboard.press('Control+F3');
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Filtrer listen (Ctrl+F3)');
    await expectAccessible('arbeidsbord with a kurv open');
  });

  it('in compose mode, attaches a document from the sak to the message being written', async () => {
    await pane.loadBesideMailbox({ query: { mode: 'compose' } });
    await page.getByRole('heading', { name: 'Legg ved dokumenter fra arkivet' }).waitFor();
    await page.getByLabel('Søk etter sak').fill('Kvernhusveien');
    await page.getByRole('button', { name: 'Søk', exact: true }).click();
    await page.getByRole('button', { name: `${saksnummer} Ferdigattest Kvernhusveien 17` }).click();
    await page.getByRole('list', { name: 'Dokumenter', exact: true }).getByRole('button', { name: 'Legg ved' }).first().click();
    await page.getByText(/^Lagt ved: /).waitFor();
    const attached = await page.evaluate(() => (window as { arkivPreview?: { composeAttachments: { name: string; size: number }[] } }).arkivPreview!.composeAttachments);
    expect(attached).toHaveLength(1);
    expect(attached[0]!.size).toBeGreaterThan(0);
    await expectAccessible('compose');
    await pane.loadBesideMailbox();
    await page.getByRole('heading', { name: 'Arbeidsbord' }).waitFor();
  });

  it('switches to English', async () => {
    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { name: 'Desk (arbeidsbord)' }).waitFor();
    await expectAccessible('arbeidsbord in English');
  });
});
