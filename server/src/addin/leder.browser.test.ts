import path from 'node:path';
import type { Locator } from 'playwright-core';
import { datoI, leggTilDager, STANDARD_TIDSSONE } from '@arkiv/shared';
import { haveChromiumFor, openPane, openSection, SCREENSHOTS, type Pane } from './browser';

/**
 * The leader's day and the deputy's in the task pane at Outlook's 350 px (headless Chromium,
 * /preview) against the real server and database with the demo data: §11.1 restanserapport with
 * remembered criteria and a print layout, §6/§10.1 saksfordeling and the unit's Dokumenter i
 * arbeid, §11.3 a deputy appointed in the pane who then approves on the leader's behalf (§11.2),
 * and the saksbehandler sees the answer in Mottatte oppgaver. Results are checked through the
 * API; axe-core checks each view. ARKIV_SCREENSHOTS=docs/img saves the pane of each step there.
 */
const haveChromium = haveChromiumFor('The leader’s day in the task pane');

type Jp = { systemId: string; registreringsId: string; journalstatus: string; tittel: string; saksbehandler: { systemId: string; navn: string } };
type KurvItem = { systemId: string; nummer: string; tittel: string; svar?: string | null; oppgavetype?: string };
type LedetEnhet = { enhet: { systemId: string; kode: string; navn: string }; brukere: { systemId: string; brukernavn: string; navn: string }[] };
type Historikk = { handling: string; bruker: { brukernavn: string } | null; paaVegneAv: { brukernavn: string } | null; data: { svar?: string } };

if (haveChromium) describe('the leader’s and the deputy’s day in the task pane at 350 px (§6, §11)', () => {
  let pane: Pane;
  let page: Pane['page'];
  const idag = datoI(new Date(), STANDARD_TIDSSONE);
  const fra = leggTilDager(idag, -30);
  let plan: LedetEnhet;
  let innkommende: Jp;
  let brev: Jp;

  beforeAll(async () => {
    // A Norwegian user's browser: date fields read DD.MM.YYYY.
    pane = await openPane({ width: 800, locale: 'nb-NO', timezoneId: STANDARD_TIDSSONE });
    ({ page } = pane);

    // The unit's post: an incoming letter registered by the dokumentsenter to the leader, overdue.
    [plan] = (await pane.api<LedetEnhet[]>('lise', '/api/enheter/ledet')).filter((e) => e.enhet.kode === 'PLAN') as [LedetEnhet];
    const sak = await pane.api<{ systemId: string }>('lise', '/api/saker', { method: 'POST', body: { tittel: 'Utslipp fra renseanlegg Nordvik', sakstype: 'GS', administrativEnhetId: plan.enhet.systemId } });
    innkommende = await pane.api<Jp>('dina', `/api/saker/${sak.systemId}/journalposter`, {
      method: 'POST',
      body: { journalposttype: 'I', tittel: 'Søknad om utslippstillatelse', saksbehandlerId: (await meg('lise')).systemId, administrativEnhetId: plan.enhet.systemId, forfallsdato: leggTilDager(idag, -2), korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Nordvik Vann AS' }] },
    });
    // Kari's letter waiting for the leader's approval.
    const kariSak = await pane.api<{ systemId: string }>('kari', '/api/saker', { method: 'POST', body: { tittel: 'Reguleringsplan Sjøfronten', sakstype: 'PS' } });
    brev = await pane.api<Jp>('kari', `/api/saker/${kariSak.systemId}/journalposter`, { method: 'POST', body: { journalposttype: 'U', tittel: 'Varsel om oppstart av planarbeid', korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Grunneier Hansen', epostadresse: 'hansen@example.no' }] } });
    await pane.api('kari', `/api/journalposter/${brev.systemId}/til-godkjenning`, { method: 'POST', body: { mottakerId: (await meg('lise')).systemId, merknad: 'Kan du godkjenne varselet?' } });
  }, 240_000);
  afterAll(async () => pane?.close());

  const meg = async (brukernavn: string) => (await pane.api<{ bruker: { systemId: string; navn: string } }>(brukernavn, '/api/meg')).bruker;

  /** The pane as Outlook shows it: 350 px wide (the preview's mailbox column takes the rest). */
  const loadPane = () => pane.loadBesideMailbox({ paneWidth: 350 });
  const signInAs = (navn: string) => pane.signInAs(navn);
  /** Axe, the 350 px check, and (with ARKIV_SCREENSHOTS) a picture of the pane for docs/addin.md. */
  async function view(name: string, bilde?: Locator) {
    await pane.expectAccessible(name);
    const main = (await page.locator('main').boundingBox())!;
    expect(main.width).toBeLessThanOrEqual(350);
    // Nothing sticks out of the pane: the elements whose right edge passes it, named.
    const overflow = await page.evaluate(`(() => {
      const right = document.querySelector('main').getBoundingClientRect().right;
      return [...document.querySelectorAll('main *')]
        .filter((e) => e.getBoundingClientRect().right > right + 0.5 && e.getBoundingClientRect().width > 0)
        .map((e) => e.tagName.toLowerCase() + (e.getAttribute('aria-label') ? '[' + e.getAttribute('aria-label') + ']' : '') + ' «' + (e.textContent || '').slice(0, 40) + '»')
        .slice(0, 5);
    })()`);
    expect({ name, overflow }).toEqual({ name, overflow: [] });
    // The top of the pane (what Outlook shows without scrolling), to keep the pictures small.
    if (SCREENSHOTS && bilde) await bilde.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
    else if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), animations: 'disabled', fullPage: true, clip: { x: main.x, y: main.y, width: main.width, height: Math.min(main.height, 1100) } });
  }

  it('the leader runs the restanserapport for the unit over a period; the criteria are remembered and it prints without the form (§11.1)', async () => {
    await loadPane();
    await signInAs('Lise');
    await page.getByRole('navigation').getByRole('button', { name: 'Leder' }).click();
    const skjema = page.getByRole('group', { name: 'Restanserapport' });
    await skjema.getByRole('combobox', { name: 'Enhet' }).selectOption(plan.enhet.systemId);
    await skjema.getByRole('combobox', { name: 'Saksbehandler' }).selectOption('');
    await skjema.getByLabel('Journaldato fra').fill(fra);
    await skjema.getByLabel('Journaldato til').fill(idag);
    await skjema.getByRole('button', { name: 'Vis rapporten' }).click();
    const rapport = page.getByTestId('restanserapport');
    const rad = rapport.getByRole('list', { name: 'Restanser' }).getByRole('listitem').filter({ hasText: innkommende.registreringsId });
    await rad.waitFor();
    expect(await rad.textContent()).toMatch(/Søknad om utslippstillatelse.*Inngående dokument · journalført \d\d\.\d\d\.\d{4} · Forfallsdato \d\d\.\d\d\.\d{4} \(forfalt\) · Lise Leder/);
    // The server remembers the criteria: asked without any, it answers with these.
    const husket = await pane.api<{ kriterier: Record<string, string>; journalposter: { systemId: string }[]; perSaksbehandler: { saksbehandler: { navn: string }; antall: number }[] }>('lise', '/api/rapporter/restanse');
    expect(husket.kriterier).toEqual({ enhetId: plan.enhet.systemId, fra, til: idag });
    expect(await rapport.getByRole('list', { name: 'Restanser' }).getByRole('listitem').count()).toBe(husket.journalposter.length);
    const lise = rapport.getByRole('table', { name: 'Restanser' }).getByRole('row').filter({ hasText: 'Lise Leder' });
    expect(await lise.getByRole('cell').allTextContents()).toEqual(['Lise Leder', String(husket.perSaksbehandler.find((p) => p.saksbehandler.navn === 'Lise Leder')!.antall), expect.stringMatching(/^[1-9]\d*$/)]);
    await view('leder-restanserapport');
    // Printed: the report alone, without the pane's form and tabs.
    await page.emulateMedia({ media: 'print' });
    expect([await skjema.isVisible(), await page.getByRole('navigation').getByRole('button', { name: 'Leder' }).isVisible(), await rad.isVisible()]).toEqual([false, false, true]);
    await page.emulateMedia({ media: 'screen' });
    // Another day, another session: the form opens with the remembered criteria.
    await loadPane();
    await signInAs('Lise');
    await page.getByRole('navigation').getByRole('button', { name: 'Leder' }).click();
    await rad.waitFor();
    expect([await skjema.getByLabel('Journaldato fra').inputValue(), await skjema.getByRole('combobox', { name: 'Enhet' }).inputValue()]).toEqual([fra, plan.enhet.systemId]);
  });

  it('the leader distributes the unit’s incoming letter to a saksbehandler and sees the unit’s Dokumenter i arbeid (§6, §10.1)', async () => {
    await page.getByRole('button', { name: 'Saksfordeling', exact: true }).click();
    await page.getByRole('combobox', { name: 'Enhet' }).selectOption(plan.enhet.systemId);
    const post = page.getByRole('group', { name: new RegExp(`${innkommende.registreringsId} Søknad om utslippstillatelse`) });
    expect(await post.textContent()).toContain('Nordvik Vann AS');
    expect(await post.textContent()).toContain('hos Lise Leder');
    const dia = await pane.api<KurvItem[]>('lise', `/api/kurver/dokumenter_i_arbeid?enhetId=${plan.enhet.systemId}`);
    expect(dia.length).toBeGreaterThan(0);
    expect(await page.getByRole('list', { name: 'Dokumenter i arbeid i enheten' }).getByRole('listitem').count()).toBe(dia.length);
    const ola = plan.brukere.find((b) => b.brukernavn === 'ola')!;
    await post.getByRole('combobox', { name: 'Fordel til' }).selectOption(ola.systemId);
    await view('leder-saksfordeling');
    await post.getByRole('button', { name: 'Fordel' }).click();
    await page.getByRole('group', { name: new RegExp(`${innkommende.registreringsId} `) }).getByText('hos Ola Nordmann').waitFor();
    expect((await pane.api<Jp>('lise', `/api/journalposter/${innkommende.systemId}`)).saksbehandler.navn).toBe('Ola Nordmann');
    expect((await pane.api<KurvItem[]>('ola', '/api/kurver/forfall')).map((i) => i.systemId)).toContain(innkommende.systemId);
  });

  it('the leader appoints ola as deputy for a week with one of her codes (§11.3)', async () => {
    await page.getByRole('button', { name: 'Stedfortredere', exact: true }).click();
    const skjema = page.getByRole('group', { name: 'Oppnevn stedfortreder' });
    const ola = await meg('ola');
    await skjema.getByRole('combobox', { name: /^Stedfortreder/ }).selectOption(ola.systemId);
    await skjema.getByLabel('Fra dato').fill(idag);
    await skjema.getByLabel('Til dato').fill(leggTilDager(idag, 7));
    await skjema.getByRole('checkbox', { name: 'IS Intern skjerming' }).check();
    await skjema.getByRole('button', { name: 'Oppnevn stedfortreder' }).click();
    const rad = page.getByRole('list', { name: 'Mine stedfortredere' }).getByRole('listitem').filter({ hasText: 'Ola Nordmann' });
    await rad.waitFor();
    expect(await rad.textContent()).toMatch(/^Ola Nordmann \d\d\.\d\d\.\d{4}–\d\d\.\d\d\.\d{4}IS Intern skjermingAvslutt i dag$/);
    await view('leder-stedfortredere');
    const oppnevnt = (await pane.api<{ stedfortrederId: string; fraDato: string; tilDato: string; tilgangskoder: string[] }[]>('lise', '/api/stedfortredere')).filter((x) => x.stedfortrederId === ola.systemId);
    expect(oppnevnt.map((x) => [x.fraDato, x.tilDato, x.tilgangskoder])).toEqual([[idag, leggTilDager(idag, 7), ['IS']]]);
  });

  it('the deputy switches to the leader’s desk and approves kari’s letter on her behalf (§11.2, §11.3)', async () => {
    await signInAs('Ola');
    const lise = await meg('lise');
    await page.getByRole('combobox', { name: 'Stedfortreder for' }).selectOption(lise.systemId);
    await page.getByText('Du arbeider på vegne av Lise Leder').waitFor();
    await page.locator('[data-kurv="mottatt_for_godkjenning"]').click();
    const liste = page.getByRole('list', { name: 'Mottatt for godkjenning' });
    await liste.getByRole('button', { name: /Varsel om oppstart av planarbeid/ }).waitFor();
    await view('stedfortreder-arbeidsbord');
    await liste.getByRole('button', { name: /Varsel om oppstart av planarbeid/ }).click();
    await page.getByRole('heading', { name: /Varsel om oppstart av planarbeid/ }).waitFor();
    const rad = page.getByRole('list', { name: 'Oppgaver' }).getByRole('listitem').filter({ hasText: 'Kan du godkjenne varselet?' });
    expect(await rad.getByRole('combobox', { name: 'Svar' }).inputValue()).toBe('Godkjent');
    await view('stedfortreder-godkjenning', page.getByRole('region', { name: 'Oppgaver' }));
    await rad.getByRole('button', { name: 'Svar', exact: true }).click();
    await rad.getByText('(Godkjent)').waitFor();
    await page.getByTestId('journalstatus').getByText('Ferdigstilt').waitFor();
    // Done by ola on lise's behalf, and said so in words in the historikk.
    await openSection(page, 'Historikk');
    expect((await pane.api<Jp>('kari', `/api/journalposter/${brev.systemId}`)).journalstatus).toBe('F');
    const h = await pane.api<Historikk[]>('kari', `/api/journalposter/${brev.systemId}/historikk`);
    expect(h.filter((x) => x.handling === 'oppgave_besvart').map((x) => [x.bruker?.brukernavn, x.paaVegneAv?.brukernavn, x.data.svar])).toEqual([['ola', 'lise', 'Godkjent']]);
    await page.getByRole('list', { name: 'Historikk' }).getByText('Oppgave besvart av Ola Nordmann (på vegne av Lise Leder): Godkjent (Til godkjenning)').waitFor();
    await view('stedfortreder-historikk', page.getByRole('list', { name: 'Historikk' }));
    await page.getByRole('combobox', { name: 'Stedfortreder for' }).selectOption('');
    await page.getByTestId('deputy').waitFor({ state: 'detached' });
  });

  it('kari sees the answer in Mottatte oppgaver without opening it (§12.1)', async () => {
    await signInAs('Kari');
    await page.locator('[data-kurv="mottatte_oppgaver"]').click();
    const rad = page.getByRole('list', { name: 'Mottatte oppgaver' }).getByRole('listitem').filter({ hasText: 'Varsel om oppstart av planarbeid' });
    expect(await rad.getByTestId('svar').textContent()).toBe('Godkjent');
    expect(await rad.getByTestId('status').textContent()).toBe('Ferdigstilt');
    expect(await rad.textContent()).toContain('Grunneier Hansen');
    await view('saksbehandler-mottatte-oppgaver');
    const items = await pane.api<KurvItem[]>('kari', '/api/kurver/mottatte_oppgaver');
    expect(items.filter((i) => i.tittel === 'Varsel om oppstart av planarbeid').map((i) => [i.oppgavetype, i.svar])).toEqual([['BESKJED', 'Godkjent']]);
  });

  it('the leader is back early: she ends the running appointment today and deletes a future one (§11.3)', async () => {
    const ola = await meg('ola');
    const kari = await meg('kari');
    const fra = leggTilDager(idag, 14);
    const fremtidig = await pane.api<{ systemId: string }>('lise', '/api/stedfortredere', { method: 'POST', body: { stedfortrederId: kari.systemId, fraDato: fra, tilDato: leggTilDager(idag, 21) } });
    await signInAs('Lise');
    await page.getByRole('navigation').getByRole('button', { name: 'Leder' }).click();
    await page.getByRole('button', { name: 'Stedfortredere', exact: true }).click();
    const mine = page.getByRole('list', { name: 'Mine stedfortredere' });
    await mine.getByRole('button', { name: /^Avslutt i dag: Ola Nordmann/ }).click();
    await mine.getByRole('button', { name: /^Avslutt i dag: Ola Nordmann/ }).waitFor({ state: 'detached' });
    const slett = mine.getByRole('button', { name: `Slett: Kari Saksansvarlig ${fra.split('-').reverse().join('.')}`, exact: false });
    await slett.click();
    await slett.waitFor({ state: 'detached' });
    await view('leder-stedfortreder-avsluttet');
    const igjen = await pane.api<{ systemId: string; stedfortrederId: string; fraDato: string; tilDato: string }[]>('lise', '/api/stedfortredere');
    expect(igjen.filter((x) => x.stedfortrederId === ola.systemId).map((x) => [x.fraDato, x.tilDato])).toEqual([[idag, idag]]);
    expect(igjen.map((x) => x.systemId)).not.toContain(fremtidig.systemId);
    const h = await pane.ctx.db.selectFrom('historikk').select('handling').where('objekttype', '=', 'stedfortreder').where('handling', 'in', ['stedfortreder_avsluttet', 'stedfortreder_slettet']).orderBy('id').execute();
    expect(h.map((x) => x.handling)).toEqual(['stedfortreder_avsluttet', 'stedfortreder_slettet']);
  });
});
