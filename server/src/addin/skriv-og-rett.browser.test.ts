import { extractText } from '../test/pdf-text';
import { haveChromiumFor, openPane, type Pane } from './browser';

/**
 * A saksbehandler corrects a registration and writes in the task pane (headless Chromium at
 * Outlook's 350 px, /preview with the fake mailbox, real server and database): §7 and the §10.1
 * checklist (title line 2, dokumentdato, a correspondent taken from the archive's earlier ones,
 * skjerming chosen by name with its lovhjemmel), §10.8 a new N notat written in the pane, §10.4
 * a U letter from a template whose text is edited, a vedlegg uploaded, and §12.6 a draft
 * deleted. Every result is checked through the API; axe finds nothing serious on each view.
 */
const haveChromium = haveChromiumFor('Correcting and writing in the task pane');

type Versjon = { variantformat: string; format: string; aktiv: boolean; versjonsnummer: number };
type Dok = { systemId: string; tittel: string; tilknyttetRegistreringSom: string; versjoner: Versjon[] };
type Jp = {
  systemId: string;
  registreringsId: string;
  journalposttype: string;
  journalstatus: string;
  tittel: string;
  tittel2: string | null;
  dokumentdato: string | null;
  skjerming: { tilgangskode: string; skjermingsnivaa: number; skjermingshjemmel: string } | null;
  korrespondanseparter: { korrespondanseparttype: string; navn: string; epostadresse: string | null; deresReferanse: string | null; brukerId: string | null }[];
  dokumenter: Dok[];
};

if (haveChromium) describe('correcting and writing in the task pane (350 px)', () => {
  let pane: Pane;
  // The pane's page and requests, for the steps below (set once the pane is open).
  let page: Pane['page'];

  beforeAll(async () => {
    pane = await openPane({ width: 1000 });
    ({ page } = pane);
  }, 180_000);
  afterAll(async () => pane?.close());

  async function innhold(brukernavn: string, dokumentId: string): Promise<string> {
    const res = await fetch(`${pane.base}/api/dokumenter/${dokumentId}/innhold?variantformat=P`, { headers: await pane.ctx.auth(brukernavn) });
    expect(res.status).toBe(200);
    return res.text();
  }
  async function expectInPane() {
    const main = await page.locator('main').boundingBox();
    expect(main!.width).toBeLessThanOrEqual(350);
    // Nothing the user sees reaches past the pane's right edge.
    const utenfor = await page.evaluate(`[...document.querySelectorAll('main *')]
      .filter((e) => { const r = e.getBoundingClientRect(); const st = getComputedStyle(e); return r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && r.right > ${main!.x + main!.width + 1}; })
      .map((e) => e.tagName + '.' + e.className + ' «' + (e.textContent || '').slice(0, 40) + '» ' + Math.round(e.getBoundingClientRect().right))`);
    expect(utenfor).toEqual([]);
  }

  let sakId: string;
  let innkommende: Jp;

  it('corrects a registration: title line 2 and dokumentdato, a correspondent from the archive, skjerming by name (§7, §10.1)', async () => {
    const sak = await pane.api<{ systemId: string }>('ola', '/api/saker', { method: 'POST', body: { tittel: 'Reguleringsplan Fjordparken', sakstype: 'PS' } });
    sakId = sak.systemId;
    innkommende = await pane.api<Jp>('ola', `/api/saker/${sakId}/journalposter`, { method: 'POST', body: { journalposttype: 'I', tittel: 'Innspill til planoppstart', korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Per Hansen' }] } });

    await pane.loadBesideMailbox({ paneWidth: 350 });
    await pane.signInAs('Ola');
    await page.locator('[data-kurv="ubehandlet"]').click();
    await page.getByRole('list', { name: 'Ubehandlet' }).getByRole('button', { name: new RegExp(`${innkommende.registreringsId} Innspill til planoppstart`) }).click();
    await page.getByRole('heading', { name: /Innspill til planoppstart/ }).waitFor();

    // Titles and dates: the first section is open.
    await page.getByRole('button', { name: 'Endre registrering' }).click();
    const skjema = page.getByRole('group', { name: 'Endre registrering' });
    await skjema.getByLabel('Tittel linje 2').fill('Fjordparken velforening');
    await skjema.getByLabel('Dokumentdato').fill('2026-11-20');
    await skjema.getByRole('button', { name: 'Lagre' }).click();
    await page.getByRole('status').filter({ hasText: 'Lagret' }).waitFor();

    // Senders and recipients: a second sender taken from an earlier registration in the archive.
    await page.getByRole('button', { name: 'Avsendere og mottakere' }).click();
    await page.getByRole('button', { name: 'Legg til avsender/mottaker' }).click();
    const ny = page.getByRole('group', { name: 'Avsender 2' });
    await ny.getByLabel(/^Navn/).fill('Hans H');
    await ny.getByRole('list', { name: 'Forslag fra arkivet' }).getByRole('button', { name: /Hans Hørsel <hans\.horsel@example\.no>/ }).click();
    expect(await ny.getByLabel('E-post').inputValue()).toBe('hans.horsel@example.no');
    await ny.getByLabel('Deres referanse').fill('HH-2026-9');
    await pane.expectAccessible('journalpost: correspondent with suggestions');
    await page.getByRole('button', { name: 'Lagre avsendere og mottakere' }).click();
    await page.getByRole('list', { name: 'Avsendere og mottakere' }).getByText(/Hans Hørsel/).waitFor();

    // Skjerming: the code by its name, what is hidden in words, the lovhjemmel.
    await page.getByRole('button', { name: 'Skjerming', exact: true }).click();
    await page.getByLabel('Tilgangskode').selectOption({ label: 'Unntatt offentlighet (U)' });
    await page.getByLabel('Hva skjermes').selectOption({ label: 'Dokumentene skjermes' });
    await page.getByLabel(/^Lovhjemmel/).fill('Offl. § 13 jf. fvl. § 13');
    await pane.expectAccessible('journalpost: skjerming');
    await expectInPane();
    await page.getByRole('button', { name: 'Lagre skjerming' }).click();
    await page.getByRole('status').filter({ hasText: 'Lagre skjerming' }).waitFor();
    await page.getByText('U Unntatt offentlighet, Offl. § 13 jf. fvl. § 13').waitFor();

    const etter = await pane.api<Jp>('ola', `/api/journalposter/${innkommende.systemId}`);
    expect({ tittel2: etter.tittel2, dokumentdato: etter.dokumentdato, skjerming: etter.skjerming }).toEqual({
      tittel2: 'Fjordparken velforening',
      dokumentdato: '2026-11-20',
      skjerming: { tilgangskode: 'U', skjermingsnivaa: 1, skjermingshjemmel: 'Offl. § 13 jf. fvl. § 13' },
    });
    expect(etter.korrespondanseparter.map((p) => [p.korrespondanseparttype, p.navn, p.epostadresse, p.deresReferanse])).toEqual([
      ['EA', 'Per Hansen', null, null],
      ['EA', 'Hans Hørsel', 'hans.horsel@example.no', 'HH-2026-9'],
    ]);
  }, 180_000);

  let notat: Jp;

  it('writes a new N notat in the sak, its text written in the pane (§10.8)', async () => {
    await page.getByRole('button', { name: /^Sak \d{4}\// }).click();
    await page.getByRole('heading', { name: /Reguleringsplan Fjordparken/ }).waitFor();
    await page.getByRole('button', { name: 'Skriv ny' }).click();
    const skriv = page.getByRole('region', { name: 'Skriv nytt dokument' });
    await skriv.getByLabel('Dokumenttype').selectOption('N');
    await skriv.getByLabel(/^Tittel/).fill('Notat fra befaring i Fjordparken');
    await skriv.getByLabel(/^Mottaker/).selectOption({ label: 'Kari Saksansvarlig' });
    await skriv.getByRole('radio', { name: 'Skriv selv' }).check();
    const editor = skriv.getByTestId('brev-editor');
    await editor.click();
    await page.keyboard.type('Befaringen viste at stien langs sjøen er mye brukt.');
    await pane.expectAccessible('sak: skriv notat');
    await expectInPane();
    await skriv.getByRole('button', { name: 'Opprett' }).click();
    await page.getByRole('heading', { name: /Notat fra befaring i Fjordparken/ }).waitFor();

    const jps = await pane.api<{ items: Jp[] }>('ola', `/api/saker/${sakId}/journalposter`);
    notat = jps.items.find((j) => j.tittel === 'Notat fra befaring i Fjordparken')!;
    expect({ type: notat.journalposttype, status: notat.journalstatus, mottakere: notat.korrespondanseparter.map((p) => [p.korrespondanseparttype, p.navn]) }).toEqual({ type: 'N', status: 'R', mottakere: [['IM', 'Kari Saksansvarlig']] });
    const [hoved] = notat.dokumenter;
    expect(hoved!.tilknyttetRegistreringSom).toBe('H');
    expect(hoved!.versjoner.filter((v) => v.aktiv).map((v) => [v.variantformat, v.format]).sort()).toEqual([
      ['A', 'application/pdf'],
      ['P', 'text/html; charset=utf-8'],
    ]);
    expect(await innhold('ola', hoved!.systemId)).toContain('Befaringen viste at stien langs sjøen er mye brukt.');
  }, 120_000);

  it('writes a U letter from a template with a standard text, edits its text in the pane and uploads a vedlegg (§10.4)', async () => {
    await page.getByRole('button', { name: /^Sak \d{4}\// }).click();
    await page.getByRole('button', { name: 'Skriv ny' }).click();
    const skriv = page.getByRole('region', { name: 'Skriv nytt dokument' });
    await skriv.getByLabel('Dokumenttype').selectOption('U');
    await skriv.getByLabel(/^Tittel/).fill('Svar på innspill til planoppstart');
    await skriv.getByLabel(/^Navn/).fill('Hans');
    await skriv.getByRole('list', { name: 'Forslag fra arkivet' }).getByRole('button', { name: /Hans Hørsel/ }).click();
    await skriv.getByRole('radio', { name: 'Fra mal' }).check();
    await skriv.getByLabel(/^Mal/).selectOption({ label: 'Svar på merknad til planforslag' });
    await skriv.getByRole('checkbox', { name: 'Planprosessen' }).check();
    await pane.expectAccessible('sak: skriv brev fra mal', ['saksbehandler-skriv', skriv]);
    await skriv.getByRole('button', { name: 'Opprett' }).click();
    await page.getByRole('heading', { name: /Svar på innspill til planoppstart/ }).waitFor();

    const flettet = (await pane.api<{ items: Jp[] }>('ola', `/api/saker/${sakId}/journalposter`)).items.find((j) => j.tittel === 'Svar på innspill til planoppstart')!;
    expect(flettet.dokumenter.map((d) => d.tilknyttetRegistreringSom)).toEqual(['H']);
    expect(await innhold('ola', flettet.dokumenter[0]!.systemId)).toContain('Planforslaget legges ut til offentlig ettersyn');
    // The merged letter opens in the editor; the saksbehandler adds a sentence.
    await page.getByRole('button', { name: 'Rediger brevteksten' }).click();
    const editor = page.getByTestId('brev-editor');
    await editor.waitFor();
    await editor.getByText(/Planforslaget legges ut til offentlig ettersyn/).waitFor();
    await editor.getByText(/Planforslaget legges ut til offentlig ettersyn/).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Du får eget varsel om høringen.');
    // Bold and italic from the editor's buttons survive into the archived PDF/A.
    const verktoy = page.getByRole('group', { name: 'Formatering av brevteksten' });
    // A button gives the focus back to the text in the next frame: the typing waits for it, as a person's does.
    const iTeksten = () => page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('data-testid') === 'brev-editor');
    await verktoy.getByRole('button', { name: 'Fet', pressed: false }).click();
    await verktoy.getByRole('button', { name: 'Fet', pressed: true }).waitFor();
    await iTeksten();
    await page.keyboard.type(' Fristen er 1. mars.');
    await verktoy.getByRole('button', { name: 'Fet' }).click();
    await verktoy.getByRole('button', { name: 'Kursiv' }).click();
    await iTeksten();
    await page.keyboard.type(' Se planskissen.');
    await verktoy.getByRole('button', { name: 'Kursiv' }).click();
    await pane.expectAccessible('journalpost: brevredigering', ['saksbehandler-brevredigering', page.getByRole('region', { name: 'Dokumenter', exact: true })]);
    await expectInPane();
    await page.getByRole('button', { name: 'Lagre brevet' }).click();
    await page.getByRole('status').filter({ hasText: 'Brevet er lagret som ny versjon' }).waitFor();

    await page.getByLabel('Last opp vedlegg').setInputFiles({ name: 'Planskisse.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% planskisse\n') });
    await page.getByRole('list', { name: 'Dokumenter', exact: true }).getByText(/Planskisse \(Vedlegg\)/).waitFor();

    const brev = (await pane.api<{ items: Jp[] }>('ola', `/api/saker/${sakId}/journalposter`)).items.find((j) => j.tittel === 'Svar på innspill til planoppstart')!;
    expect(brev.korrespondanseparter.map((p) => [p.korrespondanseparttype, p.navn, p.epostadresse])).toEqual([['EM', 'Hans Hørsel', 'hans.horsel@example.no']]);
    const [hoved, vedlegg] = brev.dokumenter;
    expect(hoved!.versjoner.filter((v) => v.aktiv).map((v) => [v.variantformat, v.versjonsnummer, v.format]).sort()).toEqual([
      ['A', 2, 'application/pdf'],
      ['P', 2, 'text/html; charset=utf-8'],
    ]);
    const tekst = await innhold('ola', hoved!.systemId);
    expect(tekst).toContain('Hans Hørsel');
    expect(tekst).toMatch(/Planforslaget legges ut til offentlig ettersyn før politisk behandling\. Du får eget varsel om høringen\./);
    expect(tekst).toMatch(/<strong>[^<]*Fristen er 1\. mars\.<\/strong><em>[^<]*Se planskissen\.<\/em>/);
    const pdf = await fetch(`${pane.base}/api/dokumenter/${hoved!.systemId}/innhold?variantformat=A`, { headers: await pane.ctx.auth('ola') });
    const [side] = await extractText(new Uint8Array(await pdf.arrayBuffer()));
    const font = (ord: string) => side!.runs.filter((r) => r.text.includes(ord)).map((r) => r.font);
    expect([font('Fristen er 1. mars.'), font('Se planskissen.'), font('Du får eget varsel')]).toEqual([['NotoSans-Bold'], ['NotoSans-Italic'], ['NotoSans-Regular']]);
    expect({ tittel: vedlegg!.tittel, som: vedlegg!.tilknyttetRegistreringSom }).toEqual({ tittel: 'Planskisse', som: 'V' });
  }, 120_000);

  it('deletes an own draft from the pane (§12.6)', async () => {
    await page.getByRole('button', { name: /^Sak \d{4}\// }).click();
    await page.getByRole('list', { name: 'Journalposter' }).getByRole('button', { name: /Notat fra befaring i Fjordparken/ }).click();
    await page.getByRole('heading', { name: /Notat fra befaring i Fjordparken/ }).waitFor();
    await page.getByRole('button', { name: 'Slett utkastet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Slett utkastet' });
    await pane.expectAccessible('journalpost: slett utkast');
    const [svar] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/journalposter/${notat.systemId}/feilregistrer`) && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: 'Slett utkastet' }).click(),
    ]);
    expect(svar.status()).toBe(204);
    await page.getByRole('heading', { name: /Reguleringsplan Fjordparken/ }).waitFor();

    const res = await fetch(`${pane.base}/api/journalposter/${notat.systemId}`, { headers: await pane.ctx.auth('ola') });
    expect(res.status).toBe(404);
    const titler = (await pane.api<{ items: Jp[] }>('ola', `/api/saker/${sakId}/journalposter`)).items.map((j) => j.tittel).sort();
    expect(titler).toEqual(['Innspill til planoppstart', 'Svar på innspill til planoppstart']);
  }, 120_000);
});
