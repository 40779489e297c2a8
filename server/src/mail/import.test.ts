import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { leggTilDager } from '@arkiv/shared';
import { buildSak } from '../test/factories';
import { extractText } from '../test/pdf-text';
import { pdfaProblems } from '../test/pdfa';
import { writeLargeMail } from './fixtures/corpus';
import { importHarness } from '../test/import-harness';

/** Manual §10.3: import e-mail from Outlook as journalposter, over HTTP against a real database. The
 * message formats (charsets, forwards, winmail.dat, .msg, nested messages) are in import-formats.test.ts. */
describe('§10.3 import e-post', () => {
  const h = importHarness();
  const { post, msg, withMessageId, importOne, view, counts } = h;

  it('has a corpus of at least 20 messages', () => {
    expect(h.corpus.size).toBeGreaterThanOrEqual(20);
  });

  it('imports a received UTF-8 mail as I in status S: sender with their reference, body as hoveddokument with the original and a PDF', async () => {
    const res = await importOne('tekst-utf8');
    expect(res.statusCode).toBe(201);
    const [r] = res.json().resultater;
    expect(res.headers.location).toBe(`/api/journalposter/${r.journalpostId}`);
    const jp = await view(r.journalpostId);
    expect(jp).toMatchObject({ journalposttype: 'I', journalstatus: 'S', tittel: 'Søknad om skjenkebevilling – Kafé Ærlig', dokumentdato: '2026-11-02' });
    expect(jp.korrespondanseparter).toEqual([expect.objectContaining({ korrespondanseparttype: 'EA', navn: 'Anne Berg', epostadresse: 'anne.berg@example.no', deresReferanse: 'AB-2026/77' })]);
    const versjoner = await h.ctx.db
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
    const original = await h.ctx.blobs.open(versjoner[1]!.sjekksum);
    const chunks: Buffer[] = [];
    for await (const c of original.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(msg('tekst-utf8').data)).toBe(true);
    // The body's archive variant is PDF/A-2b and keeps the Norwegian text as text.
    expect(versjoner[0]!.formatDetaljer).toBe('PDF/A-2b (ISO 19005-2)');
    const pdf = await h.ctx.blobs.open(versjoner[0]!.sjekksum);
    const pdfChunks: Buffer[] = [];
    for await (const c of pdf.stream) pdfChunks.push(c as Buffer);
    const bytes = Buffer.concat(pdfChunks);
    expect(await pdfaProblems(bytes)).toEqual([]);
    const [side] = await extractText(bytes);
    expect(side!.text).toContain('Søknad om skjenkebevilling – Kafé Ærlig');
    expect(side!.text).toContain('Vi søker om skjenkebevilling for Kafé Ærlig, Storgata 1.');
  });

  it('refuses a second import of the same message with 409 and a link to the first, and writes nothing', async () => {
    const first = await importOne('svar-med-referanse');
    expect(first.statusCode).toBe(201);
    const before = await counts();
    const again = await importOne('svar-med-referanse', { retning: 'mottatt' }, await buildSak(h.ctx.db, h.world.sbh));
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json()).toMatchObject({ code: 'already_imported', existing: `/api/journalposter/${first.json().resultater[0].journalpostId}` });
    expect(await counts()).toEqual([before[0], before[1], before[2], before[3]]);
  });

  it('tells whether a message is already imported, by its Message-ID as Outlook gives it, to any user', async () => {
    const first = await post(`/api/saker/${h.sakId}/import`, { retning: 'mottatt' }, [withMessageId('tekst-utf8', 'Kjent-Melding@Example.no')]);
    const jpId = first.json().resultater[0].journalpostId;
    const ask = async (messageId: string, user = h.world.sbh2.bruker.brukernavn) =>
      h.ctx.app.inject({ method: 'GET', url: `/api/import/melding?messageId=${encodeURIComponent(messageId)}`, headers: await h.ctx.auth(user) });
    const res = await ask('<kjent-melding@example.no>');
    expect(res.statusCode).toBe(200);
    expect(res.json().journalpost).toMatchObject({ systemId: jpId, registreringsId: expect.stringMatching(/^\d{4}\/\d+-\d+$/) });
    expect((await ask('<aldri-sett@example.no>')).json()).toEqual({ journalpost: null });
    expect((await h.ctx.app.inject({ method: 'GET', url: '/api/import/melding', headers: await h.ctx.auth(h.world.sbh.bruker.brukernavn) })).statusCode).toBe(400);
  });

  it('lets exactly one of two concurrent imports of the same message win', async () => {
    const m = withMessageId('tekst-utf8', 'samtidig@example.no');
    const [a, b] = await Promise.all([post(`/api/saker/${h.sakId}/import`, { retning: 'mottatt' }, [m]), post(`/api/saker/${await buildSak(h.ctx.db, h.world.sbh)}/import`, { retning: 'mottatt' }, [m])]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const rows = await h.ctx.db.selectFrom('mailImport').select('journalpostId').where('messageId', '=', 'samtidig@example.no').execute();
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
    const utsending = await h.ctx.db.selectFrom('utsending').select(['kanal', 'kanalBeskrivelse', 'status']).where('journalpostId', '=', jp.systemId).execute();
    expect(utsending).toHaveLength(3);
    expect(new Set(utsending.map((u) => `${u.kanal}|${u.kanalBeskrivelse}|${u.status}`))).toEqual(new Set(['annen|e-post, sendt fra Outlook|REGISTRERT']));
    const historikk = await h.ctx.db.selectFrom('historikk').select('handling').where('journalpostId', '=', jp.systemId).orderBy('id').execute();
    expect(historikk.map((h) => h.handling)).toEqual(['journalpost_opprettet', 'epost_importert', 'journalpost_ekspedert', 'utsending_registrert']);
    // Through the one expedition step: channel per recipient in ekspedering, nothing queued for sending.
    const kanaler = await h.ctx.db.selectFrom('ekspedering').select(['mottakerNavn', 'kanal']).where('journalpostId', '=', jp.systemId).execute();
    expect(kanaler.map((k) => k.kanal)).toEqual(['annen', 'annen', 'annen']);
    expect(await h.ctx.db.selectFrom('utsending').select('systemId').where('journalpostId', '=', jp.systemId).where('status', '=', 'VENTER').execute()).toEqual([]);
  });

  it('gives imported incoming mail the configured default forfallsdato for its dokumenttype (§10.3 then check forfallsdato)', async () => {
    const dager = h.ctx.config.forfallsdager.I;
    expect(dager).toBeGreaterThan(0);
    const res = await post(`/api/saker/${h.sakId}/import`, { retning: 'mottatt' }, [withMessageId('tekst-utf8', 'forfall-default@fjordvik')]);
    expect(res.statusCode).toBe(201);
    const jp = await view(res.json().resultater[0].journalpostId);
    expect(jp.forfallsdato).toBe(leggTilDager(jp.journaldato, dager!));
    // An explicit forfallsdato still wins.
    const egen = await post(`/api/saker/${h.sakId}/import`, { retning: 'mottatt', forfallsdato: '2027-01-15' }, [withMessageId('tekst-utf8', 'forfall-egen@fjordvik')]);
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
    const sak = await buildSak(h.ctx.db, h.world.sbh, { tittel: 'Vedleggstitler' });
    const fields = { retning: 'sendt', tittel2: 'Olsen Bygg AS', vedleggTitler: JSON.stringify({ 'Samsvarserklæring.pdf': 'Samsvarserklæring ansvarlig utførende' }) };
    const res = await post(`/api/saker/${sak}/import`, fields, [withMessageId('html-inline-bilde', 'vedleggstitler@olsenbygg.example.no')]);
    expect(res.statusCode).toBe(201);
    const jp = await view(res.json().resultater[0].journalpostId);
    expect([jp.journalstatus, jp.tittel2]).toEqual(['E', 'Olsen Bygg AS']);
    expect(jp.dokumenter.map((d: { tittel: string }) => d.tittel)).toEqual(['Ferdigattest gnr 12/45', 'Samsvarserklæring ansvarlig utførende']);
    const [rad] = await h.ctx.db.selectFrom('historikk').select('data').where('journalpostId', '=', jp.systemId).where('handling', '=', 'epost_importert').execute();
    expect((rad!.data as { vedlegg: string[] }).vedlegg).toEqual(['Samsvarserklæring ansvarlig utførende']);
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
    // One of the batch is imported already (elsewhere): it gets its 409 and the others go in.
    expect((await importOne('outlook-msg')).statusCode).toBe(201);
    const before = await counts();
    const res = await post('/api/import', { retning: 'mottatt', sakTittel: 'Samlesak for innbyggerhenvendelser', sakstype: 'GS' }, [msg('tom'), msg('ugyldig-binaer'), withMessageId('tekst-utf8', 'batch-1@example.no'), msg('outlook-msg'), withMessageId('latin1', 'batch-2@example.no')]);
    expect(res.statusCode).toBe(200);
    const r = res.json().resultater;
    expect(r.map((x: { status: number }) => x.status)).toEqual([422, 422, 201, 409, 201]);
    expect(r[3].problem).toMatchObject({ code: 'already_imported', existing: expect.stringMatching(/^\/api\/journalposter\//) });
    expect(r[2].sakId).toBe(r[4].sakId);
    const sak = await h.ctx.db.selectFrom('sak').select(['tittel', 'sakstype']).where('systemId', '=', r[2].sakId).executeTakeFirstOrThrow();
    expect(sak).toEqual({ tittel: 'Samlesak for innbyggerhenvendelser', sakstype: 'GS' });
    const after = await counts();
    expect(after[0]! - before[0]!).toBe(2);
    expect(after[3]! - before[3]!).toBe(2);
  });

  it('creates no sak when every message of a new-sak import fails', async () => {
    const saker = await h.ctx.db.selectFrom('sak').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const res = await post('/api/import', { retning: 'mottatt', sakTittel: 'Skal ikke finnes', sakstype: 'GS' }, [msg('tom'), msg('uten-avsender')]);
    expect(res.json().resultater.map((x: { status: number }) => x.status)).toEqual([422, 422]);
    const after = await h.ctx.db.selectFrom('sak').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(saker.n);
  });

  it('offers the saker the user worked in last as import targets', async () => {
    const res = await h.ctx.app.inject({ method: 'GET', url: '/api/import/siste-saker', headers: await h.ctx.auth(h.world.sbh.bruker.brukernavn) });
    expect(res.statusCode).toBe(200);
    const saker = res.json() as { systemId: string; tittel: string }[];
    expect(saker[0]!.tittel).toBe('Samlesak for innbyggerhenvendelser');
    expect(saker.map((s) => s.systemId)).toContain(h.sakId);
  });

  it('validates the form: direction required, sakstype required for a new sak, files required', async () => {
    expect((await importOne('tekst-utf8', {})).json()).toMatchObject({ code: 'validation_failed', errors: [{ field: '/body/retning' }] });
    expect((await post('/api/import', { retning: 'mottatt', sakTittel: 'X' }, [msg('tekst-utf8')])).json()).toMatchObject({ code: 'validation_failed', errors: [{ field: '/body/sakstype' }] });
    expect((await post(`/api/saker/${h.sakId}/import`, { retning: 'mottatt' }, [])).json()).toMatchObject({ code: 'validation_failed', errors: [{ field: '/fil' }] });
  });

  it('refuses import into a sak the user may not add to (403) and leaves nothing', async () => {
    const before = await counts();
    const res = await post(`/api/saker/${h.sakId}/import`, { retning: 'mottatt' }, [withMessageId('encoded-words', 'fremmed@example.no')], h.world.fremmed.bruker.brukernavn);
    expect(res.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('imports a mail with a 25 MB attachment, streamed to the blob store, with the attachment intact', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'arkiv-stor-'));
    try {
      const file = path.join(dir, 'stor.eml');
      await writeLargeMail(file, 25 * 1024 * 1024);
      const res = await post(`/api/saker/${h.sakId}/import`, { retning: 'mottatt' }, [{ navn: 'stor', filnavn: 'stor.eml', data: await readFile(file) }]);
      expect(res.statusCode).toBe(201);
      const jp = await view(res.json().resultater[0].journalpostId);
      expect(jp.dokumenter.map((d: { tittel: string }) => d.tittel)).toEqual(['Ortofoto Sjøfronten (stor fil)', 'ortofoto']);
      const v = await h.ctx.db.selectFrom('dokumentversjon as v').innerJoin('dokumentbeskrivelse as d', 'd.systemId', 'v.dokumentbeskrivelseId').select(['v.filstoerrelse', 'v.format']).where('d.journalpostId', '=', jp.systemId).where('d.tilknyttetRegistreringSom', '=', 'V').executeTakeFirstOrThrow();
      expect(Number(v.filstoerrelse)).toBe(25 * 1024 * 1024);
      expect(v.format).toBe('image/tiff');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
