import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { leggTilDager } from '@arkiv/shared';
import { createTestContext, type TestContext } from '../test/context';
import { extractText } from '../test/pdf-text';
import { pdfaProblems } from '../test/pdfa';
import { buildSak, buildWorld } from '../test/factories';
import { multipart } from '../test/multipart';
import { buildCorpus, compose, type CorpusMessage, writeLargeMail } from './fixtures/corpus';
import { buildTnef } from './fixtures/tnef';

/** Manual §10.3: import e-mail from Outlook as journalposter, over HTTP against a real database. */
describe('§10.3 import e-post', () => {
  let ctx: TestContext;
  let world: Awaited<ReturnType<typeof buildWorld>>;
  let corpus: Map<string, CorpusMessage>;
  let sakId: string;
  beforeAll(async () => {
    ctx = await createTestContext();
    world = await buildWorld(ctx.db);
    corpus = new Map((await buildCorpus()).map((m) => [m.navn, m]));
    sakId = await buildSak(ctx.db, world.sbh, { tittel: 'Importsak' });
  });
  afterAll(() => ctx.close());

  const post = async (url: string, fields: Record<string, string>, messages: CorpusMessage[], user = world.sbh.bruker.brukernavn) => {
    const body = multipart(fields, messages.map((m) => ({ filnavn: m.filnavn, data: m.data })));
    return ctx.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, ...(await ctx.auth(user)) } });
  };
  const msg = (navn: string) => {
    const m = corpus.get(navn);
    if (!m) throw new Error(`no corpus message ${navn}`);
    return m;
  };
  /** The same message re-sent with another Message-ID (a new message, as far as dedupe goes). */
  const withMessageId = (navn: string, id: string): CorpusMessage => {
    const m = msg(navn);
    return { ...m, data: Buffer.from(m.data.toString('latin1').replace(/^Message-ID: <[^>]+>/im, `Message-ID: <${id}>`), 'latin1') };
  };
  const importOne = async (navn: string, fields: Record<string, string> = { retning: 'mottatt' }, sak = sakId) => post(`/api/saker/${sak}/import`, fields, [msg(navn)]);
  const view = async (id: string) => (await ctx.app.inject({ method: 'GET', url: `/api/journalposter/${id}`, headers: await ctx.auth(world.sbh.bruker.brukernavn) })).json();
  const counts = async () => {
    const [jp, dok, ver, imp] = await Promise.all(['journalpost', 'dokumentbeskrivelse', 'dokumentversjon', 'mailImport'].map((t) => ctx.db.selectFrom(t as 'journalpost').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()));
    return [jp, dok, ver, imp].map((r) => Number(r!.n));
  };

  it('has a corpus of at least 20 messages', () => {
    expect(corpus.size).toBeGreaterThanOrEqual(20);
  });

  it('imports a received UTF-8 mail as I in status S: sender with their reference, body as hoveddokument with the original and a PDF', async () => {
    const res = await importOne('tekst-utf8');
    expect(res.statusCode).toBe(201);
    const [r] = res.json().resultater;
    expect(res.headers.location).toBe(`/api/journalposter/${r.journalpostId}`);
    const jp = await view(r.journalpostId);
    expect(jp).toMatchObject({ journalposttype: 'I', journalstatus: 'S', tittel: 'Søknad om skjenkebevilling – Kafé Ærlig', dokumentdato: '2026-11-02' });
    expect(jp.korrespondanseparter).toEqual([expect.objectContaining({ korrespondanseparttype: 'EA', navn: 'Anne Berg', epostadresse: 'anne.berg@example.no', deresReferanse: 'AB-2026/77' })]);
    const versjoner = await ctx.db
      .selectFrom('dokumentversjon as v')
      .innerJoin('dokumentbeskrivelse as d', 'd.systemId', 'v.dokumentbeskrivelseId')
      .select(['d.tilknyttetRegistreringSom', 'v.variantformat', 'v.format', 'v.formatDetaljer', 'v.filnavn', 'v.sjekksum'])
      .where('d.journalpostId', '=', r.journalpostId)
      .orderBy('v.variantformat')
      .execute();
    expect(versjoner.map((v) => [v.tilknyttetRegistreringSom, v.variantformat, v.format])).toEqual([
      ['H', 'A', 'application/pdf'],
      ['H', 'P', 'message/rfc822'],
    ]);
    const original = await ctx.blobs.open(versjoner[1]!.sjekksum);
    const chunks: Buffer[] = [];
    for await (const c of original.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(msg('tekst-utf8').data)).toBe(true);
    // The body's archive variant is PDF/A-2b and keeps the Norwegian text as text.
    expect(versjoner[0]!.formatDetaljer).toBe('PDF/A-2b (ISO 19005-2)');
    const pdf = await ctx.blobs.open(versjoner[0]!.sjekksum);
    const pdfChunks: Buffer[] = [];
    for await (const c of pdf.stream) pdfChunks.push(c as Buffer);
    const bytes = Buffer.concat(pdfChunks);
    expect(await pdfaProblems(bytes)).toEqual([]);
    const [side] = await extractText(bytes);
    expect(side!.text).toContain('Søknad om skjenkebevilling – Kafé Ærlig');
    expect(side!.text).toContain('Vi søker om skjenkebevilling for Kafé Ærlig, Storgata 1.');
  });

  it('keeps inline images with the body and makes each real attachment a vedlegg titled by its file name', async () => {
    const res = await importOne('html-inline-bilde');
    expect(res.statusCode).toBe(201);
    const jp = await view(res.json().resultater[0].journalpostId);
    expect(jp.dokumenter.map((d: { tittel: string; tilknyttetRegistreringSom: string }) => [d.tilknyttetRegistreringSom, d.tittel])).toEqual([
      ['H', 'Ferdigattest gnr 12/45'],
      ['V', 'Samsvarserklæring'],
    ]);
    // The inline logo is drawn into the body's archive PDF.
    const a = jp.dokumenter[0].versjoner.find((v: { variantformat: string }) => v.variantformat === 'A');
    const { stream } = await ctx.blobs.open(a.sjekksum);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const pdf = await PDFDocument.load(Buffer.concat(chunks));
    const xobjects = pdf.getPage(0).node.Resources()?.lookup(PDFName.of('XObject'), PDFDict);
    expect(xobjects?.keys().length).toBe(1);
    expect(await pdfaProblems(Buffer.concat(chunks))).toEqual([]);
  });

  it.each([
    ['latin1', 'Søknad om støtte til æresfest', 'Bjørn Ås'],
    ['windows-1252', 'Faktura € 1 250 – “brøyting”', 'Kari Li'],
    ['encoded-words', 'Melding om flytting til Fjordvik – æøå', 'Ørjan Østrøm'],
  ])('decodes charsets: %s', async (navn, tittel, avsender) => {
    const res = await importOne(navn);
    expect(res.statusCode).toBe(201);
    const jp = await view(res.json().resultater[0].journalpostId);
    expect(jp.tittel).toBe(tittel);
    expect(jp.korrespondanseparter[0].navn).toBe(avsender);
  });

  it.each([
    ['videresendt-outlook', 'nina.nabo@example.no', 'Nina Nabo'],
    ['videresendt-kjede', 'hans.horsel@example.no', 'Hans Hørsel'],
    ['videresendt-som-vedlegg', 'per.hansen@example.no', 'Per Hansen'],
  ])('offers the original sender of a forwarded mail (%s)', async (navn, epost, personnavn) => {
    const res = await importOne(navn);
    expect(res.statusCode).toBe(201);
    const [r] = res.json().resultater;
    expect(r.foreslaattAvsender).toEqual({ navn: personnavn, epost });
    const jp = await view(r.journalpostId);
    // The forwarder stays the registered sender until the user takes the suggestion.
    expect(jp.korrespondanseparter[0].epostadresse).not.toBe(epost);
  });

  it('registers the original sender when asked, and keeps an attached message as its own document', async () => {
    const sak = await buildSak(ctx.db, world.sbh, { tittel: 'Klagesak' });
    const res = await post(`/api/saker/${sak}/import`, { retning: 'mottatt', brukOpprinneligAvsender: 'true' }, [withMessageId('videresendt-som-vedlegg', 'vs-vedlegg-2@fjordvik')]);
    expect(res.statusCode).toBe(201);
    const jp = await view(res.json().resultater[0].journalpostId);
    expect(jp.korrespondanseparter[0]).toMatchObject({ navn: 'Per Hansen', epostadresse: 'per.hansen@example.no' });
    expect(jp.dokumenter.map((d: { tittel: string }) => d.tittel)).toEqual(['Klage på vedtak om byggetillatelse', 'Klage på vedtak']);
    // The attached message has an archive variant of its own: its headers, text and attachment names.
    const tekst = await arkivtekst(jp.systemId, 2);
    expect(tekst).toContain('Per Hansen <per.hansen@example.no>');
    expect(tekst).toContain('Jeg klager på vedtaket av 20. oktober.');
    expect(tekst).toContain('Klage signert.pdf');
  });

  it('refuses a second import of the same message with 409 and a link to the first, and writes nothing', async () => {
    const first = await importOne('svar-med-referanse');
    expect(first.statusCode).toBe(201);
    const before = await counts();
    const again = await importOne('svar-med-referanse', { retning: 'mottatt' }, await buildSak(ctx.db, world.sbh));
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json()).toMatchObject({ code: 'already_imported', existing: `/api/journalposter/${first.json().resultater[0].journalpostId}` });
    expect(await counts()).toEqual([before[0], before[1], before[2], before[3]]);
  });

  it('tells whether a message is already imported, by its Message-ID as Outlook gives it, to any user', async () => {
    const first = await post(`/api/saker/${sakId}/import`, { retning: 'mottatt' }, [withMessageId('tekst-utf8', 'Kjent-Melding@Example.no')]);
    const jpId = first.json().resultater[0].journalpostId;
    const ask = async (messageId: string, user = world.sbh2.bruker.brukernavn) =>
      ctx.app.inject({ method: 'GET', url: `/api/import/melding?messageId=${encodeURIComponent(messageId)}`, headers: await ctx.auth(user) });
    const res = await ask('<kjent-melding@example.no>');
    expect(res.statusCode).toBe(200);
    expect(res.json().journalpost).toMatchObject({ systemId: jpId, registreringsId: expect.stringMatching(/^\d{4}\/\d+-\d+$/) });
    expect((await ask('<aldri-sett@example.no>')).json()).toEqual({ journalpost: null });
    expect((await ctx.app.inject({ method: 'GET', url: '/api/import/melding', headers: await ctx.auth(world.sbh.bruker.brukernavn) })).statusCode).toBe(400);
  });

  it('lets exactly one of two concurrent imports of the same message win', async () => {
    const m = withMessageId('tekst-utf8', 'samtidig@example.no');
    const [a, b] = await Promise.all([post(`/api/saker/${sakId}/import`, { retning: 'mottatt' }, [m]), post(`/api/saker/${await buildSak(ctx.db, world.sbh)}/import`, { retning: 'mottatt' }, [m])]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const rows = await ctx.db.selectFrom('mailImport').select('journalpostId').where('messageId', '=', 'samtidig@example.no').execute();
    expect(rows).toHaveLength(1);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().existing).toBe(`/api/journalposter/${rows[0]!.journalpostId}`);
  });

  it('dedupes a message without Message-ID by its content hash', async () => {
    expect((await importOne('uten-message-id')).statusCode).toBe(201);
    const again = await importOne('uten-message-id');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_imported');
  });

  it('stores a calendar invitation and an S/MIME-signed mail with a warning each', async () => {
    for (const [navn, advarsel] of [
      ['kalender', /kalenderinvitasjon/],
      ['smime-signert', /S\/MIME.*ikke kontrollert/],
    ] as const) {
      const res = await importOne(navn);
      expect(res.statusCode).toBe(201);
      const [r] = res.json().resultater;
      expect(r.advarsler.join(' ')).toMatch(advarsel);
      const jp = await view(r.journalpostId);
      if (navn === 'smime-signert') expect(jp.dokumenter).toHaveLength(1);
    }
  });

  /** The P versions of a journalpost's vedlegg: [tittel, format, filnavn, content]. */
  /** The archive variant (A) of the journalpost's document `nr`: PDF/A-checked, as text. */
  const arkivtekst = async (journalpostId: string, nr: number) => {
    const v = await ctx.db
      .selectFrom('dokumentversjon as v')
      .innerJoin('dokumentbeskrivelse as d', 'd.systemId', 'v.dokumentbeskrivelseId')
      .select(['v.sjekksum', 'v.formatDetaljer'])
      .where('d.journalpostId', '=', journalpostId)
      .where('d.dokumentnummer', '=', nr)
      .where('v.variantformat', '=', 'A')
      .executeTakeFirstOrThrow();
    expect(v.formatDetaljer).toBe('PDF/A-2b (ISO 19005-2)');
    const chunks: Buffer[] = [];
    for await (const c of (await ctx.blobs.open(v.sjekksum)).stream) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    expect(await pdfaProblems(bytes)).toEqual([]);
    return pdfText(bytes);
  };
  const vedleggOf = async (journalpostId: string) => {
    const rows = await ctx.db
      .selectFrom('dokumentversjon as v')
      .innerJoin('dokumentbeskrivelse as d', 'd.systemId', 'v.dokumentbeskrivelseId')
      .select(['d.tittel', 'v.format', 'v.filnavn', 'v.sjekksum'])
      .where('d.journalpostId', '=', journalpostId)
      .where('d.tilknyttetRegistreringSom', '=', 'V')
      .where('v.variantformat', '=', 'P')
      .orderBy('d.dokumentnummer')
      .execute();
    return Promise.all(
      rows.map(async (r) => {
        const chunks: Buffer[] = [];
        for await (const c of (await ctx.blobs.open(r.sjekksum)).stream) chunks.push(c as Buffer);
        return [r.tittel, r.format, r.filnavn, Buffer.concat(chunks)] as const;
      }),
    );
  };

  it('unpacks a winmail.dat (TNEF): its files become vedlegg under their real names, the original mail keeps it', async () => {
    const res = await importOne('winmail');
    expect(res.statusCode).toBe(201);
    const [r] = res.json().resultater;
    expect(r.advarsler).toEqual([expect.stringMatching(/winmail\.dat.*pakket ut til 2 vedlegg/)]);
    const jp = await view(r.journalpostId);
    expect(jp.dokumenter.map((d: { tilknyttetRegistreringSom: string; tittel: string }) => [d.tilknyttetRegistreringSom, d.tittel])).toEqual([
      ['H', 'Tilbud på snømåking'],
      ['V', 'Tilbud snømåking 2026'],
      ['V', 'Kontrakt æøå'],
    ]);
    const vedlegg = await vedleggOf(r.journalpostId);
    expect(vedlegg.map(([, format, filnavn]) => [format, filnavn])).toEqual([
      ['application/pdf', 'Tilbud snømåking 2026.pdf'],
      ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Kontrakt æøå.docx'],
    ]);
    expect(vedlegg[0]![3].toString('latin1')).toMatch(/^%PDF-1\.4[\s\S]*% tilbud/);
    expect(vedlegg[1]![3].toString('latin1')).toBe('PK\u0003\u0004word/document.xml');
    // The original message, winmail.dat included, is the hoveddokument's production format.
    const original = jp.dokumenter[0].versjoner.find((v: { variantformat: string }) => v.variantformat === 'P');
    expect(original.sjekksum).toBe(createHash('sha256').update(msg('winmail').data).digest('hex'));
  });

  it('keeps a damaged winmail.dat as an opaque vedlegg with a warning, and imports the rest', async () => {
    const res = await importOne('winmail-skadet');
    expect(res.statusCode).toBe(201);
    const [r] = res.json().resultater;
    expect(r.advarsler).toEqual([expect.stringMatching(/winmail\.dat.*kan ikke pakkes ut: feil sjekksum.*lagret som vedlegg/)]);
    const vedlegg = await vedleggOf(r.journalpostId);
    expect(vedlegg.map(([tittel, format, filnavn]) => [tittel, format, filnavn])).toEqual([['winmail', 'application/ms-tnef', 'winmail.dat']]);
    const mapped = await ctx.db.selectFrom('mailImport').select('merknader').where('journalpostId', '=', r.journalpostId).executeTakeFirstOrThrow();
    expect(mapped.merknader).toEqual(r.advarsler);
  });

  it('leaves nothing behind when a message with a winmail.dat fails after unpacking (already imported)', async () => {
    const unik = Buffer.from(`%PDF-1.4 bare i denne testen ${Date.now()}`);
    const data = await compose({
      from: 'Gammel Exchange <gammel@firma.example>', to: 'postmottak@fjordvik.kommune.example', subject: 'Tilbud på snømåking', messageId: '<tnef-igjen@firma.example>',
      text: 'Samme Message-ID, nytt innhold.', attachments: [{ filename: 'winmail.dat', content: buildTnef({ attachments: [{ title: 'Nytt.pdf', data: unik }] }), contentType: 'application/ms-tnef' }],
    });
    expect((await post(`/api/saker/${sakId}/import`, { retning: 'mottatt' }, [withMessageId('winmail', 'tnef-igjen@firma.example')])).statusCode).toBe(201);
    const before = await counts();
    const res = await post(`/api/saker/${sakId}/import`, { retning: 'mottatt' }, [{ navn: 'igjen', filnavn: 'igjen.eml', data }]);
    expect(res.statusCode).toBe(409);
    expect(await counts()).toEqual(before);
    expect(await ctx.blobs.has(createHash('sha256').update(unik).digest('hex'))).toBe(false);
    expect(await readdir(path.join(ctx.dataDir, 'blobs', 'tmp'))).toEqual([]);
  });

  it('takes the body from the RTF in winmail.dat when the MIME text part is empty', async () => {
    const res = await importOne('winmail-rtf');
    expect(res.statusCode).toBe(201);
    const jp = await view(res.json().resultater[0].journalpostId);
    expect(jp.dokumenter.map((d: { tittel: string }) => d.tittel)).toEqual(['Referat fra møte', 'Referat']);
    const a = jp.dokumenter[0].versjoner.find((v: { variantformat: string }) => v.variantformat === 'A');
    const chunks: Buffer[] = [];
    for await (const c of (await ctx.blobs.open(a.sjekksum)).stream) chunks.push(c as Buffer);
    expect(await pdfText(Buffer.concat(chunks))).toMatch(/Referat fra møtet i planåret\s+Vedtak: godkjent\./);
  });

  it('cleans attachment names: no path, unique titles, a name for a nameless file', async () => {
    const res = await importOne('rare-filnavn');
    const jp = await view(res.json().resultater[0].journalpostId);
    expect(jp.dokumenter.map((d: { tittel: string }) => d.tittel)).toEqual(['Dokumentasjon', 'Skattemelding 2025', 'bilde', 'bilde (2)', expect.stringMatching(/^attachment/)]);
  });

  it('imports an Outlook .msg with recipients and attachment', async () => {
    const res = await importOne('outlook-msg');
    expect(res.statusCode).toBe(201);
    const jp = await view(res.json().resultater[0].journalpostId);
    expect(jp).toMatchObject({ tittel: 'Søknad om permisjon', journalposttype: 'I' });
    expect(jp.korrespondanseparter[0]).toMatchObject({ navn: 'Ola Olsen', epostadresse: 'ola.olsen@example.no' });
    expect(jp.dokumenter.map((d: { tittel: string }) => d.tittel)).toEqual(['Søknad om permisjon', 'Legeerklæring']);
    const p = await ctx.db.selectFrom('dokumentversjon as v').innerJoin('dokumentbeskrivelse as d', 'd.systemId', 'v.dokumentbeskrivelseId').select(['v.format', 'v.filnavn']).where('d.journalpostId', '=', jp.systemId).where('d.tilknyttetRegistreringSom', '=', 'H').where('v.variantformat', '=', 'P').executeTakeFirstOrThrow();
    expect(p).toEqual({ format: 'application/vnd.ms-outlook', filnavn: 'Søknad om permisjon.msg' });
  });

  it('keeps an Outlook message attached to a .msg as its own document, with its own attachment inside, and offers its sender', async () => {
    const res = await importOne('outlook-msg-nestet');
    expect(res.statusCode).toBe(201);
    const [r] = res.json().resultater;
    expect(r.foreslaattAvsender).toEqual({ navn: 'Gro Gebyr', epost: 'gro.gebyr@example.no' });
    const jp = await view(r.journalpostId);
    expect(jp.dokumenter.map((d: { tilknyttetRegistreringSom: string; tittel: string }) => [d.tilknyttetRegistreringSom, d.tittel])).toEqual([
      ['H', 'Klage på gebyr'],
      ['V', 'Klage på gebyr (2)'],
      ['V', 'Kvittering'],
    ]);
    // The nested Outlook message has an archive variant of its own.
    const tekst = await arkivtekst(r.journalpostId, 2);
    expect(tekst).toContain('Gro Gebyr <gro.gebyr@example.no>');
    expect(tekst).toContain('Jeg klager på gebyret for byggesaken.');
    const nestet = (await vedleggOf(r.journalpostId))[0]!;
    expect(nestet.slice(1, 3)).toEqual(['application/vnd.ms-outlook', 'Klage på gebyr.msg']);
    // The stored nested message is a whole Outlook message: importing it on its own gives its sender and its attachment.
    const alene = await post(`/api/saker/${await buildSak(ctx.db, world.sbh)}/import`, { retning: 'mottatt' }, [{ navn: 'nestet', filnavn: nestet[2], data: nestet[3] }]);
    expect(alene.statusCode).toBe(201);
    const jp2 = await view(alene.json().resultater[0].journalpostId);
    expect(jp2.korrespondanseparter[0]).toMatchObject({ navn: 'Gro Gebyr', epostadresse: 'gro.gebyr@example.no' });
    expect(jp2.dokumenter.map((d: { tittel: string }) => d.tittel)).toEqual(['Klage på gebyr', 'Faktura 2026-114']);
  });

  it('keeps an unreadable attached message as its original only, and imports the rest', async () => {
    const raw = [
      'From: Kari Li <kari.li@example.no>',
      'To: postmottak@fjordvik.kommune.example',
      'Subject: VS: noe rart',
      'Message-ID: <rart-nestet@example.no>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Se vedlagt melding.',
      '--b',
      'Content-Type: message/rfc822; name="rart.eml"',
      'Content-Disposition: attachment; filename="rart.eml"',
      '',
      'Dette er ikke en e-post, bare tekst uten hoder.',
      '--b--',
      '',
    ].join('\r\n');
    const res = await post(`/api/saker/${sakId}/import`, { retning: 'mottatt' }, [{ navn: 'rart', filnavn: 'rart.eml', data: Buffer.from(raw) }]);
    expect(res.statusCode).toBe(201);
    const id = res.json().resultater[0].journalpostId;
    const versjoner = await ctx.db
      .selectFrom('dokumentversjon as v')
      .innerJoin('dokumentbeskrivelse as d', 'd.systemId', 'v.dokumentbeskrivelseId')
      .select(['d.dokumentnummer', 'v.variantformat'])
      .where('d.journalpostId', '=', id)
      .orderBy('d.dokumentnummer')
      .orderBy('v.variantformat')
      .execute();
    expect(versjoner.map((v) => [v.dokumentnummer, v.variantformat])).toEqual([
      [1, 'A'],
      [1, 'P'],
      [2, 'P'],
    ]);
  });

  it('treats an Outlook .msg attached to an .eml as a nested message too', async () => {
    const res = await importOne('eml-med-msg');
    expect(res.statusCode).toBe(201);
    const [r] = res.json().resultater;
    expect(r.foreslaattAvsender).toEqual({ navn: 'Gro Gebyr', epost: 'gro.gebyr@example.no' });
    const vedlegg = await vedleggOf(r.journalpostId);
    expect(vedlegg.map(([tittel, format, filnavn]) => [tittel, format, filnavn])).toEqual([['Klage på gebyr', 'application/vnd.ms-outlook', 'Klage på gebyr.msg']]);
    expect(await arkivtekst(r.journalpostId, 2)).toContain('Jeg klager på gebyret for byggesaken.');
  });

  it('reads an Outlook .msg that has only an HTML body', async () => {
    const res = await importOne('outlook-msg-html');
    expect(res.statusCode).toBe(201);
    const jp = await view(res.json().resultater[0].journalpostId);
    expect(jp).toMatchObject({ tittel: 'Innkalling til foreldremøte' });
    expect(jp.korrespondanseparter[0]).toMatchObject({ navn: 'Fjordvik skole', epostadresse: 'post@fjordvikskole.example' });
  });

  it('imports a sent mail as U, expedited with channel "e-post, sendt fra Outlook", To as mottakere and Cc as kopimottakere', async () => {
    const res = await importOne('sendt', { retning: 'sendt' });
    expect(res.statusCode).toBe(201);
    const jp = await view(res.json().resultater[0].journalpostId);
    expect(jp).toMatchObject({ journalposttype: 'U', journalstatus: 'E' });
    expect(jp.korrespondanseparter.map((k: { korrespondanseparttype: string; epostadresse: string }) => [k.korrespondanseparttype, k.epostadresse])).toEqual([
      ['EM', 'per.hansen@example.no'],
      ['EM', 'post@arkitektnord.example'],
      ['EK', 'nina.nabo@example.no'],
    ]);
    const utsending = await ctx.db.selectFrom('utsending').select(['kanal', 'kanalBeskrivelse', 'status']).where('journalpostId', '=', jp.systemId).execute();
    expect(utsending).toHaveLength(3);
    expect(new Set(utsending.map((u) => `${u.kanal}|${u.kanalBeskrivelse}|${u.status}`))).toEqual(new Set(['annen|e-post, sendt fra Outlook|REGISTRERT']));
    const historikk = await ctx.db.selectFrom('historikk').select('handling').where('journalpostId', '=', jp.systemId).orderBy('id').execute();
    expect(historikk.map((h) => h.handling)).toEqual(['journalpost_opprettet', 'epost_importert', 'journalpost_ekspedert', 'utsending_registrert']);
    // Through the one expedition step: channel per recipient in ekspedering, nothing queued for sending.
    const kanaler = await ctx.db.selectFrom('ekspedering').select(['mottakerNavn', 'kanal']).where('journalpostId', '=', jp.systemId).execute();
    expect(kanaler.map((k) => k.kanal)).toEqual(['annen', 'annen', 'annen']);
    expect(await ctx.db.selectFrom('utsending').select('systemId').where('journalpostId', '=', jp.systemId).where('status', '=', 'VENTER').execute()).toEqual([]);
  });

  it('gives imported incoming mail the configured default forfallsdato for its dokumenttype (§10.3 then check forfallsdato)', async () => {
    const dager = ctx.config.forfallsdager.I;
    expect(dager).toBeGreaterThan(0);
    const res = await post(`/api/saker/${sakId}/import`, { retning: 'mottatt' }, [withMessageId('tekst-utf8', 'forfall-default@fjordvik')]);
    expect(res.statusCode).toBe(201);
    const jp = await view(res.json().resultater[0].journalpostId);
    expect(jp.forfallsdato).toBe(leggTilDager(jp.journaldato, dager!));
    // An explicit forfallsdato still wins.
    const egen = await post(`/api/saker/${sakId}/import`, { retning: 'mottatt', forfallsdato: '2027-01-15' }, [withMessageId('tekst-utf8', 'forfall-egen@fjordvik')]);
    expect((await view(egen.json().resultater[0].journalpostId)).forfallsdato).toBe('2027-01-15');
  });

  it('applies the overrides: dokumenttype X, title, forfallsdato, skjerming', async () => {
    const res = await importOne('quoted-printable-lang', { retning: 'sendt', journalposttype: 'X', tittel: 'Nyhetsbrev KS november', forfallsdato: '2026-12-01', tilgangskode: 'U', skjermingsnivaa: '1', skjermingshjemmel: 'Offl. § 13' });
    expect(res.statusCode).toBe(201);
    const jp = await view(res.json().resultater[0].journalpostId);
    expect(jp).toMatchObject({ journalposttype: 'X', tittel: 'Nyhetsbrev KS november', forfallsdato: '2026-12-01', journalstatus: 'E' });
    expect(jp.skjerming).toMatchObject({ tilgangskode: 'U', skjermingsnivaa: 1 });
  });

  it('takes corrected attachment titles and title line 2 from the form, also for a sent mail that is expedited at once', async () => {
    const sak = await buildSak(ctx.db, world.sbh, { tittel: 'Vedleggstitler' });
    const fields = { retning: 'sendt', tittel2: 'Olsen Bygg AS', vedleggTitler: JSON.stringify({ 'Samsvarserklæring.pdf': 'Samsvarserklæring ansvarlig utførende' }) };
    const res = await post(`/api/saker/${sak}/import`, fields, [withMessageId('html-inline-bilde', 'vedleggstitler@olsenbygg.example.no')]);
    expect(res.statusCode).toBe(201);
    const jp = await view(res.json().resultater[0].journalpostId);
    expect([jp.journalstatus, jp.tittel2]).toEqual(['E', 'Olsen Bygg AS']);
    expect(jp.dokumenter.map((d: { tittel: string }) => d.tittel)).toEqual(['Ferdigattest gnr 12/45', 'Samsvarserklæring ansvarlig utførende']);
    const [h] = await ctx.db.selectFrom('historikk').select('data').where('journalpostId', '=', jp.systemId).where('handling', '=', 'epost_importert').execute();
    expect((h!.data as { vedlegg: string[] }).vedlegg).toEqual(['Samsvarserklæring ansvarlig utførende']);
  });

  it.each([
    ['not json', '/vedleggTitler'],
    ['["a"]', '/vedleggTitler'],
    ['{"a.pdf": ""}', '/vedleggTitler/a.pdf'],
    ['{"a.pdf": 7}', '/vedleggTitler/a.pdf'],
  ])('refuses vedleggTitler %s with 400 naming the field, and writes nothing', async (raw, field) => {
    const before = await counts();
    const res = await importOne('tekst-utf8', { retning: 'mottatt', vedleggTitler: raw });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field }] });
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['smime-kryptert', /kryptert/],
    ['ugyldig-binaer', /ikke en e-post/],
    ['tom', /tom/],
    ['uten-avsender', /avsender/],
    ['falsk-msg', /ikke en Outlook-melding/],
  ])('refuses %s with 422 mail_unreadable and writes nothing', async (navn, detail) => {
    const before = await counts();
    const res = await importOne(navn);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'mail_unreadable', detail: expect.stringMatching(detail) });
    expect(await counts()).toEqual(before);
  });

  it('imports several messages into a new sak in one request with one result each; bad ones leave nothing', async () => {
    const before = await counts();
    const res = await post('/api/import', { retning: 'mottatt', sakTittel: 'Samlesak for innbyggerhenvendelser', sakstype: 'GS' }, [msg('tom'), msg('ugyldig-binaer'), withMessageId('tekst-utf8', 'batch-1@example.no'), msg('outlook-msg'), withMessageId('latin1', 'batch-2@example.no')]);
    expect(res.statusCode).toBe(200);
    const r = res.json().resultater;
    expect(r.map((x: { status: number }) => x.status)).toEqual([422, 422, 201, 409, 201]);
    expect(r[3].problem).toMatchObject({ code: 'already_imported', existing: expect.stringMatching(/^\/api\/journalposter\//) });
    expect(r[2].sakId).toBe(r[4].sakId);
    const sak = await ctx.db.selectFrom('sak').select(['tittel', 'sakstype']).where('systemId', '=', r[2].sakId).executeTakeFirstOrThrow();
    expect(sak).toEqual({ tittel: 'Samlesak for innbyggerhenvendelser', sakstype: 'GS' });
    const after = await counts();
    expect(after[0]! - before[0]!).toBe(2);
    expect(after[3]! - before[3]!).toBe(2);
  });

  it('creates no sak when every message of a new-sak import fails', async () => {
    const saker = await ctx.db.selectFrom('sak').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const res = await post('/api/import', { retning: 'mottatt', sakTittel: 'Skal ikke finnes', sakstype: 'GS' }, [msg('tom'), msg('uten-avsender')]);
    expect(res.json().resultater.map((x: { status: number }) => x.status)).toEqual([422, 422]);
    const after = await ctx.db.selectFrom('sak').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(saker.n);
  });

  it('offers the saker the user worked in last as import targets', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/import/siste-saker', headers: await ctx.auth(world.sbh.bruker.brukernavn) });
    expect(res.statusCode).toBe(200);
    const saker = res.json() as { systemId: string; tittel: string }[];
    expect(saker[0]!.tittel).toBe('Samlesak for innbyggerhenvendelser');
    expect(saker.map((s) => s.systemId)).toContain(sakId);
  });

  it('validates the form: direction required, sakstype required for a new sak, files required', async () => {
    expect((await importOne('tekst-utf8', {})).json()).toMatchObject({ code: 'validation_failed', errors: [{ field: '/retning' }] });
    expect((await post('/api/import', { retning: 'mottatt', sakTittel: 'X' }, [msg('tekst-utf8')])).json()).toMatchObject({ code: 'validation_failed', errors: [{ field: '/sakstype' }] });
    expect((await post(`/api/saker/${sakId}/import`, { retning: 'mottatt' }, [])).json()).toMatchObject({ code: 'validation_failed', errors: [{ field: '/fil' }] });
  });

  it('refuses import into a sak the user may not add to (403) and leaves nothing', async () => {
    const before = await counts();
    const res = await post(`/api/saker/${sakId}/import`, { retning: 'mottatt' }, [withMessageId('encoded-words', 'fremmed@example.no')], world.fremmed.bruker.brukernavn);
    expect(res.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('imports a mail with a 25 MB attachment, streamed to the blob store, with the attachment intact', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'arkiv-stor-'));
    try {
      const file = path.join(dir, 'stor.eml');
      await writeLargeMail(file, 25 * 1024 * 1024);
      const res = await post(`/api/saker/${sakId}/import`, { retning: 'mottatt' }, [{ navn: 'stor', filnavn: 'stor.eml', data: await readFile(file) }]);
      expect(res.statusCode).toBe(201);
      const jp = await view(res.json().resultater[0].journalpostId);
      expect(jp.dokumenter.map((d: { tittel: string }) => d.tittel)).toEqual(['Ortofoto Sjøfronten (stor fil)', 'ortofoto']);
      const v = await ctx.db.selectFrom('dokumentversjon as v').innerJoin('dokumentbeskrivelse as d', 'd.systemId', 'v.dokumentbeskrivelseId').select(['v.filstoerrelse', 'v.format']).where('d.journalpostId', '=', jp.systemId).where('d.tilknyttetRegistreringSom', '=', 'V').executeTakeFirstOrThrow();
      expect(Number(v.filstoerrelse)).toBe(25 * 1024 * 1024);
      expect(v.format).toBe('image/tiff');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** The text of a stored PDF as a reader gets it (through the fonts' ToUnicode maps). */
async function pdfText(bytes: Buffer): Promise<string> {
  return (await extractText(bytes)).map((p) => p.text).join('\n');
}
