import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { seedDemoIfEmpty } from '../seed/demo-seed';
import { createTestContext, type TestContext } from '../test/context';
import { buildBruker } from '../test/factories';
import { CHROMIUM, CHROMIUM_ARGS, chromiumInstalled, ensureAddinBuilt, loudWarning } from './browser';
import { seriousAxeViolations } from '../test/axe';

/**
 * Answering and approval in the task pane at Outlook's 350 px (headless Chromium, /preview with
 * the fake mailbox) against the real server and a real database with the demo data:
 * §10.3 import (the mails get the category Arkivert) → §10.2 Svar med e-post, one reply to two
 * journalposter: Outlook's reply form with the reference, the user sends it, the pane archives
 * the sent mail as U (E) and the originals are avskrevet EP → §10.6 a letter to a chain of two
 * approvers → §11.2 Godkjent passes it on, Ikke godkjent goes back to a chosen receiver,
 * Videresendt names the next approver, the last Godkjent sets F. Results are read through the
 * API; axe-core checks each view.
 */
declare const document: { querySelectorAll(s: string): ArrayLike<{ style: { gridTemplateColumns: string } }> };
declare function getComputedStyle(e: unknown): { display: string };

const haveChromium = chromiumInstalled();
/** ARKIV_SCREENSHOTS=docs/img: pictures of the pane for the tour in docs/addin.md (no files without it). */
const SCREENSHOTS = process.env.ARKIV_SCREENSHOTS ? path.resolve(__dirname, '../../..', process.env.ARKIV_SCREENSHOTS) : null;
if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
if (!haveChromium) loudWarning([`BROWSER TESTS DID NOT RUN: no Chromium at ${CHROMIUM}.`, 'Answering and approval in the task pane have NOT been tested in this run.']);
if (!haveChromium && process.env.CI) {
  it('needs Chromium in CI', () => {
    throw new Error(`No Chromium at ${CHROMIUM}: the browser tests must run in CI`);
  });
}

type Jp = { systemId: string; sakId: string; registreringsId: string; journalposttype: string; journalstatus: string; tittel: string; restanse: boolean; avskrivninger: { avskrivningsmaate: string; ventende: boolean }[]; korrespondanseparter: { korrespondanseparttype: string; epostadresse: string | null }[] };
type Oppgave = { systemId: string; oppgavetype: string; status: string; mottaker: { brukernavn: string }; svar: string | null; merknad: string | null; nesteGodkjennere?: { brukernavn: string }[] };
type ReplyForms = { form: { to: string[]; subject: string; htmlBody: string; reference: string }; opened: { kind: string } }[];

if (haveChromium) describe('answering and approval in the task pane at 350 px (§10.2, §10.6, §11.2)', () => {
  let ctx: TestContext;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureAddinBuilt();
    ctx = await createTestContext();
    await seedDemoIfEmpty(ctx.db, ctx.blobs);
    // A second leader, so that approval can go along a chain.
    const kom = await ctx.db.selectFrom('administrativEnhet').select('systemId').where('kode', '=', 'PLAN').executeTakeFirstOrThrow();
    await buildBruker(ctx.db, { brukernavn: 'rita', roller: [['LED', kom.systemId]] });
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

  async function expectAccessible(view: string, bilde?: [string, Locator]) {
    expect({ view, violations: await seriousAxeViolations(page) }).toEqual({ view, violations: [] });
    // Everything fits in the pane's 350 px.
    const pane = await page.locator('main').boundingBox();
    expect({ view, width: Math.round(pane!.width) <= 350 }).toEqual({ view, width: true });
    // With ARKIV_SCREENSHOTS, the part of the pane the step is about, as a picture for docs/addin.md.
    if (SCREENSHOTS && bilde) await bilde[1].screenshot({ path: path.join(SCREENSHOTS, `${bilde[0]}.png`), animations: 'disabled' });
  }
  async function api<T>(brukernavn: string, url: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const res = await fetch(base + url, { method: init.method ?? 'GET', headers: { ...(await ctx.auth(brukernavn)), ...(init.body ? { 'content-type': 'application/json' } : {}) }, ...(init.body ? { body: JSON.stringify(init.body) } : {}) });
    const body = (await res.json()) as T;
    if (!res.ok) expect({ url, status: res.status, body }).toEqual({ url, status: 'a 2xx', body: null });
    return body;
  }
  const preview = <T,>(fn: string) => page.evaluate(`(() => { const m = window.arkivPreview; return ${fn}; })()`) as Promise<T>;
  async function signInAs(navn: string) {
    if (await page.getByRole('button', { name: 'Logg ut' }).isVisible()) await page.getByRole('button', { name: 'Logg ut' }).click();
    await page.getByRole('button', { name: new RegExp(`Logg inn som ${navn}`) }).click();
    await page.getByRole('heading', { name: 'Arbeidsbord' }).waitFor();
  }
  async function openFromKurv(kurv: string, navn: string, name: string | RegExp) {
    await page.getByRole('navigation').getByRole('button', { name: 'Arbeidsbord' }).click();
    await page.keyboard.press('F5');
    const toggle = page.locator(`[data-kurv="${kurv}"]`);
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await page.getByRole('list', { name: navn }).getByRole('button', { name }).first().click();
  }
  async function settled(done: ReturnType<Page['locator']>) {
    const error = page.locator('.fui-MessageBar').filter({ hasText: /^Feil:/ });
    await done.or(error).first().waitFor();
    if (await error.count()) expect(await error.first().textContent()).toBe('no error');
  }

  let sakId: string;
  let gebyr: Jp;
  let soknad: Jp;

  it('ola imports two mails into a new sak; Outlook marks both Arkivert (§10.3)', async () => {
    await page.goto(`${base}/preview`);
    await page.locator('#root > *').first().waitFor();
    await page.evaluate(`(() => {
      const grid = [...document.querySelectorAll('#root *')].find((e) => getComputedStyle(e).display === 'grid');
      grid.style.gridTemplateColumns = 'minmax(220px, 1fr) 350px';
    })()`);
    await signInAs('Ola');
    await preview("m.select(['mail-1', 'mail-2'])");
    await page.keyboard.press('Control+Shift+S');
    await page.getByRole('group', { name: /Ny sak/ }).getByLabel('Tittel').fill('Ferdigattest og gebyr Storgata 5');
    await page.getByRole('button', { name: 'Opprett', exact: true }).click();
    await page.getByTestId('selected-count').waitFor();
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    const resultat = page.getByRole('list', { name: 'Resultat' });
    await settled(resultat.getByRole('button', { name: /Spørsmål om gebyr for byggesak/ }));
    await resultat.getByRole('button', { name: /Søknad om ferdigattest/ }).waitFor();
    expect(await preview<string[][]>("[m.categoriesOf('mail-1'), m.categoriesOf('mail-2'), m.categoriesOf('mail-3')]")).toEqual([['Arkivert'], ['Arkivert'], []]);
    const saker = await api<{ items: { systemId: string; tittel: string }[] }>('ola', `/api/saker?q=${encodeURIComponent('Ferdigattest og gebyr')}`);
    sakId = saker.items.find((s) => s.tittel === 'Ferdigattest og gebyr Storgata 5')!.systemId;
    const jps = (await api<{ items: Jp[] }>('ola', `/api/saker/${sakId}/journalposter`)).items;
    gebyr = jps.find((j) => j.tittel.startsWith('Spørsmål om gebyr'))!;
    soknad = jps.find((j) => j.tittel.startsWith('Søknad om ferdigattest'))!;
    expect([gebyr.restanse, soknad.restanse]).toEqual([true, true]);
    // Opened again, the mail is recognised by its category too.
    await preview("m.select(['mail-2'])");
    await page.getByTestId('kategori-arkivert').waitFor();
    await expectAccessible('importer, recognised');
  });

  it("ola answers both by e-mail: Outlook's reply opens with the reference; once sent it is archived as U (E) and both are avskrevet EP (§10.2)", async () => {
    await page.getByRole('list', { name: 'Resultat' }).waitFor({ state: 'detached' }).catch(() => undefined);
    await openFromKurv('ubehandlet', 'Ubehandlet', new RegExp(`${gebyr.registreringsId} Spørsmål om gebyr`));
    await page.getByRole('heading', { name: /Spørsmål om gebyr for byggesak/ }).waitFor();
    await page.getByRole('group', { name: 'Svaret besvarer også' }).getByRole('checkbox', { name: new RegExp(`${soknad.registreringsId} Søknad om ferdigattest`) }).check();
    const svar = page.getByRole('group', { name: 'Svar med e-post' });
    await expectAccessible('behandle, svar med e-post', ['saksbehandler-svar-med-epost', svar]);
    await svar.getByRole('button', { name: 'Svar med e-post' }).click();
    await svar.getByText('Svaret er åpnet i Outlook').waitFor();
    const [form] = await preview<ReplyForms>('m.replyForms');
    // The mail open in Outlook is the one answered: Outlook's own reply, to both senders, with the sak's reference.
    expect(form!.opened.kind).toBe('svar');
    expect([...form!.form.to].sort()).toEqual(['per.hansen@example.no', 'post@byggmester.example.no']);
    expect(form!.form.reference).toBe(`Vår ref. ${gebyr.registreringsId}`);
    expect(form!.form.htmlBody).toContain(form!.form.reference);
    await page.getByTestId('svar-venter').waitFor();

    // The user writes and sends the reply in Outlook.
    const sendtId = await preview<string>('m.sendReply()');
    await page.getByRole('button', { name: 'Se etter sendte svar' }).click();
    await settled(page.getByText('Sendt svar arkivert:'));
    const jps = (await api<{ items: Jp[] }>('ola', `/api/saker/${sakId}/journalposter`)).items;
    const u = jps.filter((j) => j.journalposttype === 'U');
    expect(u.map((j) => j.journalstatus)).toEqual(['E']);
    for (const id of [gebyr.systemId, soknad.systemId]) {
      const jp = await api<Jp>('ola', `/api/journalposter/${id}`);
      expect([jp.restanse, jp.avskrivninger.map((a) => [a.avskrivningsmaate, a.ventende])]).toEqual([false, [['EP', false]]]);
    }
    expect(await preview<string[]>(`m.categoriesOf('${sendtId}')`)).toEqual(['Arkivert']);
    await page.getByTestId('svar-venter').waitFor({ state: 'detached' });
    await expectAccessible('svar arkivert');
  });

  let brev: Jp;
  const aktive = async (brukernavn = 'ola') => (await api<Oppgave[]>(brukernavn, `/api/journalposter/${brev.systemId}/oppgaver`)).filter((o) => o.status === 'aktiv' && o.oppgavetype === 'GODKJENNING');

  it('ola sends a letter to a chain of two approvers; Sendt til godkjenning shows who has it (§10.6)', async () => {
    brev = await api<Jp>('ola', `/api/saker/${sakId}/journalposter`, { method: 'POST', body: { journalposttype: 'U', tittel: 'Vedtak om ferdigattest', korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Byggmester AS', epostadresse: 'post@byggmester.example.no' }] } });
    await openFromKurv('dokumenter_i_arbeid', 'Dokumenter i arbeid', new RegExp(`${brev.registreringsId} Vedtak om ferdigattest`));
    const send = page.getByRole('group', { name: 'Send oppgave' });
    expect(await send.getByRole('combobox', { name: 'Oppgavetype' }).inputValue()).toBe('GODKJENNING');
    await send.getByRole('combobox', { name: 'Godkjenner 1' }).selectOption({ label: 'Lise Leder (lise)' });
    await send.getByRole('button', { name: 'Legg til neste godkjenner' }).click();
    await send.getByRole('combobox', { name: 'Godkjenner 2' }).selectOption({ label: 'Bruker rita (rita)' });
    await send.getByRole('textbox', { name: 'Merknad' }).fill('Vedtaket går til begge');
    await expectAccessible('til godkjenning, kjede', ['saksbehandler-til-godkjenning', send]);
    await send.getByRole('button', { name: 'Send til godkjenning' }).click();
    const rad = page.getByRole('list', { name: 'Oppgaver' }).getByRole('listitem').filter({ hasText: 'Vedtaket går til begge' });
    await settled(rad.getByText('Deretter: Bruker rita'));
    const [forste] = await aktive();
    expect([forste!.mottaker.brukernavn, forste!.nesteGodkjennere?.map((b) => b.brukernavn)]).toEqual(['lise', ['rita']]);
    const sendt = await api<{ tittel: string; hos?: string }[]>('ola', '/api/kurver/sendt_til_godkjenning');
    expect(sendt.find((i) => i.tittel === 'Vedtak om ferdigattest')?.hos).toMatch(/^Lise/);
  });

  it('lise approves her step: it passes to rita, still in R (§11.2)', async () => {
    await signInAs('Lise');
    await openFromKurv('mottatt_for_godkjenning', 'Mottatt for godkjenning', /Vedtak om ferdigattest/);
    const rad = page.getByRole('list', { name: 'Oppgaver' }).getByRole('listitem').filter({ hasText: 'Vedtaket går til begge' });
    expect(await rad.getByRole('combobox', { name: 'Svar' }).inputValue()).toBe('Godkjent');
    await expectAccessible('godkjenning, første ledd', ['leder-godkjenning', rad]);
    await rad.getByRole('button', { name: 'Svar', exact: true }).click();
    await settled(rad.getByText('(Godkjent)'));
    expect((await aktive()).map((o) => o.mottaker.brukernavn)).toEqual(['rita']);
    expect((await api<Jp>('ola', `/api/journalposter/${brev.systemId}`)).journalstatus).toBe('R');
  });

  it('rita does not approve and sends it back to ola instead of the previous step (receiver changed)', async () => {
    await signInAs('Bruker rita');
    await openFromKurv('mottatt_for_godkjenning', 'Mottatt for godkjenning', /Vedtak om ferdigattest/);
    const rad = page.getByRole('list', { name: 'Oppgaver' }).getByRole('listitem').filter({ has: page.getByRole('combobox', { name: 'Svar' }) });
    await rad.getByRole('combobox', { name: 'Svar' }).selectOption('Ikke godkjent');
    const tilbake = rad.getByRole('combobox', { name: 'Tilbake til' });
    // The previous step is proposed.
    expect(await tilbake.locator('option:checked').textContent()).toBe('Lise Leder (lise)');
    await tilbake.selectOption({ label: 'Ola Nordmann (ola)' });
    await rad.getByRole('textbox', { name: 'Merknad' }).fill('Mangler lovhjemmel');
    await expectAccessible('ikke godkjent');
    await rad.getByRole('button', { name: 'Svar', exact: true }).click();
    await settled(page.getByRole('list', { name: 'Oppgaver' }).getByText('(Ikke godkjent: Mangler lovhjemmel)'));
    expect(await aktive()).toEqual([]);
    const beskjeder = (await api<Oppgave[]>('ola', `/api/journalposter/${brev.systemId}/oppgaver`)).filter((o) => o.oppgavetype === 'BESKJED' && o.status === 'aktiv');
    expect(beskjeder.map((o) => [o.mottaker.brukernavn, o.merknad])).toEqual([['ola', 'Ikke godkjent: Mangler lovhjemmel']]);
  });

  it('ola sends it to lise again; lise forwards it to rita (Videresendt names the next approver); rita approves and it is F', async () => {
    await api('ola', `/api/journalposter/${brev.systemId}/til-godkjenning`, { method: 'POST', body: { mottakerId: (await api<{ systemId: string; brukernavn: string }[]>('ola', '/api/godkjennere')).find((b) => b.brukernavn === 'lise')!.systemId, merknad: 'Rettet' } });
    await signInAs('Lise');
    await openFromKurv('mottatt_for_godkjenning', 'Mottatt for godkjenning', /Vedtak om ferdigattest/);
    const rad = page.getByRole('list', { name: 'Oppgaver' }).getByRole('listitem').filter({ hasText: 'Rettet' });
    await rad.getByRole('combobox', { name: 'Svar' }).selectOption('Videresendt for godkjenning');
    const svarKnapp = rad.getByRole('button', { name: 'Svar', exact: true });
    // No next approver yet: the answer cannot be given (it used to fail with "neste godkjenner må oppgis").
    expect(await svarKnapp.isDisabled()).toBe(true);
    await rad.getByRole('combobox', { name: /Neste godkjenner/ }).selectOption({ label: 'Bruker rita (rita)' });
    await expectAccessible('videresendt');
    await svarKnapp.click();
    await settled(rad.getByText('(Videresendt for godkjenning)'));
    expect((await aktive()).map((o) => o.mottaker.brukernavn)).toEqual(['rita']);
    await signInAs('Bruker rita');
    await openFromKurv('mottatt_for_godkjenning', 'Mottatt for godkjenning', /Vedtak om ferdigattest/);
    const ritas = page.getByRole('list', { name: 'Oppgaver' }).getByRole('listitem').filter({ has: page.getByRole('combobox', { name: 'Svar' }) });
    await ritas.getByRole('button', { name: 'Svar', exact: true }).click();
    await settled(page.getByTestId('journalstatus').getByText('F', { exact: true }));
    expect((await api<Jp>('ola', `/api/journalposter/${brev.systemId}`)).journalstatus).toBe('F');
  });

  it('ola expedites a letter with the documents, version and merknader he chose; a recipient without an address gets one where it stops; print and send informally take the same choice (§10.7, §12.2, §12.3)', async () => {
    await signInAs('Ola');
    const melding = await api<Jp>('ola', `/api/saker/${sakId}/journalposter`, {
      method: 'POST',
      body: {
        journalposttype: 'U',
        tittel: 'Melding om ferdigattest',
        korrespondanseparter: [
          { korrespondanseparttype: 'EM', navn: 'Byggmester AS', epostadresse: 'post@byggmester.example.no' },
          { korrespondanseparttype: 'EM', navn: 'Per Hansen', postadresse: 'Storgata 5', postnummer: '2212', poststed: 'Kongsvinger' },
        ],
      },
    });
    const last = async (url: string, filnavn: string, tekst: string, felt: Record<string, string> = {}) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(felt)) form.set(k, v);
      form.set('fil', new Blob([tekst], { type: 'text/plain' }), filnavn);
      const res = await fetch(base + url, { method: 'POST', headers: await ctx.auth('ola'), body: form });
      expect({ url, status: res.status }).toEqual({ url, status: 201 });
    };
    await last(`/api/journalposter/${melding.systemId}/dokumenter`, 'melding.txt', 'Første utkast: ferdigattest gis.', { tittel: 'Melding om ferdigattest' });
    type Dok = { systemId: string; tittel: string };
    const hoved = (await api<{ dokumenter: Dok[] }>('ola', `/api/journalposter/${melding.systemId}`)).dokumenter[0]!;
    await last(`/api/dokumenter/${hoved.systemId}/versjoner`, 'melding-v2.txt', 'Endelig tekst: ferdigattest gis med vilkår.');
    await last(`/api/journalposter/${melding.systemId}/dokumenter`, 'situasjonsplan.txt', 'Situasjonsplan for Storgata 5', { tittel: 'Situasjonsplan', tilknytning: 'V' });
    await last(`/api/journalposter/${melding.systemId}/dokumenter`, 'gammelt-kart.txt', 'Et kart som ikke skal sendes', { tittel: 'Gammelt kart', tilknytning: 'V' });
    await api('ola', `/api/journalposter/${melding.systemId}/merknader`, { method: 'POST', body: { merknadstype: 'FORMELL', merknadstekst: 'Brannteknisk dokumentasjon er mottatt' } });

    await openFromKurv('dokumenter_i_arbeid', 'Dokumenter i arbeid', new RegExp(`${melding.registreringsId} Melding om ferdigattest`));
    const eksp = page.getByRole('region', { name: 'Ekspeder', exact: true });
    await eksp.getByRole('checkbox', { name: /Gammelt kart/ }).uncheck();
    await eksp.getByRole('combobox', { name: 'Versjon: Melding om ferdigattest' }).selectOption('1');
    await eksp.getByRole('checkbox', { name: /Ta med merknadene/ }).check();
    await eksp.getByRole('radio', { name: 'Brødtekst' }).check();
    await eksp.getByRole('button', { name: 'Forhåndsvis utsendingen' }).click();
    const hva = eksp.getByRole('list', { name: 'Dette sendes' });
    await settled(hva);
    const forhaand = (await hva.getByRole('listitem').allTextContents()).join('\n');
    expect(forhaand).toContain('Første utkast: ferdigattest gis.');
    expect(forhaand).toContain('Formell merknad: Brannteknisk dokumentasjon er mottatt');
    expect(forhaand).toMatch(/Vedlegg: situasjonsplan/);
    expect(forhaand).not.toMatch(/gammelt-kart|Endelig tekst/);
    await expectAccessible('ekspeder, valg', ['saksbehandler-ekspeder', eksp]);

    // §12.2 print: the same choice goes to the server.
    const [utskrift] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/utskrift')), eksp.getByRole('button', { name: 'Skriv ut valgte' }).click()]);
    const dokIds = (await api<{ dokumenter: Dok[] }>('ola', `/api/journalposter/${melding.systemId}`)).dokumenter;
    const id = (tittel: string) => dokIds.find((d) => d.tittel === tittel)!.systemId;
    expect([utskrift.status(), utskrift.headers()['content-type'], utskrift.request().postDataJSON()]).toEqual([
      200,
      'application/pdf',
      { dokumenter: [{ dokumentId: id('Melding om ferdigattest'), versjonsnummer: 1 }, { dokumentId: id('Situasjonsplan'), versjonsnummer: 1 }], merknader: true },
    ]);
    // §12.3 send informally: a new Outlook message with the chosen documents; nothing is expedited.
    await eksp.getByRole('button', { name: 'Send uformelt fra Outlook' }).click();
    await settled(eksp.getByText('E-posten er åpnet i Outlook'));
    const skjema = (await preview<{ to: string[]; subject: string; htmlBody: string; attachments: { name: string; url: string }[] }[]>('m.sentForms')).at(-1)!;
    expect(skjema.to).toEqual(['post@byggmester.example.no']);
    // Outlook fetches the attachments itself, without the user's token: each is a short-lived link
    // that gives exactly the chosen version, as the user's own download does.
    const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer()).toString('base64');
    const hentet = await Promise.all(skjema.attachments.map(async (a) => bytes(await fetch(a.url))));
    const valgt = await Promise.all(['Melding om ferdigattest', 'Situasjonsplan'].map(async (t) => bytes(await fetch(`${base}/api/dokumenter/${id(t)}/versjoner/1/innhold?variantformat=P`, { headers: await ctx.auth('ola') }))));
    expect(skjema.attachments.map((a) => new URL(a.url).pathname)).toEqual([expect.stringMatching(/^\/api\/dokumentlenker\/[\w-]{43}$/), expect.stringMatching(/^\/api\/dokumentlenker\/[\w-]{43}$/)]);
    expect(hentet).toEqual(valgt);
    expect(skjema.htmlBody).toContain('Brannteknisk dokumentasjon er mottatt');
    expect((await api<Jp>('ola', `/api/journalposter/${melding.systemId}`)).journalstatus).toBe('R');

    // Per Hansen is to have it by e-mail but has no address: the expedition stops with a field for it, and goes on.
    await eksp.getByRole('combobox', { name: 'Per Hansen – Kanal' }).selectOption('E-post');
    await eksp.getByRole('button', { name: 'Ekspeder', exact: true }).click();
    const stopp = eksp.getByRole('group', { name: 'E-postadresse for' });
    await stopp.getByRole('textbox', { name: 'E-postadresse for Per Hansen' }).fill('per.hansen@example.no');
    await expectAccessible('ekspeder, adresse mangler', ['saksbehandler-ekspeder-adresse', stopp]);
    await stopp.getByRole('button', { name: 'Lagre adressene og ekspeder' }).click();
    await settled(page.getByTestId('journalstatus').getByText('E', { exact: true }));

    const etter = await api<Jp>('ola', `/api/journalposter/${melding.systemId}`);
    expect([etter.journalstatus, etter.korrespondanseparter.map((k) => k.epostadresse)]).toEqual(['E', ['post@byggmester.example.no', 'per.hansen@example.no']]);
    const rader = await ctx.db.selectFrom('utsending').select(['mottakerNavn', 'kanal', 'innhold']).where('journalpostId', '=', melding.systemId).orderBy('mottakerNavn').execute();
    expect(rader.map((r) => [r.mottakerNavn, r.kanal])).toEqual([['Byggmester AS', 'epost'], ['Per Hansen', 'epost']]);
    for (const r of rader) {
      const innhold = r.innhold as { tekst: string; vedlegg: { filnavn: string }[] };
      expect(innhold.vedlegg.map((v) => v.filnavn)).toEqual([expect.stringMatching(/^situasjonsplan/)]);
      expect(innhold.tekst).toContain('Første utkast: ferdigattest gis.');
      expect(innhold.tekst).toContain('Brannteknisk dokumentasjon er mottatt');
    }
    const historikk = await api<{ handling: string; data: { korrespondansepart?: { navn: string; epostadresse: { til: string } } } }[]>('ola', `/api/journalposter/${melding.systemId}/historikk`);
    expect(historikk.filter((h) => h.data.korrespondansepart).map((h) => [h.handling, h.data.korrespondansepart!.navn, h.data.korrespondansepart!.epostadresse.til])).toEqual([['journalpost_endret', 'Per Hansen', 'per.hansen@example.no']]);
  });

  it('ola sets an OBS-dato with a comment, clears it by hand, and asks the dokumentsenter to mark a wrong sak UTGÅR (§12.5, §12.8)', async () => {
    await signInAs('Ola');
    await openFromKurv('mine_saker', 'Mine saker', /Ferdigattest og gebyr Storgata 5/);
    await page.getByRole('heading', { name: /Ferdigattest og gebyr Storgata 5/ }).waitFor();
    await page.getByRole('button', { name: 'Endre OBS' }).click();
    const obs = page.getByRole('group', { name: 'Endre OBS' });
    await obs.getByLabel('OBS-dato').fill('2026-12-20');
    await obs.getByRole('textbox', { name: 'OBS-kommentar' }).fill('Purr på ferdigattesten');
    await obs.getByRole('button', { name: 'Lagre' }).click();
    await settled(page.getByRole('button', { name: 'Fjern OBS-dato' }));
    type Sak = { obsDato: string | null; obsKommentar: string | null };
    expect(await api<Sak>('ola', `/api/saker/${sakId}`)).toMatchObject({ obsDato: '2026-12-20', obsKommentar: 'Purr på ferdigattesten' });
    await expectAccessible('sak, OBS');
    await page.getByRole('button', { name: 'Fjern OBS-dato' }).click();
    await page.getByRole('button', { name: 'Fjern OBS-dato' }).waitFor({ state: 'detached' });
    expect(await api<Sak>('ola', `/api/saker/${sakId}`)).toMatchObject({ obsDato: null, obsKommentar: null });

    await page.getByRole('textbox', { name: /Hvorfor er saken feil/ }).fill('Opprettet to ganger');
    await page.getByRole('button', { name: 'Be dokumentsenteret merke saken UTGÅR' }).click();
    await settled(page.getByText('Beskjed sendt til dokumentsenteret.'));
    await expectAccessible('sak, UTGÅR requested');
    const beskjeder = await ctx.db
      .selectFrom('oppgave as o')
      .innerJoin('bruker as b', 'b.systemId', 'o.mottakerId')
      .select(['b.brukernavn', 'o.merknad'])
      .where('o.sakId', '=', sakId)
      .where('o.oppgavetype', '=', 'DOKUMENTSENTER')
      .execute();
    expect(beskjeder.map((b) => b.brukernavn).sort()).toEqual(['arne', 'dina']);
    expect(beskjeder[0]!.merknad).toMatch(/UTGÅR.*Opprettet to ganger/);
  });

  it('ola sends an oppgave to two, deactivates one before it is read; kari answers; ola removes the answer from the basket (§12.1)', async () => {
    await openFromKurv('mine_saker', 'Mine saker', /Ferdigattest og gebyr Storgata 5/);
    await page.getByRole('list', { name: 'Journalposter' }).getByRole('button', { name: new RegExp(`${gebyr.registreringsId} I Spørsmål om gebyr`) }).click();
    const send = page.getByRole('group', { name: 'Send oppgave' });
    await send.getByRole('combobox', { name: 'Oppgavetype' }).selectOption('UTTALELSE');
    await send.getByRole('checkbox', { name: /\(kari\)/ }).check();
    await send.getByRole('checkbox', { name: /\(lise\)/ }).check();
    await send.getByRole('textbox', { name: 'Merknad' }).fill('Er gebyret riktig?');
    await send.getByRole('button', { name: 'Send oppgave' }).click();
    const liste = page.getByRole('list', { name: 'Oppgaver' });
    const tilLise = liste.getByRole('listitem').filter({ hasText: /Til uttalelse – Ola Nordmann → Lise Leder: Er gebyret riktig\?/ });
    await settled(tilLise);
    await expectAccessible('oppgaver sendt');
    await tilLise.getByRole('button', { name: 'Deaktiver' }).click();
    await tilLise.getByRole('button', { name: 'Deaktiver' }).waitFor({ state: 'detached' });
    const status = async () => Object.fromEntries((await api<Oppgave[]>('ola', `/api/journalposter/${gebyr.systemId}/oppgaver`)).filter((o) => o.oppgavetype === 'UTTALELSE').map((o) => [o.mottaker.brukernavn, [o.status, o.svar]]));
    expect(await status()).toEqual({ kari: ['aktiv', null], lise: ['deaktivert', null] });

    await signInAs('Kari');
    await openFromKurv('mottatte_oppgaver', 'Mottatte oppgaver', /Spørsmål om gebyr/);
    const karis = page.getByRole('list', { name: 'Oppgaver' }).getByRole('listitem').filter({ has: page.getByRole('combobox', { name: 'Svar' }) });
    await karis.getByRole('combobox', { name: 'Svar' }).selectOption('Ingen merknader');
    await expectAccessible('oppgave besvares');
    await karis.getByRole('button', { name: 'Svar', exact: true }).click();
    await settled(page.getByRole('list', { name: 'Oppgaver' }).getByText('(Ingen merknader)'));
    expect(await status()).toEqual({ kari: ['besvart', 'Ingen merknader'], lise: ['deaktivert', null] });

    await signInAs('Ola');
    await openFromKurv('mottatte_oppgaver', 'Mottatte oppgaver', /Spørsmål om gebyr/);
    const svaret = page.getByRole('list', { name: 'Oppgaver' }).getByRole('listitem').filter({ hasText: /Beskjed – Kari Saksansvarlig → Ola Nordmann: Ingen merknader/ });
    await svaret.getByRole('button', { name: 'Fjern fra kurv' }).click();
    await svaret.getByRole('button', { name: 'Fjern fra kurv' }).waitFor({ state: 'detached' });
    const beskjed = (await api<Oppgave[]>('ola', `/api/journalposter/${gebyr.systemId}/oppgaver`)).find((o) => o.oppgavetype === 'BESKJED' && o.merknad === 'Ingen merknader')!;
    expect(beskjed.status).toBe('fjernet');
  });

  it('ola reports an approved saksframlegg to a committee meeting (§10.5 Meld opp)', async () => {
    const utvalg = await api<{ systemId: string }>('arne', '/api/utvalg', { method: 'POST', body: { kode: 'PLANUTV', navn: 'Planutvalget' } });
    const moete = await api<{ systemId: string }>('arne', `/api/utvalg/${utvalg.systemId}/moeter`, { method: 'POST', body: { moetedato: '2099-01-15', sted: 'Kommunestyresalen' } });
    const framlegg = await api<Jp>('ola', `/api/saker/${sakId}/journalposter`, { method: 'POST', body: { journalposttype: 'S', tittel: 'Saksframlegg ferdigattest' } });
    const lise = (await api<{ systemId: string; brukernavn: string }[]>('ola', '/api/godkjennere')).find((b) => b.brukernavn === 'lise')!;
    const [o] = await api<Oppgave[]>('ola', `/api/journalposter/${framlegg.systemId}/til-godkjenning`, { method: 'POST', body: { mottakerId: lise.systemId } });
    await api('lise', `/api/oppgaver/${o!.systemId}/svar`, { method: 'POST', body: { svar: 'Godkjent' } });
    await openFromKurv('mine_saker', 'Mine saker', /Ferdigattest og gebyr Storgata 5/);
    await page.getByRole('list', { name: 'Journalposter' }).getByRole('button', { name: new RegExp(`${framlegg.registreringsId} S Saksframlegg ferdigattest`) }).click();
    const meld = page.getByRole('region', { name: 'Meld opp til møte' });
    await meld.getByRole('combobox', { name: 'Møte' }).selectOption({ label: 'Planutvalget 15.01.2099, Kommunestyresalen' });
    await expectAccessible('meld opp');
    await meld.getByRole('button', { name: 'Meld opp' }).click();
    await settled(meld.getByText('Meldt opp til Planutvalget 15.01.2099'));
    const saker = await api<{ journalpostId: string; utvalgssakstype: string }[]>('ola', `/api/moeter/${moete.systemId}/saker`);
    expect(saker.map((x) => [x.journalpostId, x.utvalgssakstype])).toEqual([[framlegg.systemId, 'PS']]);
  });

  it('ola corrects the sender of a mail before importing it into the current sak (§10.3)', async () => {
    await preview("m.select(['mail-3'])");
    await page.keyboard.press('Control+Shift+D');
    await page.getByRole('heading', { name: /Valgt sak: \d{4}\/\d+ Ferdigattest og gebyr Storgata 5/ }).waitFor();
    const avsender = page.getByRole('group', { name: 'Avsender (kan rettes før lagring)' });
    // The forwarded mail proposes its original sender; the user corrects the address.
    expect(await avsender.getByRole('textbox', { name: 'Avsender: navn' }).inputValue()).toBe('Anne Olsen');
    await avsender.getByRole('textbox', { name: 'Avsender: e-postadresse' }).fill('anne.olsen@privat.example');
    await expectAccessible('importer, avsender rettes');
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await settled(page.getByRole('list', { name: 'Resultat' }).getByRole('button', { name: /Klage på vedtak om barnehageplass/ }));
    const jp = (await api<{ items: Jp[] }>('ola', `/api/saker/${sakId}/journalposter`)).items.find((j) => j.tittel.startsWith('Klage på vedtak'))!;
    expect(jp.korrespondanseparter.map((k) => [k.korrespondanseparttype, k.epostadresse])).toEqual([['EA', 'anne.olsen@privat.example']]);
  });
});
