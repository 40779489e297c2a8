import { startTestSmtp, type TestSmtp } from '../test/smtp';
import { createMailSender } from '../utsending/mail-sender';
import { drainOutbox } from '../utsending/outbox.worker';
import { haveChromiumFor, openPane, type Pane } from './browser';
import { idag } from '../test/dato';

/**
 * A saksbehandler's day in the task pane (headless Chromium, /preview with the fake mailbox)
 * against the real server, a real database with the demo data, and a real SMTP server on
 * loopback that the outbox delivers to (SMTP_URL):
 * §10.3 import → §10.2.1 avskriv TLF → §10.2.2 besvar og avskriv from a template → §10.6 to
 * approval → §11.2 the leader approves → §10.7 ekspeder → the restanse is gone from Ubehandlet.
 * axe-core checks each view visited.
 */
const haveChromium = haveChromiumFor('The working day in the task pane');

type Jp = { systemId: string; sakId: string; registreringsId: string; journalposttype: string; journalstatus: string; tittel: string; restanse: boolean; avskrivninger: { avskrivningsmaate: string; ventende: boolean; merknad: string | null }[]; korrespondanseparter: { korrespondanseparttype: string; navn: string; epostadresse: string | null }[]; dokumenter: { tittel: string }[] };
type KurvItem = { type: string; systemId: string; tittel: string; nummer: string };

if (haveChromium) describe('a working day in the task pane (§10.2–§10.7, §11.2)', () => {
  let smtp: TestSmtp;
  let pane: Pane;
  let ctx: Pane['ctx'];
  let page: Pane['page'];

  beforeAll(async () => {
    smtp = await startTestSmtp();
    // The preview's own window (Playwright's 1280 × 720): the mail list beside the pane.
    pane = await openPane({ width: 1280, height: 720, env: { SMTP_URL: smtp.url } });
    ({ ctx, page } = pane);
  }, 180_000);
  afterAll(async () => {
    await pane?.close();
    await smtp?.close();
  });
  const signInAs = (navn: string) => pane.signInAs(navn);

  let sakId: string;
  let importert: Jp;
  let svar: Jp;

  it('ola imports the incoming mail into a new sak; it lands in Ubehandlet (§10.3)', async () => {
    await pane.loadBesideMailbox();
    await signInAs('Ola');
    await pane.expectAccessible('arbeidsbord');
    await page.keyboard.press('Control+Shift+S');
    await page.getByRole('group', { name: /Ny sak/ }).getByLabel('Tittel').fill('Ferdigattest Storgata 5');
    await page.getByRole('button', { name: 'Opprett', exact: true }).click();
    await page.getByRole('heading', { name: /Valgt sak: ny sak, opprettes ved import: «Ferdigattest Storgata 5»/ }).waitFor();
    await pane.expectAccessible('importer');
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByRole('list', { name: 'Resultat' }).getByRole('button', { name: /Søknad om ferdigattest, Storgata 5/ }).waitFor();
    await page.getByRole('heading', { name: /Valgt sak: \d{4}\/\d+ Ferdigattest Storgata 5/ }).waitFor();
    const saker = await pane.api<{ items: { systemId: string; tittel: string }[] }>('ola', `/api/saker?q=${encodeURIComponent('Storgata 5')}`);
    sakId = saker.items.find((s) => s.tittel === 'Ferdigattest Storgata 5')!.systemId;
    [importert] = (await pane.api<{ items: Jp[] }>('ola', `/api/saker/${sakId}/journalposter`)).items as [Jp];
    expect([importert.journalposttype, importert.restanse, importert.korrespondanseparter.map((p) => p.epostadresse)]).toEqual(['I', true, ['post@byggmester.example.no']]);
    expect((await pane.api<KurvItem[]>('ola', '/api/kurver/ubehandlet')).map((i) => i.systemId)).toContain(importert.systemId);
  });

  it('ola avskriver another journalpost in Ubehandlet with TLF and a merknad (§10.2.1)', async () => {
    const annen = (await pane.api<KurvItem[]>('ola', '/api/kurver/ubehandlet')).find((i) => i.systemId !== importert.systemId && i.type === 'journalpost')!;
    expect(annen).toBeDefined();
    await pane.openFromKurv('ubehandlet', 'Ubehandlet', `${annen.nummer} ${annen.tittel}`);
    const avskriv = page.getByRole('group', { name: 'Avskriv', exact: true });
    await avskriv.getByLabel('Avskrivningsmåte').selectOption('TLF');
    await avskriv.getByRole('textbox', { name: /^Merknad/ }).fill('Ringte og avklarte saken med avsender');
    await pane.expectAccessible('behandle');
    await avskriv.getByRole('button', { name: 'Avskriv' }).click();
    await avskriv.waitFor({ state: 'detached' });
    const jp = await pane.api<Jp>('ola', `/api/journalposter/${annen.systemId}`);
    // (The demo journalpost may already carry a pending BU waiting for a reply; the TLF settles it.)
    expect([jp.restanse, jp.avskrivninger.filter((a) => !a.ventende).map((a) => [a.avskrivningsmaate, a.merknad])]).toEqual([false, [['TLF', 'Ringte og avklarte saken med avsender']]]);
    expect((await pane.api<KurvItem[]>('ola', '/api/kurver/ubehandlet')).map((i) => i.systemId)).not.toContain(annen.systemId);
  });

  it('ola answers the imported mail with a letter from a template: Besvar og avskriv (§10.2.2, §10.4)', async () => {
    await pane.openFromKurv('ubehandlet', 'Ubehandlet', new RegExp(`${importert.registreringsId} Søknad om ferdigattest`));
    const besvar = page.getByRole('group', { name: 'Svar skriftlig' });
    expect(await besvar.getByRole('combobox', { name: 'Svar skriftlig' }).inputValue()).toBe('besvar_og_avskriv');
    await besvar.getByRole('textbox', { name: 'Tittel' }).fill('Ferdigattest Storgata 5');
    await besvar.getByLabel('Skriv brevet fra mal').selectOption({ label: 'Svar på merknad til planforslag' });
    await besvar.getByRole('button', { name: 'Skriv brev' }).click();
    await page.getByRole('heading', { name: /Ferdigattest Storgata 5/ }).waitFor();
    await page.getByRole('group', { name: 'Send oppgave' }).waitFor();
    await pane.expectAccessible('svar');
    const jps = (await pane.api<{ items: Jp[] }>('ola', `/api/saker/${sakId}/journalposter`)).items;
    svar = jps.find((j) => j.journalposttype === 'U')!;
    expect([svar.journalstatus, svar.korrespondanseparter.map((p) => [p.korrespondanseparttype, p.navn]), svar.dokumenter.length]).toEqual(['R', [['EM', 'Byggmester AS']], 1]);
    const original = await pane.api<Jp>('ola', `/api/journalposter/${importert.systemId}`);
    // The avskrivning waits for the reply to be expedited; until then the restanse stays.
    expect([original.restanse, original.avskrivninger.map((a) => [a.avskrivningsmaate, a.ventende])]).toEqual([true, [['BU', true]]]);
  });

  it('ola sends the letter to lise for approval (§10.6)', async () => {
    const send = page.getByRole('group', { name: 'Send oppgave' });
    expect(await send.getByRole('combobox', { name: 'Oppgavetype' }).inputValue()).toBe('GODKJENNING');
    await send.getByRole('combobox', { name: 'Godkjenner 1' }).selectOption({ label: 'Lise Leder (lise)' });
    await send.getByRole('textbox', { name: 'Merknad' }).fill('Kan du se over svaret?');
    await send.getByRole('button', { name: 'Send til godkjenning' }).click();
    const rad = page.getByRole('list', { name: 'Oppgaver' }).getByRole('listitem').filter({ hasText: 'Kan du se over svaret?' });
    await rad.waitFor();
    expect(await rad.textContent()).toMatch(/^Til godkjenning – Ola Nordmann → Lise/);
    expect(await pane.api<KurvItem[]>('ola', '/api/kurver/sendt_til_godkjenning')).toEqual(expect.arrayContaining([expect.objectContaining({ tittel: 'Ferdigattest Storgata 5', hos: expect.stringMatching(/^Lise/) })]));
  });

  it('lise finds it in Mottatt for godkjenning and approves it; the letter is F (§11.2)', async () => {
    await signInAs('Lise');
    await pane.openFromKurv('mottatt_for_godkjenning', 'Mottatt for godkjenning', /Ferdigattest Storgata 5/);
    await page.getByRole('heading', { name: /Ferdigattest Storgata 5/ }).waitFor();
    const rad = page.getByRole('list', { name: 'Oppgaver' }).getByRole('listitem').filter({ hasText: 'Kan du se over svaret?' });
    expect(await rad.getByRole('combobox', { name: 'Svar' }).inputValue()).toBe('Godkjent');
    await pane.expectAccessible('godkjenning');
    await rad.getByRole('button', { name: 'Svar', exact: true }).click();
    await rad.getByText('(Godkjent)').waitFor();
    expect((await pane.api<Jp>('ola', `/api/journalposter/${svar.systemId}`)).journalstatus).toBe('F');
  });

  it('ola expedites the approved letter by e-mail; the original leaves Ubehandlet (§10.7)', async () => {
    await signInAs('Ola');
    await pane.openFromKurv('mine_saker', 'Mine saker', /Ferdigattest Storgata 5/);
    await page.getByRole('list', { name: 'Journalposter' }).getByRole('button', { name: new RegExp(`${svar.registreringsId} U Ferdigattest Storgata 5`) }).click();
    const ekspeder = page.getByRole('region', { name: 'Ekspeder' });
    expect(await ekspeder.getByRole('combobox', { name: /Byggmester AS <post@byggmester.example.no>/ }).inputValue()).toBe('epost');
    await pane.expectAccessible('ekspeder');
    // Before sending: the documents that go, and the server's preview of what the recipient gets.
    expect(await ekspeder.getByRole('list', { name: 'Dokumenter som sendes' }).getByRole('listitem').count()).toBeGreaterThan(0);
    await ekspeder.getByRole('button', { name: 'Forhåndsvis utsendingen' }).click();
    const hva = ekspeder.getByRole('list', { name: 'Dette sendes' });
    await hva.getByText(/Emne: Ferdigattest Storgata 5 \(vår ref\. /).waitFor();
    await hva.getByText('Byggmester AS').waitFor();
    await pane.expectAccessible('ekspeder preview');
    expect(await ctx.db.selectFrom('utsending').select('systemId').where('journalpostId', '=', svar.systemId).execute()).toEqual([]);
    await ekspeder.getByRole('button', { name: 'Ekspeder' }).click();
    await pane.settled(page.getByTestId('journalstatus').getByText('E', { exact: true }));
    // The result per recipient: waiting in the outbox until the worker has delivered it.
    const utsendinger = page.getByRole('list', { name: 'Utsendinger' });
    await utsendinger.getByText('Venter i utboksen').waitFor();
    const original = await pane.api<Jp>('ola', `/api/journalposter/${importert.systemId}`);
    expect([original.restanse, original.avskrivninger.map((a) => [a.avskrivningsmaate, a.ventende])]).toEqual([false, [['BU', false]]]);
    // The pane's Ekspeder queued the letter in the outbox; the worker's work, done here while the
    // pane is idle (see the note on the outbox below), delivers it to the loopback SMTP server.
    await drainOutbox(ctx.db, ctx.blobs, createMailSender(ctx.config.mail), { leaseMs: ctx.config.mail.leaseMs, maxAttempts: ctx.config.mail.maxAttempts });
    const sendt = await ctx.db.selectFrom('utsending').select(['messageId', 'status']).where('journalpostId', '=', svar.systemId).execute();
    expect(sendt.map((u) => u.status)).toEqual(['SENDT']);
    const levert = smtp.accepted.filter((m) => m.rcptTo.includes('post@byggmester.example.no') && m.parsed.subject?.includes('Ferdigattest Storgata 5'));
    expect(levert.map((m) => m.parsed.messageId)).toEqual([`<${sendt[0]!.messageId}>`]);
    await page.getByRole('button', { name: 'Oppdater' }).click();
    await utsendinger.getByText('Sendt', { exact: true }).waitFor();
    await pane.expectAccessible('utsendinger');
    const ubehandlet = await pane.api<KurvItem[]>('ola', '/api/kurver/ubehandlet');
    expect(ubehandlet.map((i) => i.systemId)).not.toContain(importert.systemId);
    await page.getByRole('navigation').getByRole('button', { name: 'Arbeidsbord' }).click();
    await page.keyboard.press('F5');
    await page.locator('[data-kurv="ubehandlet"]').filter({ hasText: `Ubehandlet ${ubehandlet.length}` }).click();
    if (ubehandlet.length) await page.getByRole('list', { name: 'Ubehandlet' }).getByRole('button').first().waitFor();
    else await page.getByText('Ingen elementer').waitFor();
    expect(await page.getByRole('button', { name: new RegExp(`^${importert.registreringsId} `) }).count()).toBe(0);
    await pane.expectAccessible('ubehandlet after the day');
  });

  it('names an e-mail recipient without an address, and Ekspeder stops with a field for it until another channel is chosen (§10.7)', async () => {
    const brev = await pane.api<Jp & { korrespondanseparter: { systemId: string }[] }>('ola', `/api/saker/${sakId}/journalposter`, {
      method: 'POST',
      body: { journalposttype: 'U', tittel: 'Orientering til naboer', korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Nabo Uten Epost', postadresse: 'Storgata 7', postnummer: '9000', poststed: 'Fjordvik' }] },
    });
    await pane.openFromKurv('mine_saker', 'Mine saker', /Ferdigattest Storgata 5/);
    await page.getByRole('list', { name: 'Journalposter' }).getByRole('button', { name: new RegExp(`${brev.registreringsId} U Orientering til naboer`) }).click();
    const ekspeder = page.getByRole('region', { name: 'Ekspeder' });
    const kanal = ekspeder.getByRole('combobox', { name: /Nabo Uten Epost/ });
    // No address: paper is proposed; choosing e-mail names the recipient, and Ekspeder stops there
    // with a field for the address instead of sending.
    expect(await kanal.inputValue()).toBe('papir');
    await kanal.selectOption('epost');
    await ekspeder.getByText(/Mangler e-postadresse.*: Nabo Uten Epost/).waitFor();
    await ekspeder.getByRole('button', { name: 'Ekspeder', exact: true }).click();
    await ekspeder.getByRole('textbox', { name: 'E-postadresse for Nabo Uten Epost' }).waitFor();
    expect(await ekspeder.getByRole('button', { name: 'Ekspeder', exact: true }).isDisabled()).toBe(true);
    expect((await pane.api<Jp>('ola', `/api/journalposter/${brev.systemId}`)).journalstatus).toBe('R');
    expect(await ctx.db.selectFrom('utsending').select('systemId').where('journalpostId', '=', brev.systemId).execute()).toEqual([]);
    await pane.expectAccessible('ekspeder, missing address');
    await kanal.selectOption('annen');
    expect(await ekspeder.getByRole('button', { name: 'Ekspeder', exact: true }).isEnabled()).toBe(true);
  });

  it('a stedfortreder switches to the leader\'s desk: the header says so and the kurver are the leader\'s (§11.3)', async () => {
    const ola = await pane.api<{ bruker: { systemId: string } }>('ola', '/api/meg');
    const today = idag();
    await pane.api('lise', '/api/stedfortredere', { method: 'POST', body: { stedfortrederId: ola.bruker.systemId, fraDato: today, tilDato: today } });
    await page.reload();
    await page.getByRole('heading', { name: 'Arbeidsbord' }).waitFor();
    const lise = (await pane.api<{ systemId: string; brukernavn: string }[]>('ola', '/api/brukere')).find((b) => b.brukernavn === 'lise')!;
    await page.getByRole('combobox', { name: 'Stedfortreder for' }).selectOption(lise.systemId);
    await page.getByText('Du arbeider på vegne av Lise Leder').waitFor();
    const res = await fetch(`${pane.base}/api/kurver`, { headers: { ...(await ctx.auth('ola')), 'x-paa-vegne-av': lise.systemId } });
    const kurver = (await res.json()) as { kurv: string; antall: number }[];
    expect([res.status, kurver]).toEqual([200, expect.any(Array)]);
    // A kurv whose count differs between ola's own desk and lise's, so the pane shows whose it is.
    const egne = await pane.api<{ kurv: string; antall: number }[]>('ola', '/api/kurver');
    const ulik = kurver.find((k) => egne.find((e) => e.kurv === k.kurv)!.antall !== k.antall)!;
    expect(ulik).toBeDefined();
    await page.locator(`[data-kurv="${ulik.kurv}"]`).filter({ hasText: new RegExp(`\\s${ulik.antall}$`) }).waitFor();
    await pane.expectAccessible('arbeidsbord as stedfortreder');
    await page.getByRole('combobox', { name: 'Stedfortreder for' }).selectOption('');
    await page.getByTestId('deputy').waitFor({ state: 'detached' });
  });

  /*
   * The outbox is drained by the test rather than by the background worker: with the worker
   * polling beside the pane's requests on PGlite's one connection, a request intermittently did
   * not find its user ("Brukeren ola finnes ikke i arkivet") — reported, not fixed here.
   */
  it('the outbox delivers an expedited letter to the SMTP server on loopback', async () => {
    const brev = await pane.api<Jp>('ola', '/api/svar', { method: 'POST', body: { maate: 'besvar_uten_avskrivning', journalpostIds: [importert.systemId], tittel: 'Kvittering Storgata 5' } });
    const malId = (await pane.api<{ systemId: string; navn: string }[]>('ola', '/api/maler?journalposttype=U')).find((m) => m.navn === 'Svar på merknad til planforslag')!.systemId;
    await pane.api('ola', `/api/journalposter/${brev.systemId}/brev`, { method: 'POST', body: { malId } });
    const mottaker = brev.korrespondanseparter[0]!;
    await pane.api('ola', `/api/journalposter/${brev.systemId}/ekspeder`, { method: 'POST', body: { mottakere: [{ korrespondansepartId: (mottaker as unknown as { systemId: string }).systemId, kanal: 'epost' }] } });
    // The outbox worker's work, done here while the pane is idle (see the note above). The demo
    // data has mail of its own in the outbox: wait for every queued e-mail, then find ours.
    await drainOutbox(ctx.db, ctx.blobs, createMailSender(ctx.config.mail), { leaseMs: ctx.config.mail.leaseMs, maxAttempts: ctx.config.mail.maxAttempts });
    const { n } = await ctx.db.selectFrom('utsending').select((eb) => eb.fn.countAll<string>().as('n')).where('kanal', '=', 'epost').executeTakeFirstOrThrow();
    await smtp.waitForAccepted(Number(n));
    const ours = smtp.accepted.filter((m) => m.rcptTo.includes('post@byggmester.example.no') && m.parsed.subject?.includes('Kvittering Storgata 5'));
    expect(ours).toHaveLength(1);
  });
});
