import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { pdfaProblems } from '../test/pdfa';
import { importHarness } from '../test/import-harness';
import { buildMsg, compose, type CorpusMessage, type MsgSpec } from './fixtures/corpus';
import { buildTnef } from './fixtures/tnef';

/**
 * Manual §10.3 with mail as it arrives from the world, not as a careful mailer writes it: raw
 * 8-bit headers, broken dates, other kinds of attached messages, Apple Watch and GIF parts,
 * Outlook items that are not mail, Exchange-internal senders, reused Message-IDs, a byte order
 * mark, NUL characters. Every message is built here (hand-written bytes, MailComposer, the
 * .msg and TNEF writers in fixtures/).
 */
describe('§10.3 import e-post: mail from the real world', () => {
  const h = importHarness();
  const { post, view, counts, arkivtekst, vedleggOf } = h;

  /** A message written byte by byte: each character of a line is one byte (use utf8() for UTF-8 bytes). */
  const bytes = (...lines: string[]) => Buffer.from(lines.join('\r\n'), 'latin1');
  /** The UTF-8 bytes of a text, as one character per byte. */
  const utf8 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
  const message = (navn: string, data: Buffer, filnavn = `${navn}.eml`): CorpusMessage => ({ navn, filnavn, data });
  const send = (m: CorpusMessage, fields: Record<string, string> = { retning: 'mottatt' }) => post(`/api/saker/${h.sakId}/import`, fields, [m]);
  const imported = async (m: CorpusMessage) => {
    const res = await send(m);
    expect(res.statusCode).toBe(201);
    const [r] = res.json().resultater;
    return { r, jp: await view(r.journalpostId) };
  };
  const titler = (jp: { dokumenter: { tittel: string }[] }) => jp.dokumenter.map((d) => d.tittel);
  const msgFrom = (spec: Partial<MsgSpec> & Pick<MsgSpec, 'subject' | 'messageId'>): Buffer =>
    buildMsg({ senderName: 'Ola Olsen', senderEmail: 'ola.olsen@example.no', body: 'Tekst.', recipients: [{ name: 'Postmottak', email: 'postmottak@fjordvik.kommune.example', type: 1 }], attachments: [], ...spec });

  describe('raw 8-bit headers are read as mail clients read them', () => {
    it('reads unencoded UTF-8 in subject, sender and attachment name as UTF-8', async () => {
      const { jp } = await imported(
        message(
          'raw-utf8',
          bytes(
            `From: ${utf8('Åse Ødegård')} <ase@example.no>`,
            'To: postmottak@fjordvik.kommune.example',
            `Subject: ${utf8('Søknad om støtte – Карта')}`,
            'Message-ID: <raw-utf8@example.no>',
            'MIME-Version: 1.0',
            'Content-Type: multipart/mixed; boundary="b"',
            '',
            '--b',
            'Content-Type: text/plain; charset=utf-8',
            '',
            'Se vedlegg.',
            '--b',
            'Content-Type: application/pdf',
            `Content-Disposition: attachment; filename="${utf8('Søknad – vedlegg.pdf')}"`,
            '',
            '%PDF-1.4',
            '--b--',
            '',
          ),
        ),
      );
      expect(jp.tittel).toBe('Søknad om støtte – Карта');
      expect(jp.korrespondanseparter[0].navn).toBe('Åse Ødegård');
      expect(titler(jp)).toEqual(['Søknad om støtte – Карта', 'Søknad – vedlegg']);
    });

    it('reads raw ISO-8859-1 in the declared charset of the message, not as U+FFFD', async () => {
      const { jp } = await imported(
        message(
          'raw-latin1',
          bytes(
            'From: Bj\xf8rn \xc6s\xf8y <bjorn@example.no>',
            'To: postmottak@fjordvik.kommune.example',
            'Subject: Forma\xe7\xe3o p\xe5 \xc5s',
            'Message-ID: <raw-latin1@example.no>',
            'MIME-Version: 1.0',
            'Content-Type: text/plain; charset=ISO-8859-1',
            'Content-Transfer-Encoding: 8bit',
            '',
            'Hei p\xe5 deg.',
            '',
          ),
        ),
      );
      expect(jp.tittel).toBe('Formação på Ås');
      expect(jp.korrespondanseparter[0].navn).toBe('Bjørn Æsøy');
    });

    it('reads a raw attachment name in its part’s charset, and undeclared 8-bit as Windows-1252', async () => {
      const { jp } = await imported(
        message(
          'raw-cp1251',
          bytes(
            'From: Kari Li <kari.li@example.no>',
            'To: postmottak@fjordvik.kommune.example',
            'Subject: Pris \x80 100 \x96 tilbud',
            'Message-ID: <raw-cp1251@example.no>',
            'MIME-Version: 1.0',
            'Content-Type: multipart/mixed; boundary="b"',
            '',
            '--b',
            'Content-Type: text/plain; charset=utf-8',
            '',
            'Kart vedlagt.',
            '--b',
            'Content-Type: text/plain; charset=windows-1251',
            'Content-Disposition: attachment; filename="\xca\xe0\xf0\xf2\xe0.txt"',
            '',
            '\xca\xe0\xf0\xf2\xe0',
            '--b--',
            '',
          ),
        ),
      );
      expect(jp.tittel).toBe('Pris € 100 – tilbud');
      expect(titler(jp)).toEqual(['Pris € 100 – tilbud', 'Карта']);
      expect((await vedleggOf(jp.systemId))[0]![2]).toBe('Карта.txt');
    });
  });

  it('leaves the dokumentdato unknown when the Date header cannot be read, and says so in the archive PDF', async () => {
    const { jp } = await imported(
      message(
        'ugyldig-dato',
        bytes('From: Per Hansen <per.hansen@example.no>', 'To: postmottak@fjordvik.kommune.example', 'Subject: Uten gyldig dato', 'Date: en gang i forrige uke', 'Message-ID: <ugyldig-dato@example.no>', '', 'Tekst.', ''),
      ),
    );
    expect(jp.dokumentdato).toBeNull();
    expect(await arkivtekst(jp.systemId, 1)).toMatch(/Dato:\s*\(ukjent\)/);
  });

  it.each([
    ['message/global', []],
    ['message/news', ['Newsgroups: no.kommune.fjordvik']],
  ])('keeps a forwarded %s part as an attached message: its own archive variant and its sender offered', async (type, extraHeaders) => {
    const inner = [
      `From: ${utf8('Åsmund Ørn')} <asmund.orn@example.no>`,
      'To: postmottak@fjordvik.kommune.example',
      `Subject: ${utf8('Klage på støy')}`,
      'Date: Mon, 02 Nov 2026 10:00:00 +0100',
      ...extraHeaders,
      `Message-ID: <inner-${type.replace('/', '-')}@example.no>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      utf8('Det bråker hver natt.'),
    ];
    const { r, jp } = await imported(
      message(
        type.replace('/', '-'),
        bytes(
          'From: Dina Dokumentsenter <dina.dokumentsenter@fjordvik.kommune.example>',
          'To: ola.nordmann@fjordvik.kommune.example',
          'Subject: VS: Klage',
          `Message-ID: <outer-${type.replace('/', '-')}@fjordvik>`,
          'MIME-Version: 1.0',
          'Content-Type: multipart/mixed; boundary="b"',
          '',
          '--b',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Videresendt.',
          '--b',
          `Content-Type: ${type}`,
          'Content-Disposition: attachment',
          '',
          ...inner,
          '--b--',
          '',
        ),
      ),
    );
    expect(r.foreslaattAvsender).toEqual({ navn: 'Åsmund Ørn', epost: 'asmund.orn@example.no' });
    const [v] = await vedleggOf(jp.systemId);
    expect(v!.slice(1, 3)).toEqual([type, 'vedlegg.eml']);
    const tekst = await arkivtekst(jp.systemId, 2);
    expect(tekst).toContain('Åsmund Ørn <asmund.orn@example.no>');
    expect(tekst).toContain('Det bråker hver natt.');
  });

  it('ignores an Apple Watch alternative (text/watch-html) instead of making it a vedlegg', async () => {
    const { jp } = await imported(
      message(
        'watch-html',
        bytes(
          'From: Per Hansen <per.hansen@example.no>',
          'To: postmottak@fjordvik.kommune.example',
          'Subject: Sendt fra klokka',
          'Message-ID: <watch@example.no>',
          'MIME-Version: 1.0',
          'Content-Type: multipart/alternative; boundary="alt"',
          '',
          '--alt',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Kort svar: ja.',
          '--alt',
          'Content-Type: text/watch-html; charset=utf-8',
          '',
          '<b>Kort svar: ja.</b>',
          '--alt',
          'Content-Type: text/html; charset=utf-8',
          '',
          '<p>Kort svar: ja.</p>',
          '--alt--',
          '',
        ),
      ),
    );
    expect(titler(jp)).toEqual(['Sendt fra klokka']);
    expect(await arkivtekst(jp.systemId, 1)).toContain('Kort svar: ja.');
  });

  it('draws an inline GIF image into the archive PDF (as PNG)', async () => {
    const gif = Buffer.from('474946383961020001008000 00ff00000000ff 2c00000000020001000002 02440a00 3b'.replace(/ /g, ''), 'hex');
    const data = await compose({
      from: 'Byggmester Olsen AS <post@olsenbygg.example>', to: 'byggesak@fjordvik.kommune.example', subject: 'Situasjonskart', messageId: '<gif@olsenbygg.example>',
      html: '<p>Kartet:</p><p><img src="cid:kart@olsenbygg"></p>',
      attachments: [{ filename: 'kart.gif', content: gif, contentType: 'image/gif', cid: 'kart@olsenbygg' }],
    });
    const { jp } = await imported(message('gif', data));
    expect(titler(jp)).toEqual(['Situasjonskart']);
    const a = jp.dokumenter[0].versjoner.find((v: { variantformat: string }) => v.variantformat === 'A');
    const pdf = await h.blob(a.sjekksum);
    expect(await pdfaProblems(pdf)).toEqual([]);
    const xobjects = (await PDFDocument.load(pdf)).getPage(0).node.Resources()?.lookup(PDFName.of('XObject'), PDFDict);
    expect(xobjects?.keys().length).toBe(1);
  });

  it('keeps a winmail.dat holding Outlook items (a task, an appointment) whole, with a warning naming them, and no placeholder documents', async () => {
    const winmail = buildTnef({
      attachments: [
        { title: 'Tilbud.pdf', data: Buffer.from('%PDF-1.4 tilbud') },
        { embedded: { messageClass: 'IPM.Task', subject: 'Bestill stillas', body: 'Innen fredag.' } },
        { embedded: { messageClass: 'IPM.Appointment', subject: 'Befaring Sjøfronten' } },
      ],
    });
    const data = await compose({
      from: 'Gammel Exchange <gammel@firma.example>', to: 'postmottak@fjordvik.kommune.example', subject: 'Oppfølging av tilbud', messageId: '<tnef-elementer@firma.example>',
      text: 'Se vedlagt.', attachments: [{ filename: 'winmail.dat', content: winmail, contentType: 'application/ms-tnef' }],
    });
    const { r, jp } = await imported(message('tnef-elementer', data));
    expect(titler(jp)).toEqual(['Oppfølging av tilbud', 'Tilbud', 'winmail']);
    expect(r.advarsler).toEqual([
      expect.stringMatching(/winmail\.dat.*pakket ut til 1 vedlegg.*en oppgave \(IPM\.Task\) «Bestill stillas», en avtale fra kalenderen \(IPM\.Appointment\) «Befaring Sjøfronten».*lagret som vedlegg/),
    ]);
    const vedlegg = await vedleggOf(jp.systemId);
    expect(vedlegg.map(([, format, filnavn]) => [format, filnavn])).toEqual([
      ['application/pdf', 'Tilbud.pdf'],
      ['application/ms-tnef', 'winmail.dat'],
    ]);
    expect(vedlegg[1]![3].equals(winmail)).toBe(true);
  });

  it.each([
    ['IPM.Contact', /kontakt \(IPM\.Contact\)/],
    ['IPM.Appointment', /avtale fra kalenderen \(IPM\.Appointment\)/],
    ['IPM.Task', /oppgave \(IPM\.Task\)/],
  ])('refuses an Outlook item of class %s as not an e-mail, saying what it is and what to do', async (messageClass, what) => {
    const before = await counts();
    const res = await send(message(messageClass, msgFrom({ messageClass, subject: 'Kari Nordmann', messageId: `<${messageClass}@example.no>` }), `${messageClass}.msg`));
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('not_a_mail');
    expect(res.json().detail).toMatch(what);
    expect(res.json().detail).toMatch(/ikke en e-post.*Legg filen til som dokument på en journalpost/);
    expect(await counts()).toEqual(before);
  });

  it('imports an Outlook meeting request (mail, though not IPM.Note)', async () => {
    await imported(message('mote', msgFrom({ messageClass: 'IPM.Schedule.Meeting.Request', subject: 'Møte om reguleringsplan', messageId: '<mote@example.no>' }), 'mote.msg'));
  });

  it('takes the archive text from the HTML when the plain-text part is empty', async () => {
    const { jp } = await imported(
      message(
        'tom-tekstdel',
        bytes(
          'From: Statsforvalteren <sfpost@statsforvalteren.example>',
          'To: postmottak@fjordvik.kommune.example',
          'Subject: Vedtak i klagesak',
          'Message-ID: <tom-tekstdel@statsforvalteren.example>',
          'MIME-Version: 1.0',
          'Content-Type: multipart/alternative; boundary="alt"',
          '',
          '--alt',
          'Content-Type: text/plain; charset=utf-8',
          '',
          '  ',
          '--alt',
          'Content-Type: text/html; charset=utf-8',
          '',
          '<html><body><p>Vedtaket er <b>endelig</b>.</p><p>Med hilsen Statsforvalteren</p></body></html>',
          '--alt--',
          '',
        ),
      ),
    );
    const tekst = await arkivtekst(jp.systemId, 1);
    expect(tekst).toContain('Vedtaket er endelig.');
    expect(tekst).toContain('Med hilsen Statsforvalteren');
  });

  describe('a sender with only an Exchange-internal (X.500) address', () => {
    const x500 = '/O=FJORDVIK/OU=EXCHANGE ADMINISTRATIVE GROUP (FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=KARI';

    it('imports an Outlook .msg with the display name and an empty address, and asks the user to fill it in', async () => {
      const data = msgFrom({ subject: 'VS: Søknad om dispensasjon', messageId: '<x500-msg@fjordvik>', senderName: 'Kari Saksbehandler', senderEmail: x500, senderAddressType: 'EX', body: 'Videresender søknaden.' });
      const { r, jp } = await imported(message('x500', data, 'x500.msg'));
      expect(jp.korrespondanseparter).toEqual([expect.objectContaining({ korrespondanseparttype: 'EA', navn: 'Kari Saksbehandler', epostadresse: null })]);
      expect(r.advarsler).toEqual([expect.stringMatching(/Kari Saksbehandler.*intern Exchange-adresse.*Fyll inn e-postadressen/)]);
      const tekst = await arkivtekst(jp.systemId, 1);
      expect(tekst).toContain('Kari Saksbehandler');
      expect(tekst).not.toContain('<>');
    });

    it('does the same for an .eml whose From is an X.500 address', async () => {
      const { jp } = await imported(
        message('x500-eml', bytes(`From: "Kari Saksbehandler" <${x500}>`, 'To: postmottak@fjordvik.kommune.example', 'Subject: VS: Byggesak', 'Message-ID: <x500-eml@fjordvik>', '', 'Videresendt.', '')),
      );
      expect(jp.korrespondanseparter).toEqual([expect.objectContaining({ navn: 'Kari Saksbehandler', epostadresse: null })]);
    });
  });

  describe('Message-ID reused by different messages', () => {
    const mail = (subject: string) =>
      message(subject, bytes('From: Varsling <noreply@system.example>', 'To: postmottak@fjordvik.kommune.example', `Subject: ${subject}`, 'Message-ID: <fast@system.example>', '', `Varsel: ${subject}.`, ''));
    const ask = async (query: Record<string, string>) =>
      (await h.ctx.app.inject({ method: 'GET', url: `/api/import/melding?${new URLSearchParams(query)}`, headers: await h.ctx.auth(h.world.sbh2.bruker.brukernavn) })).json().journalpost;

    it('imports a second message with the same Message-ID but another subject; the same message again is refused', async () => {
      const first = await send(mail('Ny søknad mottatt'));
      const second = await send(mail('Søknad trukket'));
      expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
      const again = await send(mail('Søknad trukket'));
      expect(again.statusCode).toBe(409);
      expect(again.json().existing).toBe(`/api/journalposter/${second.json().resultater[0].journalpostId}`);

      // The task pane asks with what Outlook shows: Message-ID, subject and sender, by the same rule.
      const id = '<fast@system.example>';
      expect(await ask({ messageId: id, emne: 'Søknad trukket', fra: 'NoReply@System.example' })).toMatchObject({ systemId: second.json().resultater[0].journalpostId });
      expect(await ask({ messageId: id, emne: 'Ny søknad mottatt', fra: 'noreply@system.example' })).toMatchObject({ systemId: first.json().resultater[0].journalpostId });
      expect(await ask({ messageId: id, emne: 'Søknad avslått', fra: 'noreply@system.example' })).toBeNull();
      // Without subject and sender (an older pane): any import with that Message-ID.
      expect(await ask({ messageId: id })).toMatchObject({ systemId: first.json().resultater[0].journalpostId });
    });
  });

  it('reads a message that starts with a UTF-8 byte order mark', async () => {
    const data = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes('From: Per Hansen <per.hansen@example.no>', 'To: postmottak@fjordvik.kommune.example', `Subject: ${utf8('Merknad til høring')}`, 'Message-ID: <bom@example.no>', 'Content-Type: text/plain; charset=utf-8', '', 'Tekst.', '')]);
    const { jp } = await imported(message('bom', data));
    expect(jp.tittel).toBe('Merknad til høring');
    expect(jp.korrespondanseparter[0]).toMatchObject({ navn: 'Per Hansen', epostadresse: 'per.hansen@example.no' });
  });

  it('stores no NUL characters taken out of a message (subject, names, file names)', async () => {
    const { jp } = await imported(
      message(
        'nul',
        bytes(
          'From: =?utf-8?Q?Per=00_Hansen?= <per.hansen@example.no>',
          'To: postmottak@fjordvik.kommune.example',
          'Subject: =?utf-8?Q?Klage=00_p=C3=A5_vedtak?=',
          'Message-ID: <nul@example.no>',
          'MIME-Version: 1.0',
          'Content-Type: multipart/mixed; boundary="b"',
          '',
          '--b',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Klagen ligger ved.',
          '--b',
          'Content-Type: application/pdf',
          "Content-Disposition: attachment; filename*=utf-8''Klage%00signert.pdf",
          '',
          '%PDF-1.4',
          '--b--',
          '',
        ),
      ),
    );
    expect(jp.tittel).toBe('Klage på vedtak');
    expect(jp.korrespondanseparter[0].navn).toBe('Per Hansen');
    expect(titler(jp)).toEqual(['Klage på vedtak', 'Klagesignert']);
  });

  it('leaves no blob in the store that no document version refers to (inline images live on in the original)', async () => {
    await imported(
      message(
        'inline',
        await compose({
          from: 'Byggmester Olsen AS <post@olsenbygg.example>', to: 'byggesak@fjordvik.kommune.example', subject: 'Logo i teksten', messageId: '<inline-orphan@olsenbygg.example>',
          html: '<p>Se logo:</p><img src="cid:logo2@olsenbygg">',
          attachments: [{ filename: 'logo.png', content: Buffer.from('an inline image only this test has'), contentType: 'image/png', cid: 'logo2@olsenbygg' }],
        }),
      ),
    );
    const root = path.join(h.ctx.dataDir, 'blobs', 'sha256');
    const stored = (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
    const referenced = new Set((await h.ctx.db.selectFrom('dokumentversjon').select('sjekksum').execute()).map((r) => r.sjekksum));
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.filter((sha) => !referenced.has(sha))).toEqual([]);
  });
});
