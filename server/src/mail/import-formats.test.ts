import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { buildSak } from '../test/factories';
import { pdfaProblems } from '../test/pdfa';
import { compose } from './fixtures/corpus';
import { importHarness, pdfText } from '../test/import-harness';
import { buildTnef } from './fixtures/tnef';

/** Manual §10.3, what the messages are: charsets, forwarded mail, calendar and S/MIME, winmail.dat,
 * Outlook .msg and nested messages, each into the right journalpost and documents. */
describe('§10.3 import e-post: formats', () => {
  const h = importHarness();
  const { post, msg, withMessageId, importOne, view, counts, arkivtekst, vedleggOf } = h;

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
    const { stream } = await h.ctx.blobs.open(a.sjekksum);
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
    const sak = await buildSak(h.ctx.db, h.world.sbh, { tittel: 'Klagesak' });
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
    const mapped = await h.ctx.db.selectFrom('mailImport').select('merknader').where('journalpostId', '=', r.journalpostId).executeTakeFirstOrThrow();
    expect(mapped.merknader).toEqual(r.advarsler);
  });

  it('leaves nothing behind when a message with a winmail.dat fails after unpacking (already imported)', async () => {
    const unik = Buffer.from(`%PDF-1.4 bare i denne testen ${Date.now()}`);
    const data = await compose({
      from: 'Gammel Exchange <gammel@firma.example>', to: 'postmottak@fjordvik.kommune.example', subject: 'Tilbud på snømåking', messageId: '<tnef-igjen@firma.example>',
      text: 'Samme Message-ID, nytt innhold.', attachments: [{ filename: 'winmail.dat', content: buildTnef({ attachments: [{ title: 'Nytt.pdf', data: unik }] }), contentType: 'application/ms-tnef' }],
    });
    expect((await post(`/api/saker/${h.sakId}/import`, { retning: 'mottatt' }, [withMessageId('winmail', 'tnef-igjen@firma.example')])).statusCode).toBe(201);
    const before = await counts();
    const res = await post(`/api/saker/${h.sakId}/import`, { retning: 'mottatt' }, [{ navn: 'igjen', filnavn: 'igjen.eml', data }]);
    expect(res.statusCode).toBe(409);
    expect(await counts()).toEqual(before);
    expect(await h.ctx.blobs.has(createHash('sha256').update(unik).digest('hex'))).toBe(false);
    expect(await readdir(path.join(h.ctx.dataDir, 'blobs', 'tmp'))).toEqual([]);
  });

  it('takes the body from the RTF in winmail.dat when the MIME text part is empty', async () => {
    const res = await importOne('winmail-rtf');
    expect(res.statusCode).toBe(201);
    const jp = await view(res.json().resultater[0].journalpostId);
    expect(jp.dokumenter.map((d: { tittel: string }) => d.tittel)).toEqual(['Referat fra møte', 'Referat']);
    const a = jp.dokumenter[0].versjoner.find((v: { variantformat: string }) => v.variantformat === 'A');
    const chunks: Buffer[] = [];
    for await (const c of (await h.ctx.blobs.open(a.sjekksum)).stream) chunks.push(c as Buffer);
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
    const p = await h.ctx.db.selectFrom('dokumentversjon as v').innerJoin('dokumentbeskrivelse as d', 'd.systemId', 'v.dokumentbeskrivelseId').select(['v.format', 'v.filnavn']).where('d.journalpostId', '=', jp.systemId).where('d.tilknyttetRegistreringSom', '=', 'H').where('v.variantformat', '=', 'P').executeTakeFirstOrThrow();
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
    const alene = await post(`/api/saker/${await buildSak(h.ctx.db, h.world.sbh)}/import`, { retning: 'mottatt' }, [{ navn: 'nestet', filnavn: nestet[2], data: nestet[3] }]);
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
    const res = await post(`/api/saker/${h.sakId}/import`, { retning: 'mottatt' }, [{ navn: 'rart', filnavn: 'rart.eml', data: Buffer.from(raw) }]);
    expect(res.statusCode).toBe(201);
    const id = res.json().resultater[0].journalpostId;
    const versjoner = await h.ctx.db
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
});
