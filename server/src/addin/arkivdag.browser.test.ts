import { PDFDocument, StandardFonts } from 'pdf-lib';
import { dagen } from '../tid';
import { haveChromiumFor, openPane, type Pane } from './browser';

/**
 * The dokumentsenter's and the archive's day in the task pane at 350 px (headless Chromium,
 * /preview) against the real server and a real database with the demo data:
 * §3.1/§10.1 dina registers scanned paper post and distributes it; it lands in Ubehandlet.
 * §5/§12.6–§12.8 arne publishes a document, journalfører one and then the rest in bulk (the
 * public journal shows them), closes a sak that is ready, moves a journalpost and removes one.
 * Every result is checked through the API; axe-core checks each view visited.
 */
const haveChromium = haveChromiumFor("The archive's day in the task pane");

type Jp = { systemId: string; sakId: string; registreringsId: string; journalposttype: string; journalstatus: string; tittel: string; saksbehandler: { navn: string }; korrespondanseparter: { korrespondanseparttype: string; navn: string; epostadresse: string | null }[]; dokumenter: { systemId: string; publiseres: boolean; versjoner: { variantformat: string }[] }[] };
type Venter = { systemId: string; tittel: string; mangler: string[] };

if (haveChromium) describe("the dokumentsenter's and the archive's day in the pane at 350 px", () => {
  let pane: Pane;
  let ctx: Pane['ctx'];
  let page: Pane['page'];

  beforeAll(async () => {
    // The pane alone fills the 350 px window, as in Outlook's task pane.
    pane = await openPane();
    ({ ctx, page } = pane);
  }, 180_000);
  afterAll(async () => pane?.close());

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
  const venter = () => pane.api<{ items: Venter[] }>('arne', '/api/arkiv/til-journalfoering?limit=500').then((p) => p.items);

  let registrert: Jp;
  const TITTEL = 'Klage på flytting av busstopp';

  it('dina registers a scanned letter, sender from earlier correspondents, and distributes it; it lands in the receiver’s Ubehandlet (§3.1, §10.1)', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage().drawText('Klage på flytting av busstopp (skannet)', { font: await pdf.embedFont(StandardFonts.Helvetica) });
    const bytes = Buffer.from(await pdf.save());

    await pane.load();
    await pane.signInAs('Dina');
    await page.getByRole('navigation').getByRole('button', { name: 'Registrer post' }).click();
    await page.getByRole('heading', { name: 'Registrer inngående post' }).waitFor();
    await pane.expectAccessible('registrer');
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
    expect(await pane.overflowing()).toEqual([]);
    await pane.expectAccessible('registrer filled in');
    await page.getByRole('button', { name: 'Registrer og fordel' }).click();
    await pane.settled(page.getByText(/Registrert som \d{4}\/\d+-\d+ og fordelt til Kari Saksansvarlig/));

    const sok = await pane.api<{ journalposter: { items: Jp[] } }>('dina', `/api/sok?q=${encodeURIComponent('flytting av busstopp')}`);
    registrert = await pane.api<Jp>('dina', `/api/journalposter/${sok.journalposter.items[0]!.systemId}`);
    expect([registrert.journalposttype, registrert.journalstatus, registrert.saksbehandler.navn]).toEqual(['I', 'S', 'Kari Saksansvarlig']);
    expect(registrert.korrespondanseparter.map((p) => [p.korrespondanseparttype, p.navn, p.epostadresse])).toEqual([['EA', 'Fjordvik Taxi', 'post@fjordviktaxi.example']]);
    expect(registrert.dokumenter.map((d) => d.versjoner.map((v) => v.variantformat).sort())).toEqual([['A', 'P']]);
    const ubehandlet = await pane.api<{ systemId: string }[]>('kari', '/api/kurver/ubehandlet');
    expect(ubehandlet.map((i) => i.systemId)).toContain(registrert.systemId);
    expect((await venter()).find((v) => v.systemId === registrert.systemId)?.mangler).toEqual([]);
  });

  it('dina handles Beskjed til dokumentsenteret: adds the missing sender, answers Utført, and marks a sak made twice UTGÅR (§10.1, §12.8)', async () => {
    const post = (brukernavn: string, url: string, body: unknown) => pane.api<{ systemId: string }>(brukernavn, url, { method: 'POST', body });
    const dobbel = await post('ola', '/api/saker', { tittel: 'Kirkeveien oppgradering (opprettet to ganger)', sakstype: 'GS' });
    const notat = await post('ola', `/api/saker/${dobbel.systemId}/journalposter`, { journalposttype: 'X', tittel: 'Notat i feil sak' });
    await post('ola', '/api/oppgaver', { oppgavetype: 'DOKUMENTSENTER', journalpostId: notat.systemId, mottakerIds: [(await ctx.actor('dina')).bruker.systemId], merknad: 'Saken er opprettet to ganger: sett den til UTGÅR.' });

    await pane.openFromKurv('mottatte_oppgaver', 'Mottatte oppgaver', /Håndskrevet brev om busstider/);
    await page.getByRole('heading', { name: /Håndskrevet brev om busstider/, level: 2 }).waitFor();
    const rett = page.getByRole('group', { name: 'Rett avsender/mottaker' });
    await rett.getByRole('textbox', { name: 'Legg til avsender/mottaker' }).fill('Nordbygda velforening');
    await pane.expectAccessible('rett avsender');
    await rett.getByRole('button', { name: 'Lagre avsender/mottaker' }).click();
    await pane.settled(page.getByRole('definition').getByText('Nordbygda velforening'));
    const rad = page.getByRole('list', { name: 'Oppgaver' }).getByRole('listitem').filter({ hasText: 'Avsender mangler' });
    await rad.getByRole('combobox', { name: 'Svar' }).selectOption('Utført');
    await rad.getByRole('button', { name: 'Svar', exact: true }).click();
    await rad.getByText('(Utført)').waitFor();
    const brev = (await venter()).find((v) => v.tittel === 'Håndskrevet brev om busstider')!;
    expect(brev.mangler).toEqual(['ingen_arkivvariant']);
    const parter = (await pane.api<Jp>('dina', `/api/journalposter/${brev.systemId}`)).korrespondanseparter.map((p) => [p.korrespondanseparttype, p.navn]);
    expect(parter).toEqual([['EA', 'Nordbygda velforening']]);

    await pane.openFromKurv('mottatte_oppgaver', 'Mottatte oppgaver', /Notat i feil sak/);
    await page.getByRole('button', { name: /^Sak \d{4}\/\d+/ }).click();
    await page.getByRole('heading', { name: /Kirkeveien oppgradering \(opprettet to ganger\)/, level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Marker saken UTGÅR' }).click();
    await pane.settled(page.getByRole('heading', { name: /UTGÅR - Kirkeveien oppgradering/, level: 2 }));
    const sak = await pane.api<{ saksstatus: string; tittel: string }>('dina', `/api/saker/${dobbel.systemId}`);
    expect([sak.saksstatus, sak.tittel]).toEqual(['U', 'UTGÅR - Kirkeveien oppgradering (opprettet to ganger)']);
  });

  it('arne sees the quality check’s findings and publishes the letter’s document (§5)', async () => {
    await pane.signInAs('Arne');
    await openArkivbord();
    const liste = page.getByRole('list', { name: 'Til journalføring' });
    await liste.getByRole('listitem').filter({ hasText: 'Håndskrevet brev om busstider' }).getByText('Mangler arkivformat (PDF/A)').waitFor();
    expect(await pane.overflowing()).toEqual([]);
    await pane.expectAccessible('arkivbord');

    await openVenter(TITTEL);
    const steg = page.getByRole('region', { name: 'Arkivets steg' });
    // The switch shows the stored choice: it turns on when the server has saved it.
    await steg.getByRole('switch', { name: /Publiser i offentlig journal/ }).click();
    await pane.settled(steg.getByRole('switch', { name: /Publiser i offentlig journal/, checked: true }));
    await pane.expectAccessible('journalpost with the archive steps');
    const jp = await pane.api<Jp>('arne', `/api/journalposter/${registrert.systemId}`);
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
    await pane.settled(page.getByRole('status').getByText(`${utenMangler.length} journalført`));
    for (const id of utenMangler) expect((await pane.api<Jp>('arne', `/api/journalposter/${id}`)).journalstatus).toBe('J');
    const igjen = await venter();
    expect(igjen.filter((v) => utenMangler.includes(v.systemId))).toEqual([]);
    expect(igjen.some((v) => v.tittel === 'Håndskrevet brev om busstider')).toBe(true);

    const idag = dagen(new Date());
    const offentlig = await (await fetch(`${pane.base}/api/offentlig-journal?fra=${idag}&til=${idag}&antall=100`)).json() as { items: { offentligTittel: string; journalstatus: string; dokumenter: { tittel: string }[] }[] };
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
    await pane.expectAccessible('sak with the archive steps');
    await steg.getByRole('button', { name: 'Avslutt saken' }).click();
    await pane.settled(steg.getByText('Saken er avsluttet'));
    const saker = await pane.api<{ items: { systemId: string; tittel: string; saksstatus: string }[] }>('arne', `/api/saker?q=${encodeURIComponent('Vintervedlikehold')}`);
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
    await pane.expectAccessible('flytt');
    await flytt.getByRole('button', { name: 'Flytt til annen sak' }).click();
    await pane.settled(steg.getByText(/Flyttet til sak \d{4}\/\d+/));
    const brev = (await venter()).find((v) => v.tittel === 'Håndskrevet brev om busstider')!;
    const flyttet = await pane.api<Jp & { saksnummer: string }>('arne', `/api/journalposter/${brev.systemId}`);
    const vei = (await pane.api<{ items: { systemId: string; tittel: string }[] }>('arne', `/api/saker?q=${encodeURIComponent('Trafikksikkerhetsplan')}`)).items[0]!;
    expect(flyttet.sakId).toBe(vei.systemId);

    await openVenter('Spørsmål om omkjøring');
    const id = (await venter()).find((v) => v.tittel === 'Spørsmål om omkjøring')!.systemId;
    await page.getByRole('button', { name: 'Fjern (feilregistrer)' }).click();
    await page.getByRole('button', { name: 'Bekreft: fjern journalposten' }).click();
    await page.getByRole('heading', { name: /^Sak \d{4}\/\d+: Oppgradering av Kirkeveien/ }).waitFor();
    const fjernet = await pane.api<{ items: { systemId: string }[] }>('arne', '/api/journalposter/feilregistrerte');
    expect(fjernet.items.map((i) => i.systemId)).toContain(id);
    expect((await venter()).map((v) => v.systemId)).not.toContain(id);
    await openArkivbord();
    await page.getByRole('button', { name: /Fjernede journalposter/ }).click();
    await page.getByRole('list', { name: 'Fjernede journalposter' }).getByText(/Spørsmål om omkjøring/).waitFor();
    expect(await pane.overflowing()).toEqual([]);
    await pane.expectAccessible('arkivbord with removed records');
  });
});
