import { Readable } from 'node:stream';
import { PDFDocument } from 'pdf-lib';
import { addDokument, addVersjon } from '../dokument/dokument.service';
import { addMerknad } from '../journalpost/journalpost.service';
import type { TestContext } from '../test/context';
import { buildJournalpost, buildSak } from '../test/factories';
import { extractText } from '../test/pdf-text';
import { openWorld, type World } from '../test/world';

/**
 * Manual §10.7 (and §12.2, §12.3): in the expedition dialogue the saksbehandler chooses which
 * documents and which versions go with the letter, and whether the merknader go; and a
 * recipient who is to get the letter by e-mail but has no address is given one right there
 * ("påføre epostadresse i mottakerfeltet"), after which the expedition goes on.
 */
describe('§10.7 ekspedere: the documents, versions and merknader chosen, and a missing address filled in', () => {
  let ctx: TestContext;
  let w: World;
  beforeAll(async () => {
    ({ ctx, w } = await openWorld({ MAIL_FROM: 'Fjordvik kommune <postmottak@fjordvik.kommune.example>' }));
  });
  afterAll(async () => {
    await ctx.close();
  });

  const file = async (body: string | Buffer) => ctx.blobs.stage(Readable.from([Buffer.isBuffer(body) ? body : Buffer.from(body)]));
  const pdfMed = async (sider: number) => {
    const pdf = await PDFDocument.create();
    for (let i = 0; i < sider; i++) pdf.addPage();
    return Buffer.from(await pdf.save());
  };
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, brukernavn = w.sbh.bruker.brukernavn) =>
    ctx.app.inject({ method, url, ...(payload ? { payload } : {}), headers: await ctx.auth(brukernavn) });

  /** A letter to an e-mail recipient and a paper recipient: brev (two versions), situasjonsplan, fotografi; one merknad. */
  async function letter(tittel: string) {
    const sakId = await buildSak(ctx.db, w.sbh, { tittel: `Sak for ${tittel}` });
    const jpId = await buildJournalpost(ctx.db, w.sbh, sakId, {
      tittel,
      korrespondanseparter: [
        { korrespondanseparttype: 'EM', navn: 'Per Hansen', epostadresse: 'per.hansen@example.no' },
        { korrespondanseparttype: 'EM', navn: 'Ola Olsen', postadresse: 'Fjellveien 2', postnummer: '9000', poststed: 'Fjordvik' },
      ],
    });
    const brev = await addDokument(ctx.db, ctx.blobs, w.sbh, jpId, { tittel }, { staged: await file('Første utkast.'), filnavn: 'brev-v1.txt', mimeType: 'text/plain' });
    await addVersjon(ctx.db, ctx.blobs, w.sbh, brev, 'P', { staged: await file('Endelig tekst.'), filnavn: 'brev-v2.txt', mimeType: 'text/plain' });
    const plan = await addDokument(ctx.db, ctx.blobs, w.sbh, jpId, { tittel: 'Situasjonsplan' }, { staged: await file(await pdfMed(2)), filnavn: 'situasjonsplan.pdf', mimeType: 'application/pdf' });
    const foto = await addDokument(ctx.db, ctx.blobs, w.sbh, jpId, { tittel: 'Fotografi' }, { staged: await file(await pdfMed(1)), filnavn: 'fotografi.pdf', mimeType: 'application/pdf' });
    await addMerknad(ctx.db, w.sbh, jpId, { merknadstype: 'FORMELL', merknadstekst: 'Nabovarsel er sendt 1. mars' });
    const parter = await ctx.db.selectFrom('korrespondansepart').select(['systemId', 'navn']).where('journalpostId', '=', jpId).orderBy('rekkefolge').execute();
    return { jpId, brev, plan, foto, per: parter[0]!.systemId, ola: parter[1]!.systemId };
  }

  it('previews and sends only the chosen documents in the chosen versions, with the merknader, by e-mail and on paper', async () => {
    const l = await letter('Tillatelse med valgte vedlegg');
    const body = {
      mottakere: [
        { korrespondansepartId: l.per, kanal: 'epost' },
        { korrespondansepartId: l.ola, kanal: 'papir' },
      ],
      hoveddokumentSom: 'tekst',
      // The first version of the letter, the plan; not the photograph.
      dokumenter: [{ dokumentId: l.brev, versjonsnummer: 1 }, { dokumentId: l.plan }],
      merknader: true,
    };
    const preview = await call('POST', `/api/journalposter/${l.jpId}/ekspeder/forhaandsvisning`, body);
    expect(preview.statusCode).toBe(200);
    const [epost, papir] = preview.json() as { mottakerNavn: string; kanal: string; tekst: string | null; vedlegg: string[]; merknader: string[] }[];
    expect([epost!.mottakerNavn, epost!.kanal, epost!.vedlegg]).toEqual(['Per Hansen', 'epost', ['situasjonsplan.pdf']]);
    expect(epost!.tekst).toContain('Første utkast.');
    expect(epost!.tekst).not.toContain('Endelig tekst.');
    expect(epost!.tekst).toContain('Formell merknad: Nabovarsel er sendt 1. mars');
    expect([papir!.mottakerNavn, papir!.kanal, papir!.vedlegg, papir!.merknader]).toEqual(['Ola Olsen', 'papir', ['brev-v1.txt', 'situasjonsplan.pdf'], ['Formell merknad: Nabovarsel er sendt 1. mars']]);

    const res = await call('POST', `/api/journalposter/${l.jpId}/ekspeder`, body);
    expect(res.statusCode).toBe(200);
    const rows = await ctx.db.selectFrom('utsending').select(['kanal', 'innhold']).where('journalpostId', '=', l.jpId).execute();
    const mail = rows.find((r) => r.kanal === 'epost')!.innhold as { tekst: string; vedlegg: { filnavn: string }[] };
    expect(mail.vedlegg.map((v) => v.filnavn)).toEqual(['situasjonsplan.pdf']);
    expect(mail.tekst).toContain('Første utkast.');

    // The paper bundle printed later is what was chosen: address and merknader, letter v1 (1 page), plan (2 pages); no photograph.
    const pakke = (res.json().utsendinger as { kanal: string; pakke: string | null }[]).find((u) => u.kanal === 'papir')!.pakke!;
    const pdf = await call('GET', pakke);
    expect(pdf.statusCode).toBe(200);
    const sider = await extractText(pdf.rawPayload);
    expect(sider).toHaveLength(4);
    expect(sider[0]!.text).toContain('Nabovarsel er sendt 1. mars');
    expect(sider[1]!.text).toContain('Første utkast.');
    expect(sider.map((s) => s.text).join('\n')).not.toContain('Endelig tekst.');
  });

  it('without merknader chosen, none go; by default every document goes in its newest version', async () => {
    const l = await letter('Tillatelse uten valg');
    const preview = await call('POST', `/api/journalposter/${l.jpId}/ekspeder/forhaandsvisning`, { mottakere: [{ korrespondansepartId: l.per, kanal: 'epost' }, { korrespondansepartId: l.ola, kanal: 'papir' }] });
    expect(preview.statusCode).toBe(200);
    const [epost, papir] = preview.json() as { tekst: string; vedlegg: string[]; merknader: string[] }[];
    expect(epost!.vedlegg).toEqual(['brev-v2.txt', 'situasjonsplan.pdf', 'fotografi.pdf']);
    expect(epost!.tekst).not.toContain('Nabovarsel');
    expect(papir!.merknader).toEqual([]);
  });

  it('refuses a choice without the hoveddokument when e-mailing, a document of another journalpost, a version that is not there; nothing is written', async () => {
    const l = await letter('Tillatelse med feil valg');
    const annen = await letter('Et annet brev');
    const epost = [{ korrespondansepartId: l.per, kanal: 'epost' }];
    const cases: [object, string][] = [
      [{ mottakere: epost, dokumenter: [{ dokumentId: l.plan }] }, '/dokumenter'],
      [{ mottakere: epost, dokumenter: [{ dokumentId: l.brev }, { dokumentId: annen.plan }] }, '/dokumenter/1/dokumentId'],
      [{ mottakere: epost, dokumenter: [{ dokumentId: l.brev, versjonsnummer: 7 }] }, '/dokumenter/0/versjonsnummer'],
    ];
    for (const [body, field] of cases) {
      const res = await call('POST', `/api/journalposter/${l.jpId}/ekspeder`, body);
      expect([res.statusCode, res.headers['content-type'], res.json().code, res.json().errors?.[0]?.field]).toEqual([400, 'application/problem+json; charset=utf-8', 'validation_failed', field]);
    }
    expect((await ctx.db.selectFrom('journalpost').select('journalstatus').where('systemId', '=', l.jpId).executeTakeFirstOrThrow()).journalstatus).toBe('R');
    expect(await ctx.db.selectFrom('utsending').select('systemId').where('journalpostId', '=', l.jpId).execute()).toEqual([]);
    // On paper only, the letter may go without its hoveddokument: what is chosen is printed.
    const papir = await call('POST', `/api/journalposter/${l.jpId}/ekspeder/forhaandsvisning`, { mottakere: [{ korrespondansepartId: l.per, kanal: 'papir' }, { korrespondansepartId: l.ola, kanal: 'papir' }], dokumenter: [{ dokumentId: l.plan }] });
    expect(papir.statusCode).toBe(200);
  });

  it('a recipient without an address gets one where the expedition stopped: saved on the party with historikk, and the expedition goes on', async () => {
    const l = await letter('Tillatelse til adresseløs');
    const body = { mottakere: [{ korrespondansepartId: l.per, kanal: 'epost' }, { korrespondansepartId: l.ola, kanal: 'epost' }] };
    const stopp = await call('POST', `/api/journalposter/${l.jpId}/ekspeder`, body);
    expect([stopp.statusCode, stopp.json().code, stopp.json().mottakere]).toEqual([422, 'recipient_without_address', [{ korrespondansepartId: l.ola, navn: 'Ola Olsen' }]]);

    // Bad input: not an address, a party that is not there.
    expect((await call('PUT', `/api/korrespondanseparter/${l.ola}/epostadresse`, { epostadresse: 'ikke en adresse' })).statusCode).toBe(400);
    expect((await call('PUT', '/api/korrespondanseparter/00000000-0000-4000-8000-000000000000/epostadresse', { epostadresse: 'ola@example.no' })).statusCode).toBe(404);
    // Someone without rights on the journalpost may not.
    const fremmed = await call('PUT', `/api/korrespondanseparter/${l.ola}/epostadresse`, { epostadresse: 'ola@example.no' }, w.fremmed.bruker.brukernavn);
    expect([403, 404]).toContain(fremmed.statusCode);

    const satt = await call('PUT', `/api/korrespondanseparter/${l.ola}/epostadresse`, { epostadresse: 'ola.olsen@example.no' });
    expect(satt.statusCode).toBe(200);
    expect((satt.json().korrespondanseparter as { systemId: string; epostadresse: string | null }[]).find((p) => p.systemId === l.ola)?.epostadresse).toBe('ola.olsen@example.no');
    const hist = (await call('GET', `/api/journalposter/${l.jpId}/historikk`)).json() as { handling: string; data: { korrespondansepart?: { navn: string; epostadresse: { fra: string | null; til: string } } } }[];
    expect(hist.filter((h) => h.handling === 'journalpost_endret').map((h) => h.data.korrespondansepart)).toEqual([
      { korrespondansepartId: l.ola, navn: 'Ola Olsen', korrespondanseparttype: 'EM', epostadresse: { fra: null, til: 'ola.olsen@example.no' } },
    ]);

    // The same request, with the same party ids, now goes through.
    const sendt = await call('POST', `/api/journalposter/${l.jpId}/ekspeder`, body);
    expect(sendt.statusCode).toBe(200);
    expect((sendt.json().utsendinger as { mottakerNavn: string; mottakerEpost: string; kanal: string }[]).map((u) => [u.mottakerNavn, u.kanal, u.mottakerEpost]).sort()).toEqual([
      ['Ola Olsen', 'epost', 'ola.olsen@example.no'],
      ['Per Hansen', 'epost', 'per.hansen@example.no'],
    ]);
  });
});
