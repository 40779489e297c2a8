import { readFile } from 'node:fs/promises';
import { haveChromiumFor, openPane, type Pane } from './browser';

/**
 * The dokumentsenter's postmottak and the archive's formats and deposit in the task pane at
 * 350 px (headless Chromium, /preview) against the real server and the demo data:
 * §3.1/§10.1 dina registers a mail from the shared postmottak mailbox as type I and distributes
 * it to a unit; it lands in the leader's Ubehandlet. §5 arne sees the document whose conversion
 * to PDF/A failed, with the reason, and orders a new attempt; as archive manager he makes an
 * arkivuttrekk, follows it to the end and downloads the package. Each result through the API.
 */
const haveChromium = haveChromiumFor('The postmottak, archive formats and arkivuttrekk in the task pane');

type Jp = { systemId: string; journalposttype: string; journalstatus: string; tittel: string; saksbehandler: { navn: string }; administrativEnhet: { systemId: string; navn: string }; korrespondanseparter: { korrespondanseparttype: string; navn: string; epostadresse: string | null }[]; dokumenter: { tittel: string }[] };
type Uttrekk = { id: string; status: string; arkivdelId: string; journalposterSkrevet: number; journalposterTotalt: number };

/** Names of the files in a POSIX tar archive. */
function tarNavn(buf: Buffer): string[] {
  const navn: string[] = [];
  for (let pos = 0; pos + 512 <= buf.length; ) {
    const h = buf.subarray(pos, pos + 512);
    if (h.every((b) => b === 0)) break;
    const felt = (from: number, len: number) => h.subarray(from, from + len).toString('utf8').replace(/\0.*$/s, '');
    const prefix = felt(345, 155);
    navn.push(prefix ? `${prefix}/${felt(0, 100)}` : felt(0, 100));
    pos += 512 + Math.ceil(parseInt(felt(124, 12), 8) / 512) * 512;
  }
  return navn;
}

if (haveChromium) describe("the postmottak, the archive formats and the deposit in the pane at 350 px", () => {
  let pane: Pane;
  let ctx: Pane['ctx'];
  let page: Pane['page'];

  beforeAll(async () => {
    // The pane alone fills the 350 px window, as in Outlook's task pane; the demo's deposit is there to download.
    pane = await openPane({ seed: 'uttrekk', acceptDownloads: true });
    ({ ctx, page } = pane);
  }, 300_000);
  afterAll(async () => pane?.close());

  const hent = <T,>(brukernavn: string, url: string) => pane.api<T>(brukernavn, url);
  const signInAs = (navn: string) => pane.signInAs(navn);
  async function openArkivbord() {
    await page.getByRole('navigation').getByRole('button', { name: 'Arkivbord' }).click();
    await page.getByRole('heading', { name: 'Arkivbord', level: 2 }).waitFor();
  }

  const EMNE = 'Søknad om tilskudd til 17. mai-arrangement';

  it('dina registers a mail from the postmottak as type I in a sak and distributes it to a unit; it lands in the leader’s Ubehandlet (§3.1, §10.1)', async () => {
    await pane.load();
    await signInAs('Dina');
    await pane.preview("m.select(['mail-5'])");
    await page.getByRole('navigation').getByRole('button', { name: 'Registrer post' }).click();
    await page.getByRole('heading', { name: 'Registrer inngående post' }).waitFor();
    await page.getByRole('radio', { name: 'Som e-post til postmottaket' }).check();
    await page.getByTestId('postmottak-epost').getByText(EMNE).waitFor();
    // The form takes the mail's subject and sender.
    expect(await page.getByRole('textbox', { name: 'Tittel', exact: true }).inputValue()).toBe(EMNE);
    expect(await page.getByRole('combobox', { name: /^Avsender/ }).inputValue()).toBe('Nordbygda velforening');
    expect(await page.getByRole('textbox', { name: 'E-post' }).inputValue()).toBe('post@nordbygda-vel.example.no');
    await page.getByRole('textbox', { name: 'Søk etter sak' }).fill('Kirkeveien');
    await page.getByRole('button', { name: 'Søk', exact: true }).click();
    await page.getByRole('list', { name: 'Søk etter sak' }).getByRole('button', { name: /Oppgradering av Kirkeveien/ }).click();
    await page.getByRole('heading', { name: /Valgt sak: \d{4}\/\d+ Oppgradering av Kirkeveien/ }).waitFor();
    await page.getByRole('radio', { name: /^Enhet/ }).check();
    await page.getByRole('combobox', { name: /^Enhet/ }).selectOption({ label: 'Plan, bygg og geodata' });
    expect(await pane.overflowing()).toEqual([]);
    await pane.expectAccessible('registrer e-post fra postmottaket');
    await page.getByRole('button', { name: 'Registrer og fordel' }).click();
    await pane.settled(page.getByText(/Registrert som \d{4}\/\d+-\d+ og fordelt til Lise Leder/));

    const sok = await hent<{ journalposter: { items: { systemId: string; tittel: string }[] } }>('dina', `/api/sok?q=${encodeURIComponent('tilskudd 17. mai-arrangement')}`);
    const id = sok.journalposter.items.find((i) => i.tittel === EMNE)!.systemId;
    const jp = await hent<Jp>('dina', `/api/journalposter/${id}`);
    // Lise leads HR and Plan: the letter is the unit's chosen, not the first she leads.
    expect([jp.journalposttype, jp.saksbehandler.navn, jp.administrativEnhet.navn]).toEqual(['I', 'Lise Leder', 'Plan, bygg og geodata']);
    expect(jp.korrespondanseparter.filter((p) => p.korrespondanseparttype === 'EA').map((p) => [p.navn, p.epostadresse])).toEqual([['Nordbygda velforening', 'post@nordbygda-vel.example.no']]);
    // The mail and its attachment are the record's documents.
    expect(jp.dokumenter.length).toBe(2);
    expect((await hent<{ systemId: string }[]>('lise', '/api/kurver/ubehandlet')).map((i) => i.systemId)).toContain(id);
    const historikk = await hent<{ handling: string; data: { administrativEnhetId?: { til: string } } }[]>('dina', `/api/journalposter/${id}/historikk`);
    expect(historikk.map((h) => h.handling)).toEqual(expect.arrayContaining(['epost_importert', 'journalpost_fordelt']));
    expect(historikk.find((h) => h.handling === 'journalpost_fordelt')?.data.administrativEnhetId?.til).toBe(jp.administrativEnhet.systemId);
    expect(await pane.preview<string[]>("m.categoriesOf('mail-5')")).toEqual(['Arkivert']);
    // The dokumentsenter has no deposit to make.
    await openArkivbord();
    await page.getByRole('button', { name: /Arkivformat \(PDF\/A\)/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Arkivuttrekk' }).count()).toBe(0);
    expect((await fetch(`${pane.base}/api/uttrekk`, { headers: await ctx.auth('dina') })).status).toBe(403);
  });

  it('arne sees the conversion that failed with its reason and orders a new attempt (§5)', async () => {
    await signInAs('Arne');
    await openArkivbord();
    await page.getByRole('button', { name: /Arkivformat \(PDF\/A\)/ }).click();
    const feilet = page.getByRole('list', { name: 'Konvertering feilet' });
    const rad = feilet.getByRole('listitem').filter({ hasText: /application\/zip/ });
    await rad.waitFor();
    const dokumentId = (await rad.getAttribute('data-dokument'))!;
    expect(await pane.overflowing()).toEqual([]);
    await pane.expectAccessible('arkivformat');
    await rad.getByRole('button', { name: /^Prøv igjen: journalnr\. \d{4}\/\d+, dokument 1$/ }).click();
    await pane.settled(page.getByRole('status').getByText(/venter på nytt forsøk/));
    await page.getByRole('list', { name: 'Venter på konvertering' }).locator(`[data-dokument="${dokumentId}"]`).waitFor();
    expect(await feilet.locator(`[data-dokument="${dokumentId}"]`).count()).toBe(0);

    const state = await hent<{ status: string; forsoek: number; journalpostId: string }[]>('arne', `/api/dokumenter/${dokumentId}/arkivformat`);
    expect(state.map((s) => [s.status, s.forsoek])).toEqual([['VENTER', 0]]);
    const historikk = await hent<{ handling: string; bruker: { navn: string } | null }[]>('arne', `/api/journalposter/${state[0]!.journalpostId}/historikk`);
    expect(historikk.filter((h) => h.handling === 'arkivformat_nytt_forsoek').map((h) => h.bruker?.navn)).toEqual(['Arne Arkiv']);
  });

  it('arne makes an arkivuttrekk of an arkivdel, follows it to the end and downloads the package (Noark 5 deposit)', async () => {
    const foer = await hent<Uttrekk[]>('arne', '/api/uttrekk');
    expect(foer.map((u) => u.status)).toEqual(['FERDIG']);
    await openArkivbord();
    await page.getByRole('button', { name: 'Arkivuttrekk' }).click();
    const liste = page.getByRole('list', { name: 'Arkivuttrekk' });
    await liste.locator(`[data-uttrekk="${foer[0]!.id}"]`).waitFor();
    await page.getByRole('combobox', { name: /^Arkivdel/ }).selectOption({ label: 'Sakarkiv 2024–' });
    await page.getByRole('button', { name: 'Lag arkivuttrekk' }).click();
    await pane.settled(page.getByRole('status').getByText('Arkivuttrekk av Sakarkiv 2024– er bestilt'));
    // The new job; the pane follows it until it is done.
    const nyId = (await hent<Uttrekk[]>('arne', '/api/uttrekk')).map((u) => u.id).find((id) => id !== foer[0]!.id)!;
    const ny = liste.locator(`[data-uttrekk="${nyId}"]`);
    await ny.locator('[data-status="FERDIG"]').waitFor({ timeout: 120_000 });
    const jobber = await hent<Uttrekk[]>('arne', '/api/uttrekk');
    expect(jobber.map((u) => [u.id, u.status])).toEqual([[nyId, 'FERDIG'], [foer[0]!.id, 'FERDIG']]);
    expect(jobber[0]!.journalposterSkrevet).toBe(jobber[0]!.journalposterTotalt);
    await ny.getByText(`${jobber[0]!.journalposterSkrevet} av ${jobber[0]!.journalposterTotalt} journalposter skrevet`).waitFor();
    expect(await pane.overflowing()).toEqual([]);
    await pane.expectAccessible('arkivuttrekk');

    const [download] = await Promise.all([page.waitForEvent('download'), ny.getByRole('button', { name: /^Last ned pakken \(tar\): Sakarkiv 2024–, / }).click()]);
    expect(download.suggestedFilename()).toBe(`arkivuttrekk-${jobber[0]!.id}.tar`);
    const filer = tarNavn(await readFile((await download.path())!));
    const topp = `arkivuttrekk-${jobber[0]!.id}`;
    expect(filer).toEqual(expect.arrayContaining([`${topp}/arkivuttrekk.xml`, `${topp}/arkivstruktur.xml`, `${topp}/loependeJournal.xml`, `${topp}/offentligJournal.xml`, `${topp}/endringslogg.xml`]));
    expect(filer.filter((f) => f.startsWith(`${topp}/dokumenter/`)).length).toBeGreaterThan(0);
  }, 180_000);

  it('dina removes a record on a Beskjed til dokumentsenteret from the pane; its oppgave closes with it (§10.1, §12.6)', async () => {
    const post = (brukernavn: string, url: string, body: unknown) => pane.api<{ systemId: string }>(brukernavn, url, { method: 'POST', body });
    const sak = await post('ola', '/api/saker', { tittel: 'Reguleringsplan for Fjordparken', sakstype: 'GS' });
    const feil = await post('ola', `/api/saker/${sak.systemId}/journalposter`, { journalposttype: 'X', tittel: 'Notat registrert to ganger' });
    // Expedited, the note is no longer his to remove (§12.6): he asks the dokumentsenter.
    await post('ola', `/api/journalposter/${feil.systemId}/ekspeder`, {});
    expect((await hent<{ abilities: { feilregistrer: boolean } }>('ola', `/api/journalposter/${feil.systemId}`)).abilities.feilregistrer).toBe(false);
    await post('ola', '/api/oppgaver', { oppgavetype: 'DOKUMENTSENTER', journalpostId: feil.systemId, mottakerIds: [(await ctx.actor('dina')).bruker.systemId], merknad: 'Notatet er registrert to ganger: fjern det.' });

    await signInAs('Dina');
    const toggle = page.locator('[data-kurv="mottatte_oppgaver"]');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await page.getByRole('list', { name: 'Mottatte oppgaver' }).getByRole('button', { name: /Notat registrert to ganger/ }).click();
    await page.getByRole('heading', { name: /Notat registrert to ganger/, level: 2 }).waitFor();
    await page.getByText('Notatet er registrert to ganger: fjern det.').first().waitFor();
    await page.getByRole('button', { name: 'Fjern (feilregistrer)' }).click();
    await pane.expectAccessible('fjern på beskjed');
    await page.getByRole('button', { name: 'Bekreft: fjern journalposten' }).click();
    await page.getByRole('heading', { name: /^Sak \d{4}\/\d+: Reguleringsplan for Fjordparken/ }).waitFor();

    const fjernet = await hent<{ items: { systemId: string }[] }>('dina', '/api/journalposter/feilregistrerte');
    expect(fjernet.items.map((i) => i.systemId)).toContain(feil.systemId);
    const oppgaver = await hent<{ tittel: string }[]>('dina', '/api/kurver/mottatte_oppgaver');
    expect(oppgaver.map((o) => o.tittel)).not.toContain('Notat registrert to ganger');
    const historikk = await hent<{ handling: string }[]>('ola', `/api/journalposter/${feil.systemId}/historikk`);
    expect(historikk.map((h) => h.handling)).toEqual(expect.arrayContaining(['journalpost_feilregistrert']));
  });
});
