import { Readable } from 'node:stream';
import { PDFDocument } from 'pdf-lib';
import { addDokument } from '../dokument/dokument.service';
import type { TestContext } from '../test/context';
import { buildJournalpost, buildSak } from '../test/factories';
import { startTestSmtp, type TestSmtp } from '../test/smtp';
import { drainOutbox, processOutbox } from './outbox.worker';
import { folderSender, smtpSender } from './mail-sender';
import { openWorld, type World } from '../test/world';

/** Manual §10.7 Ekspedere: channel per recipient, e-mail through a transactional outbox to a real SMTP server. */
describe('§10.7 ekspedere', () => {
  let ctx: TestContext;
  let world: World;
  let smtp: TestSmtp;
  const opts = { leaseMs: 60_000, maxAttempts: 3 };
  beforeAll(async () => {
    ({ ctx, w: world } = await openWorld({ MAIL_FROM: 'Fjordvik kommune <postmottak@fjordvik.kommune.example>' }));
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await smtp.close();
    await ctx.close();
  });

  const mottakere = [
    { korrespondanseparttype: 'EM' as const, navn: 'Per Hansen', epostadresse: 'per.hansen@example.no', deresReferanse: 'PH-1' },
    { korrespondanseparttype: 'EM' as const, navn: 'Arkitektkontoret Nord AS', epostadresse: 'post@arkitektnord.example' },
    { korrespondanseparttype: 'EK' as const, navn: 'Nina Nabo', epostadresse: 'nina.nabo@example.no' },
    { korrespondanseparttype: 'EM' as const, navn: 'Ola Olsen', postadresse: 'Fjellveien 2', postnummer: '9000', poststed: 'Fjordvik' },
  ];
  const doc = async (jpId: string, tittel: string, body: string | Buffer, filnavn: string, mimeType: string) => {
    const staged = await ctx.blobs.stage(Readable.from([Buffer.isBuffer(body) ? body : Buffer.from(body)]));
    return addDokument(ctx.db, ctx.blobs, world.sbh, jpId, { tittel }, { staged, filnavn, mimeType });
  };
  const letter = async (title: string) => {
    const sakId = await buildSak(ctx.db, world.sbh, { tittel: `Sak for ${title}` });
    const jpId = await buildJournalpost(ctx.db, world.sbh, sakId, { tittel: title, korrespondanseparter: mottakere });
    await doc(jpId, title, 'Vi viser til søknaden og gir tillatelse.\n\nMed hilsen\nOla Nordmann', 'brev.txt', 'text/plain');
    const pdf = await PDFDocument.create();
    pdf.addPage();
    await doc(jpId, 'Situasjonsplan', Buffer.from(await pdf.save()), 'situasjonsplan.pdf', 'application/pdf');
    return jpId;
  };
  const parts = (jpId: string) => ctx.db.selectFrom('korrespondansepart').select(['systemId', 'navn']).where('journalpostId', '=', jpId).orderBy('rekkefolge').execute();
  const ekspeder = async (jpId: string, body: object) => ctx.app.inject({ method: 'POST', url: `/api/journalposter/${jpId}/ekspeder`, payload: body, headers: await ctx.auth(world.sbh.bruker.brukernavn) });

  it('stops with 422 listing e-mail recipients without address, and changes nothing', async () => {
    const jpId = await letter('Brev uten adresse');
    const ola = (await parts(jpId)).find((p) => p.navn === 'Ola Olsen')!;
    const res = await ekspeder(jpId, { mottakere: [{ korrespondansepartId: ola.systemId, kanal: 'epost' }] });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'recipient_without_address', mottakere: [{ korrespondansepartId: ola.systemId, navn: 'Ola Olsen' }] });
    const jp = await ctx.db.selectFrom('journalpost').select('journalstatus').where('systemId', '=', jpId).executeTakeFirstOrThrow();
    expect(jp.journalstatus).toBe('R');
    expect(await ctx.db.selectFrom('utsending').select('systemId').where('journalpostId', '=', jpId).execute()).toEqual([]);
    expect(await ctx.db.selectFrom('ekspedering').select('systemId').where('journalpostId', '=', jpId).execute()).toEqual([]);
  });

  it('expedites: status E, e-mail recipients through the outbox with the letter as body and vedlegg attached, paper for the one without address', async () => {
    const jpId = await letter('Tillatelse til tilbygg');
    const res = await ekspeder(jpId, { hoveddokumentSom: 'tekst', epostTekst: 'Hei, her kommer vedtaket.' });
    expect(res.statusCode).toBe(200);
    const utsendinger = res.json().utsendinger as { kanal: string; status: string; mottakerNavn: string; messageId: string | null; pakke: string | null }[];
    expect(utsendinger.map((u) => [u.mottakerNavn, u.kanal, u.status]).sort()).toEqual([
      ['Arkitektkontoret Nord AS', 'epost', 'VENTER'],
      ['Nina Nabo', 'epost', 'VENTER'],
      ['Ola Olsen', 'papir', 'REGISTRERT'],
      ['Per Hansen', 'epost', 'VENTER'],
    ]);
    expect((await ctx.db.selectFrom('journalpost').select('journalstatus').where('systemId', '=', jpId).executeTakeFirstOrThrow()).journalstatus).toBe('E');

    const before = smtp.accepted.length;
    await drainOutbox(ctx.db, ctx.blobs, smtpSender(smtp.url), opts);
    const got = smtp.accepted.slice(before);
    expect(got.map((m) => m.rcptTo).flat().sort()).toEqual(['nina.nabo@example.no', 'per.hansen@example.no', 'post@arkitektnord.example']);
    const byParty = new Map((await parts(jpId)).map((p) => [p.navn, p.systemId]));
    for (const m of got) {
      expect(m.parsed.subject).toMatch(/^Tillatelse til tilbygg \(vår ref\. \d{4}\/\d+-1\)$/);
      expect(m.parsed.from?.value[0]?.address).toBe('postmottak@fjordvik.kommune.example');
      expect(m.parsed.text).toContain('Hei, her kommer vedtaket.');
      expect(m.parsed.text).toContain('Vi viser til søknaden og gir tillatelse.');
      expect(m.parsed.attachments.map((a) => a.filename)).toEqual(['situasjonsplan.pdf']);
      const navn = [...byParty.keys()].find((n) => m.parsed.to && JSON.stringify(m.parsed.to).includes(n))!;
      expect(m.parsed.messageId).toBe(`<jp-${jpId}.${byParty.get(navn)}@fjordvik.kommune.example>`);
    }

    // Delivered rows are never sent again.
    await drainOutbox(ctx.db, ctx.blobs, smtpSender(smtp.url), opts);
    expect(smtp.accepted.length - before).toBe(3);

    const rows = await ctx.db.selectFrom('utsending').select(['kanal', 'status', 'forsoek']).where('journalpostId', '=', jpId).execute();
    expect(rows.filter((r) => r.kanal === 'epost').map((r) => [r.status, r.forsoek])).toEqual([['SENDT', 1], ['SENDT', 1], ['SENDT', 1]]);
    const historikk = await ctx.db.selectFrom('historikk').select('handling').where('journalpostId', '=', jpId).orderBy('id').execute();
    expect(historikk.map((h) => h.handling).slice(-5)).toEqual(['journalpost_ekspedert', 'utsending_registrert', 'utsending_levert', 'utsending_levert', 'utsending_levert']);

    const hist = await ctx.app.inject({ method: 'GET', url: `/api/journalposter/${jpId}/historikk`, headers: await ctx.auth(world.sbh.bruker.brukernavn) });
    expect(hist.statusCode).toBe(200);
    expect(hist.json().filter((h: { handling: string; bruker: unknown }) => h.handling === 'utsending_levert' && h.bruker === null)).toHaveLength(3);

    // The paper recipient's printable bundle: address page + letter + plan.
    const pakke = utsendinger.find((u) => u.kanal === 'papir')!.pakke!;
    const pdfRes = await ctx.app.inject({ method: 'GET', url: pakke, headers: await ctx.auth(world.sbh.bruker.brukernavn) });
    expect(pdfRes.statusCode).toBe(200);
    expect(pdfRes.headers['content-type']).toBe('application/pdf');
    expect((await PDFDocument.load(pdfRes.rawPayload)).getPageCount()).toBe(3);
  });

  it('previews the expedition without writing or sending anything', async () => {
    const jpId = await letter('Brev til forhåndsvisning');
    const res = await ctx.app.inject({ method: 'POST', url: `/api/journalposter/${jpId}/ekspeder/forhaandsvisning`, payload: { hoveddokumentSom: 'vedlegg' }, headers: await ctx.auth(world.sbh.bruker.brukernavn) });
    expect(res.statusCode).toBe(200);
    const preview = res.json() as { kanal: string; mottakerNavn: string; emne: string | null; vedlegg: string[] }[];
    expect(preview.map((p) => [p.mottakerNavn, p.kanal])).toEqual([
      ['Per Hansen', 'epost'],
      ['Arkitektkontoret Nord AS', 'epost'],
      ['Nina Nabo', 'epost'],
      ['Ola Olsen', 'papir'],
    ]);
    expect(preview[0]!.vedlegg).toEqual(['brev.txt', 'situasjonsplan.pdf']);
    expect((await ctx.db.selectFrom('journalpost').select('journalstatus').where('systemId', '=', jpId).executeTakeFirstOrThrow()).journalstatus).toBe('R');
    expect(await ctx.db.selectFrom('utsending').select('systemId').where('journalpostId', '=', jpId).execute()).toEqual([]);
    expect(await ctx.db.selectFrom('historikk').select('handling').where('journalpostId', '=', jpId).where('handling', 'in', ['journalpost_ekspedert', 'utsending_registrert']).execute()).toEqual([]);
  });

  it('sends the main document as a PDF attachment when asked', async () => {
    const sakId = await buildSak(ctx.db, world.sbh);
    const jpId = await buildJournalpost(ctx.db, world.sbh, sakId, { tittel: 'Vedtak som vedlegg', korrespondanseparter: [mottakere[0]!] });
    const pdf = await PDFDocument.create();
    pdf.addPage();
    await doc(jpId, 'Vedtak som vedlegg', Buffer.from(await pdf.save()), 'vedtak.pdf', 'application/pdf');
    expect((await ekspeder(jpId, { hoveddokumentSom: 'vedlegg' })).statusCode).toBe(200);
    const before = smtp.accepted.length;
    await drainOutbox(ctx.db, ctx.blobs, smtpSender(smtp.url), opts);
    const [m] = smtp.accepted.slice(before);
    expect(m!.parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([['vedtak.pdf', 'application/pdf']]);
  });

  it('§12.7 a letter removed (feilregistrert) before its e-mail left is not sent; the stop is in historikk', async () => {
    const jpId = await letter('Brev som feilregistreres');
    expect((await ekspeder(jpId, { hoveddokumentSom: 'tekst' })).statusCode).toBe(200);
    const fjern = await ctx.app.inject({ method: 'POST', url: `/api/journalposter/${jpId}/feilregistrer`, headers: await ctx.auth(world.dok.bruker.brukernavn) });
    expect(fjern.statusCode).toBeLessThan(300);
    const before = smtp.accepted.length;
    await drainOutbox(ctx.db, ctx.blobs, smtpSender(smtp.url), opts);
    expect(smtp.accepted.length).toBe(before);
    const epost = await ctx.db.selectFrom('utsending').select(['systemId', 'status', 'sistFeil']).where('journalpostId', '=', jpId).where('kanal', '=', 'epost').execute();
    expect(epost).toHaveLength(3);
    expect(epost.every((u) => u.status === 'FEILET' && /feilregistrert/.test(u.sistFeil ?? ''))).toBe(true);
    const h = await ctx.db.selectFrom('historikk').select('data').where('journalpostId', '=', jpId).where('handling', '=', 'journalpost_feilregistrert').executeTakeFirstOrThrow();
    expect(((h.data as { stoppedeUtsendinger?: string[] }).stoppedeUtsendinger ?? []).sort()).toEqual(epost.map((u) => u.systemId).sort());
  });

  it('retries a temporary SMTP failure and gives up on a permanent one, with historikk', async () => {
    const flaky = await startTestSmtp({ reject: (n) => (n === 1 ? { code: 451, message: 'try again later' } : n === 2 ? null : { code: 550, message: 'no such user' }) });
    try {
      const sakId = await buildSak(ctx.db, world.sbh);
      const jpId = await buildJournalpost(ctx.db, world.sbh, sakId, { tittel: 'Brev med omsending', korrespondanseparter: [mottakere[0]!] });
      await doc(jpId, 'Brev med omsending', 'tekst', 'brev.txt', 'text/plain');
      expect((await ekspeder(jpId, {})).statusCode).toBe(200);
      const sender = smtpSender(flaky.url);
      expect(await processOutbox(ctx.db, ctx.blobs, sender, opts)).toBe(1);
      let row = await ctx.db.selectFrom('utsending').selectAll().where('journalpostId', '=', jpId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'VENTER', forsoek: 1 });
      expect(row.sistFeil).toMatch(/451|try again/);
      // Not due yet: nothing is sent now; at the retry time it goes.
      expect(await processOutbox(ctx.db, ctx.blobs, sender, opts)).toBe(0);
      await processOutbox(ctx.db, ctx.blobs, sender, { ...opts, now: () => new Date(row.nesteForsoek.getTime() + 1000) });
      row = await ctx.db.selectFrom('utsending').selectAll().where('journalpostId', '=', jpId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'SENDT', forsoek: 2 });
      expect(flaky.accepted).toHaveLength(1);

      const jp2 = await buildJournalpost(ctx.db, world.sbh, sakId, { tittel: 'Brev til ukjent', korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Ukjent', epostadresse: 'ukjent@example.no' }] });
      await doc(jp2, 'Brev til ukjent', 'tekst', 'brev.txt', 'text/plain');
      expect((await ekspeder(jp2, {})).statusCode).toBe(200);
      await processOutbox(ctx.db, ctx.blobs, sender, opts);
      const failed = await ctx.db.selectFrom('utsending').selectAll().where('journalpostId', '=', jp2).executeTakeFirstOrThrow();
      expect(failed).toMatchObject({ status: 'FEILET', forsoek: 1 });
      const h = await ctx.db.selectFrom('historikk').select(['handling', 'data']).where('journalpostId', '=', jp2).where('handling', '=', 'utsending_feilet').execute();
      expect(h).toHaveLength(1);
      expect(JSON.stringify(h[0]!.data)).toContain('no such user');
    } finally {
      await flaky.close();
    }
  });

  it('refuses a second expedition (409) and expedition by someone without rights (403)', async () => {
    const jpId = await letter('Brev to ganger');
    expect((await ekspeder(jpId, {})).statusCode).toBe(200);
    expect((await ekspeder(jpId, {})).json().code).toBe('status_conflict');
    const other = await letter('Brev fra andre');
    const res = await ctx.app.inject({ method: 'POST', url: `/api/journalposter/${other}/ekspeder`, payload: {}, headers: await ctx.auth(world.fremmed.bruker.brukernavn) });
    expect(res.statusCode).toBe(403);
  });

  it('§12.2 prints chosen documents as one PDF, §12.3 builds a package for Outlook', async () => {
    const jpId = await letter('Brev for utskrift');
    const view = (await ctx.app.inject({ method: 'GET', url: `/api/journalposter/${jpId}`, headers: await ctx.auth(world.sbh.bruker.brukernavn) })).json();
    const dokumenter = view.dokumenter.map((d: { systemId: string }) => ({ dokumentId: d.systemId }));
    const print = await ctx.app.inject({ method: 'POST', url: '/api/utskrift', payload: { dokumenter }, headers: await ctx.auth(world.sbh.bruker.brukernavn) });
    expect(print.statusCode).toBe(200);
    expect((await PDFDocument.load(print.rawPayload)).getPageCount()).toBe(2);
    const pakke = await ctx.app.inject({ method: 'POST', url: '/api/sendepakke', payload: { dokumenter }, headers: await ctx.auth(world.sbh.bruker.brukernavn) });
    expect(pakke.statusCode).toBe(200);
    expect(pakke.json().vedlegg.map((v: { filnavn: string }) => v.filnavn)).toEqual(['brev.txt', 'situasjonsplan.pdf']);
    // As PDF: the archive variant where there is one, else the original.
    const somPdf = await ctx.app.inject({ method: 'POST', url: '/api/sendepakke', payload: { dokumenter, som: 'pdf' }, headers: await ctx.auth(world.sbh.bruker.brukernavn) });
    expect(somPdf.statusCode).toBe(200);
    expect(somPdf.json().vedlegg.map((v: { filnavn: string }) => v.filnavn)).toEqual(['brev.txt', 'situasjonsplan.pdf']);
    const hidden = await ctx.app.inject({ method: 'POST', url: '/api/utskrift', payload: { dokumenter: [{ dokumentId: '00000000-0000-4000-8000-000000000000' }] }, headers: await ctx.auth(world.sbh.bruker.brukernavn) });
    expect(hidden.statusCode).toBe(404);
  });

  it('in the embedded default writes each message to the outbox folder once, listed at the dev page', async () => {
    const jpId = await letter('Brev til utboksmappen');
    await ekspeder(jpId, {});
    const sender = folderSender(ctx.config.mail.outboxDir);
    await drainOutbox(ctx.db, ctx.blobs, sender, opts);
    const list = await ctx.app.inject({ method: 'GET', url: '/api/dev/utsendt' });
    const files = (list.json() as { fil: string }[]).map((f) => f.fil);
    expect(files.filter((f) => f.startsWith(`jp-${jpId}`))).toHaveLength(3);
    const page = await ctx.app.inject({ method: 'GET', url: '/dev/utsendt' });
    expect(page.body).toContain(`jp-${jpId}`);
  });
  it('§8 the utsendinger of a journalpost whose parties are screened (level 3) hide names and addresses', async () => {
    const sakId = await buildSak(ctx.db, world.sbh, { tittel: 'Sak for skjermet brev' });
    const jpId = await buildJournalpost(ctx.db, world.sbh, sakId, {
      tittel: 'Skjermet brev',
      korrespondanseparter: mottakere,
      skjerming: { tilgangskode: 'U', skjermingsnivaa: 3, skjermingshjemmel: 'Offl. § 13' },
    });
    await doc(jpId, 'Skjermet brev', 'Innhold', 'brev.txt', 'text/plain');
    // The saksbehandler sees through and is shown the recipients.
    const sendt = await ekspeder(jpId, {});
    expect(sendt.statusCode).toBe(200);
    expect(sendt.body).toContain('Per Hansen');
    const list = async (brukernavn: string) => {
      const res = await ctx.app.inject({ method: 'GET', url: `/api/journalposter/${jpId}/utsendinger`, headers: await ctx.auth(brukernavn) });
      expect(res.statusCode).toBe(200);
      return res;
    };
    const fremmed = await list(world.fremmed.bruker.brukernavn);
    expect((fremmed.json() as { mottakerNavn: string; mottakerEpost: string | null }[]).map((u) => [u.mottakerNavn, u.mottakerEpost])).toEqual(mottakere.map(() => ['*****', null]));
    for (const m of mottakere) expect(fremmed.body).not.toContain(m.navn);
    expect(fremmed.body).not.toContain('@example.no');
    const ark = await list(world.ark.bruker.brukernavn);
    expect((ark.json() as { mottakerNavn: string }[]).map((u) => u.mottakerNavn).sort()).toEqual(mottakere.map((m) => m.navn).sort());
  });
});
