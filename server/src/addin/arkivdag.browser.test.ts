import type { AddressInfo } from 'node:net';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { seedDemoIfEmpty } from '../seed/demo-seed';
import { seriousAxeViolations } from '../test/axe';
import { createTestContext, type TestContext } from '../test/context';
import { dagen } from '../tid';
import { CHROMIUM, CHROMIUM_ARGS, chromiumInstalled, ensureAddinBuilt, loudWarning } from './browser';

/**
 * The dokumentsenter's and the archive's day in the task pane at 350 px (headless Chromium,
 * /preview) against the real server and a real database with the demo data:
 * §3.1/§10.1 dina registers scanned paper post and distributes it; it lands in Ubehandlet.
 * §5/§12.6–§12.8 arne publishes a document, journalfører one and then the rest in bulk (the
 * public journal shows them), closes a sak that is ready, moves a journalpost and removes one.
 * Every result is checked through the API; axe-core checks each view visited.
 */
const haveChromium = chromiumInstalled();
if (!haveChromium) loudWarning([`BROWSER TESTS DID NOT RUN: no Chromium at ${CHROMIUM}.`, "The archive's day in the task pane has NOT been tested in this run."]);
if (!haveChromium && process.env.CI) {
  it('needs Chromium in CI', () => {
    throw new Error(`No Chromium at ${CHROMIUM}: the browser tests must run in CI`);
  });
}

declare const document: { documentElement: { clientWidth: number }; querySelectorAll(s: string): ArrayLike<{ tagName: string; className: string; textContent: string | null; getBoundingClientRect(): { right: number } }> };

type Jp = { systemId: string; sakId: string; registreringsId: string; journalposttype: string; journalstatus: string; tittel: string; saksbehandler: { navn: string }; korrespondanseparter: { korrespondanseparttype: string; navn: string; epostadresse: string | null }[]; dokumenter: { systemId: string; publiseres: boolean; versjoner: { variantformat: string }[] }[] };
type Venter = { systemId: string; tittel: string; mangler: string[] };

if (haveChromium) describe("the dokumentsenter's and the archive's day in the pane at 350 px", () => {
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
    page = await browser.newPage({ viewport: { width: 350, height: 900 } });
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
  async function api<T>(brukernavn: string, url: string): Promise<T> {
    const res = await fetch(base + url, { headers: await ctx.auth(brukernavn) });
    const body = (await res.json()) as T;
    if (!res.ok) expect({ url, status: res.status, body }).toEqual({ url, status: 'a 2xx', body: null });
    return body;
  }
  async function settled(done: ReturnType<Page['locator']>) {
    const error = page.locator('.fui-MessageBar').filter({ hasText: /^Feil:/ });
    await done.or(error).first().waitFor();
    if (await error.count()) expect(await error.first().textContent()).toBe('no error');
  }
  /**
   * /preview puts the pane beside a pretend mail list; here the pane alone fills the 350 px
   * window, as in Outlook's task pane.
   */
  async function paneOnly() {
    await page.addStyleTag({ content: '#root > * > div { display: block !important; padding: 0 !important; } #root > * > div > section { display: none !important; }' });
  }
  async function signInAs(navn: string) {
    if (await page.getByRole('button', { name: 'Logg ut' }).isVisible()) await page.getByRole('button', { name: 'Logg ut' }).click();
    await page.getByRole('button', { name: new RegExp(`Logg inn som ${navn}`) }).click();
    await page.getByRole('heading', { name: 'Arbeidsbord' }).waitFor();
  }
  /** The elements that reach past the pane's right edge (none: no horizontal scrolling, nothing cut off). */
  const overflowing = () =>
    page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return Array.from(document.querySelectorAll('main *'))
        .filter((e) => e.getBoundingClientRect().right > width + 0.5)
        .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).split(' ')[0]} «${(e.textContent ?? '').slice(0, 40)}»`);
    });
  async function openArkivbord() {
    await page.getByRole('navigation').getByRole('button', { name: 'Arkivbord' }).click();
    await page.getByRole('heading', { name: 'Arkivbord', level: 2 }).waitFor();
    await page.getByRole('list', { name: 'Til journalføring' }).waitFor();
  }
  async function openVenter(tittel: string) {
    await openArkivbord();
    const rad = page.getByRole('list', { name: 'Til journalføring' }).getByRole('listitem').filter({ hasText: tittel });
    await rad.getByRole('button', { name: /^Åpne/ }).click();
    await page.getByRole('heading', { name: new RegExp(tittel), level: 2 }).waitFor();
  }
  const venter = () => api<{ items: Venter[] }>('arne', '/api/arkiv/til-journalfoering?limit=500').then((p) => p.items);

  let registrert: Jp;
  const TITTEL = 'Klage på flytting av busstopp';

  it('dina registers a scanned letter, sender from earlier correspondents, and distributes it; it lands in the receiver’s Ubehandlet (§3.1, §10.1)', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage().drawText('Klage på flytting av busstopp (skannet)', { font: await pdf.embedFont(StandardFonts.Helvetica) });
    const bytes = Buffer.from(await pdf.save());

    await page.goto(`${base}/preview`);
    await paneOnly();
    await signInAs('Dina');
    await page.getByRole('navigation').getByRole('button', { name: 'Registrer post' }).click();
    await page.getByRole('heading', { name: 'Registrer inngående post' }).waitFor();
    await expectAccessible('registrer');
    await page.getByRole('textbox', { name: 'Søk etter sak' }).fill('Kirkeveien');
    await page.getByRole('button', { name: 'Søk', exact: true }).click();
    await page.getByRole('list', { name: 'Søk etter sak' }).getByRole('button', { name: /Oppgradering av Kirkeveien/ }).click();
    await page.getByRole('heading', { name: /Valgt sak: \d{4}\/\d+ Oppgradering av Kirkeveien/ }).waitFor();
    await page.getByRole('textbox', { name: 'Tittel', exact: true }).fill(TITTEL);
    const avsender = page.getByRole('combobox', { name: /^Avsender/ });
    await avsender.pressSequentially('Fjordvik T');
    await page.getByRole('option', { name: /Fjordvik Taxi/ }).click();
    expect(await page.getByRole('textbox', { name: 'E-post' }).inputValue()).toBe('post@fjordviktaxi.example');
    await page.locator('input[type="file"]').setInputFiles({ name: 'busstopp.pdf', mimeType: 'application/pdf', buffer: bytes });
    await page.getByRole('combobox', { name: /^Saksbehandler/ }).selectOption({ label: 'Kari Saksansvarlig' });
    expect(await overflowing()).toEqual([]);
    await expectAccessible('registrer filled in');
    await page.getByRole('button', { name: 'Registrer og fordel' }).click();
    await settled(page.getByText(/Registrert som \d{4}\/\d+-\d+ og fordelt til Kari Saksansvarlig/));

    const sok = await api<{ journalposter: { items: Jp[] } }>('dina', `/api/sok?q=${encodeURIComponent('flytting av busstopp')}`);
    registrert = await api<Jp>('dina', `/api/journalposter/${sok.journalposter.items[0]!.systemId}`);
    expect([registrert.journalposttype, registrert.journalstatus, registrert.saksbehandler.navn]).toEqual(['I', 'S', 'Kari Saksansvarlig']);
    expect(registrert.korrespondanseparter.map((p) => [p.korrespondanseparttype, p.navn, p.epostadresse])).toEqual([['EA', 'Fjordvik Taxi', 'post@fjordviktaxi.example']]);
    expect(registrert.dokumenter.map((d) => d.versjoner.map((v) => v.variantformat).sort())).toEqual([['A', 'P']]);
    const ubehandlet = await api<{ systemId: string }[]>('kari', '/api/kurver/ubehandlet');
    expect(ubehandlet.map((i) => i.systemId)).toContain(registrert.systemId);
    expect((await venter()).find((v) => v.systemId === registrert.systemId)?.mangler).toEqual([]);
  });

  async function openFromKurv(kurv: string, navn: string, name: string | RegExp) {
    await page.getByRole('navigation').getByRole('button', { name: 'Arbeidsbord' }).click();
    await page.keyboard.press('F5');
    const toggle = page.locator(`[data-kurv="${kurv}"]`);
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await page.getByRole('list', { name: navn }).getByRole('button', { name }).click();
  }

  it('dina handles Beskjed til dokumentsenteret: adds the missing sender, answers Utført, and marks a sak made twice UTGÅR (§10.1, §12.8)', async () => {
    const post = async (brukernavn: string, url: string, body: unknown) => {
      const res = await fetch(base + url, { method: 'POST', headers: { ...(await ctx.auth(brukernavn)), 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBeLessThan(300);
      return (await res.json()) as { systemId: string };
    };
    const dobbel = await post('ola', '/api/saker', { tittel: 'Kirkeveien oppgradering (opprettet to ganger)', sakstype: 'GS' });
    const notat = await post('ola', `/api/saker/${dobbel.systemId}/journalposter`, { journalposttype: 'X', tittel: 'Notat i feil sak' });
    await post('ola', '/api/oppgaver', { oppgavetype: 'DOKUMENTSENTER', journalpostId: notat.systemId, mottakerIds: [(await ctx.actor('dina')).bruker.systemId], merknad: 'Saken er opprettet to ganger: sett den til UTGÅR.' });

    await openFromKurv('mottatte_oppgaver', 'Mottatte oppgaver', /Håndskrevet brev om busstider/);
    await page.getByRole('heading', { name: /Håndskrevet brev om busstider/, level: 2 }).waitFor();
    const rett = page.getByRole('group', { name: 'Rett avsender/mottaker' });
    await rett.getByRole('textbox', { name: 'Legg til avsender/mottaker' }).fill('Nordbygda velforening');
    await expectAccessible('rett avsender');
    await rett.getByRole('button', { name: 'Lagre avsender/mottaker' }).click();
    await settled(page.getByRole('definition').getByText('Nordbygda velforening'));
    const rad = page.getByRole('list', { name: 'Oppgaver' }).getByRole('listitem').filter({ hasText: 'Avsender mangler' });
    await rad.getByRole('combobox', { name: 'Svar' }).selectOption('Utført');
    await rad.getByRole('button', { name: 'Svar', exact: true }).click();
    await rad.getByText('(Utført)').waitFor();
    const brev = (await venter()).find((v) => v.tittel === 'Håndskrevet brev om busstider')!;
    expect(brev.mangler).toEqual(['ingen_arkivvariant']);
    const parter = (await api<Jp>('dina', `/api/journalposter/${brev.systemId}`)).korrespondanseparter.map((p) => [p.korrespondanseparttype, p.navn]);
    expect(parter).toEqual([['EA', 'Nordbygda velforening']]);

    await openFromKurv('mottatte_oppgaver', 'Mottatte oppgaver', /Notat i feil sak/);
    await page.getByRole('button', { name: /^Sak \d{4}\/\d+/ }).click();
    await page.getByRole('heading', { name: /Kirkeveien oppgradering \(opprettet to ganger\)/, level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Marker saken UTGÅR' }).click();
    await settled(page.getByRole('heading', { name: /UTGÅR - Kirkeveien oppgradering/, level: 2 }));
    const sak = await api<{ saksstatus: string; tittel: string }>('dina', `/api/saker/${dobbel.systemId}`);
    expect([sak.saksstatus, sak.tittel]).toEqual(['U', 'UTGÅR - Kirkeveien oppgradering (opprettet to ganger)']);
  });

  it('arne sees the quality check’s findings and publishes the letter’s document (§5)', async () => {
    await signInAs('Arne');
    await openArkivbord();
    const liste = page.getByRole('list', { name: 'Til journalføring' });
    await liste.getByRole('listitem').filter({ hasText: 'Håndskrevet brev om busstider' }).getByText('Mangler arkivformat (PDF/A)').waitFor();
    expect(await overflowing()).toEqual([]);
    await expectAccessible('arkivbord');

    await openVenter(TITTEL);
    const steg = page.getByRole('region', { name: 'Arkivets steg' });
    // The switch shows the stored choice: it turns on when the server has saved it.
    await steg.getByRole('switch', { name: /Publiser i offentlig journal/ }).click();
    await settled(steg.getByRole('switch', { name: /Publiser i offentlig journal/, checked: true }));
    await expectAccessible('journalpost with the archive steps');
    const jp = await api<Jp>('arne', `/api/journalposter/${registrert.systemId}`);
    expect([jp.journalstatus, jp.dokumenter.map((d) => d.publiseres)]).toEqual(['S', [true]]);
  });

  it('arne journalfører the rest without findings in one step; the public journal shows them (§5)', async () => {
    const utenMangler = (await venter()).filter((v) => v.mangler.length === 0).map((v) => v.systemId);
    // dina's letter and the demo's scanned application at least.
    expect(utenMangler).toEqual(expect.arrayContaining([registrert.systemId]));
    expect(utenMangler.length).toBeGreaterThan(1);
    await openArkivbord();
    await page.getByRole('button', { name: 'Velg alle uten mangler' }).click();
    await page.getByRole('button', { name: `Journalfør valgte (${utenMangler.length})` }).click();
    await settled(page.getByRole('status').getByText(`${utenMangler.length} journalført`));
    for (const id of utenMangler) expect((await api<Jp>('arne', `/api/journalposter/${id}`)).journalstatus).toBe('J');
    const igjen = await venter();
    expect(igjen.filter((v) => utenMangler.includes(v.systemId))).toEqual([]);
    expect(igjen.some((v) => v.tittel === 'Håndskrevet brev om busstider')).toBe(true);

    const idag = dagen(new Date());
    const offentlig = await (await fetch(`${base}/api/offentlig-journal?fra=${idag}&til=${idag}&antall=100`)).json() as { items: { offentligTittel: string; journalstatus: string; dokumenter: { tittel: string }[] }[] };
    const publisert = offentlig.items.find((i) => i.offentligTittel === TITTEL);
    expect([publisert?.journalstatus, publisert?.dokumenter.length]).toEqual(['J', 1]);
    expect(offentlig.items.map((i) => i.offentligTittel)).toContain('Søknad om skyss for skoleåret 2027');
  });

  it('arne closes a sak that is ready; a sak with open journalposter says what blocks it (§5, §12.8)', async () => {
    await openArkivbord();
    await page.getByRole('button', { name: /Saker klare til avslutning/ }).click();
    await page.getByRole('list', { name: 'Saker klare til avslutning' }).getByRole('button', { name: /Vintervedlikehold av gangveier 2025/ }).click();
    await page.getByRole('heading', { name: /Vintervedlikehold av gangveier 2025/, level: 2 }).waitFor();
    const steg = page.getByRole('region', { name: 'Arkivets steg' });
    await steg.getByText('Alt er journalført og ingen restanser: saken kan avsluttes.').waitFor();
    await expectAccessible('sak with the archive steps');
    await steg.getByRole('button', { name: 'Avslutt saken' }).click();
    await settled(steg.getByText('Saken er avsluttet'));
    const saker = await api<{ items: { systemId: string; tittel: string; saksstatus: string }[] }>('arne', `/api/saker?q=${encodeURIComponent('Vintervedlikehold')}`);
    expect(saker.items.map((s) => s.saksstatus)).toEqual(['A']);
    await steg.getByRole('button', { name: 'Gjenåpne saken' }).waitFor();

    // The letter's own sak is not ready: the step lists what blocks it, each reachable.
    await openVenter('Håndskrevet brev om busstider');
    await page.getByRole('button', { name: /^Sak \d{4}\/\d+/ }).click();
    const blokk = page.getByRole('list', { name: 'Dette hindrer at saken avsluttes' });
    await blokk.getByRole('button', { name: /Håndskrevet brev om busstider/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Avslutt saken' }).isDisabled()).toBe(true);
  });

  it('arne moves a journalpost to another sak and removes another (§12.6, §12.7)', async () => {
    await openVenter('Håndskrevet brev om busstider');
    const steg = page.getByRole('region', { name: 'Arkivets steg' });
    await steg.getByRole('button', { name: 'Flytt til annen sak' }).click();
    const flytt = steg.getByRole('group', { name: 'Flytt til annen sak' });
    await flytt.getByRole('textbox', { name: 'Ny sak (søk)' }).fill('Trafikksikkerhetsplan');
    await flytt.getByRole('button', { name: 'Søk' }).click();
    await flytt.getByRole('radio', { name: /Trafikksikkerhetsplan 2027/ }).check();
    await flytt.getByText(/kopieres den gamle sakens skjerming til journalposten/).waitFor();
    await expectAccessible('flytt');
    await flytt.getByRole('button', { name: 'Flytt til annen sak' }).click();
    await settled(steg.getByText(/Flyttet til sak \d{4}\/\d+/));
    const brev = (await venter()).find((v) => v.tittel === 'Håndskrevet brev om busstider')!;
    const flyttet = await api<Jp & { saksnummer: string }>('arne', `/api/journalposter/${brev.systemId}`);
    const vei = (await api<{ items: { systemId: string; tittel: string }[] }>('arne', `/api/saker?q=${encodeURIComponent('Trafikksikkerhetsplan')}`)).items[0]!;
    expect(flyttet.sakId).toBe(vei.systemId);

    await openVenter('Spørsmål om omkjøring');
    const id = (await venter()).find((v) => v.tittel === 'Spørsmål om omkjøring')!.systemId;
    await page.getByRole('button', { name: 'Fjern (feilregistrer)' }).click();
    await page.getByRole('button', { name: 'Bekreft: fjern journalposten' }).click();
    await page.getByRole('heading', { name: /^Sak \d{4}\/\d+: Oppgradering av Kirkeveien/ }).waitFor();
    const fjernet = await api<{ items: { systemId: string }[] }>('arne', '/api/journalposter/feilregistrerte');
    expect(fjernet.items.map((i) => i.systemId)).toContain(id);
    expect((await venter()).map((v) => v.systemId)).not.toContain(id);
    await openArkivbord();
    await page.getByRole('button', { name: /Fjernede journalposter/ }).click();
    await page.getByRole('list', { name: 'Fjernede journalposter' }).getByText(/Spørsmål om omkjøring/).waitFor();
    expect(await overflowing()).toEqual([]);
    await expectAccessible('arkivbord with removed records');
  });
});
