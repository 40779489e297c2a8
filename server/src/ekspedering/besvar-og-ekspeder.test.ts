import { smtpSender } from '../utsending/mail-sender';
import { drainOutbox } from '../utsending/outbox.worker';
import type { TestContext } from '../test/context';
import { buildSak } from '../test/factories';
import { multipart, som } from '../test/http';
import { startTestSmtp, type TestSmtp } from '../test/smtp';
import { openWorld, type World } from '../test/world';

/**
 * Manual §10.2.2 way 2 (Besvar og avskriv) ending in §10.7 (Ekspeder by e-mail), over HTTP
 * against a real database and a real SMTP server on loopback: the reply's one expedition both
 * sends the mail and makes the answered letter's restanse go away.
 */
describe('§10.2.2 Besvar og avskriv → §10.7 Ekspeder på e-post', () => {
  let ctx: TestContext;
  let w: World;
  let smtp: TestSmtp;
  const opts = { leaseMs: 60_000, maxAttempts: 3 };
  beforeAll(async () => {
    ({ ctx, w } = await openWorld({ MAIL_FROM: 'Fjordvik kommune <postmottak@fjordvik.kommune.example>' }));
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await smtp.close();
    await ctx.close();
  });

  it('answers the letter in writing, sends the reply once to the sender, and the restanse is gone', async () => {
    const dok = som(ctx, w.dok);
    const sbh = som(ctx, w.sbh);
    const sakId = await buildSak(ctx.db, w.sbh, { tittel: 'Byggesak Fjellveien 2' });

    // An incoming letter, registered by the dokumentsenter for the saksbehandler: restanse.
    const inn = await dok.post(`/api/saker/${sakId}/journalposter`, {
      journalposttype: 'I',
      tittel: 'Søknad om tilbygg',
      saksbehandlerId: w.sbh.bruker.systemId,
      korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Kari Søker', epostadresse: 'kari.soker@example.no', deresReferanse: 'KS-7' }],
    });
    expect(inn.status).toBe(201);
    const innId = inn.body.systemId as string;
    expect(inn.body.restanse).toBe(true);

    // Besvar og avskriv: a U reply with the sender copied as recipient, a pending BU on the letter.
    const svar = await sbh.post('/api/svar', { maate: 'besvar_og_avskriv', journalpostIds: [innId], tittel: 'Svar på søknad om tilbygg' });
    expect(svar.status).toBe(201);
    const svarId = svar.body.systemId as string;
    expect(svar.body).toMatchObject({ journalposttype: 'U', journalstatus: 'R', korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Kari Søker', epostadresse: 'kari.soker@example.no' }] });
    const mottakerId = svar.body.korrespondanseparter[0].systemId as string;
    expect((await sbh.get(`/api/journalposter/${innId}`)).body).toMatchObject({ restanse: true, avskrivninger: [{ avskrivningsmaate: 'BU', ventende: true, svarJournalpostId: svarId }] });

    // The reply gets its letter as hoveddokument.
    const body = await multipart({ tittel: 'Svar på søknad om tilbygg', tilknytning: 'H' }, { name: 'svar.txt', type: 'text/plain', content: 'Søknaden er mottatt og blir behandlet innen tre uker.\n\nMed hilsen\nSaksbehandler' });
    const opplastet = await ctx.app.inject({ method: 'POST', url: `/api/journalposter/${svarId}/dokumenter`, payload: body.payload, headers: { ...body.headers, ...(await ctx.auth(w.sbh.bruker.brukernavn)) } });
    expect(opplastet.statusCode).toBe(201);

    // No approval needed: the saksbehandler expedites from R. One step: E, the mail queued, the avskrivning in force.
    const eksp = await sbh.post(`/api/journalposter/${svarId}/ekspeder`, { hoveddokumentSom: 'tekst', epostTekst: 'Hei Kari, se svaret nedenfor.' });
    expect(eksp.status).toBe(200);
    expect(eksp.body).toMatchObject({ systemId: svarId, journalstatus: 'E' });
    expect(eksp.body.utsendinger).toEqual([expect.objectContaining({ kanal: 'epost', mottakerNavn: 'Kari Søker', mottakerEpost: 'kari.soker@example.no', status: 'VENTER', messageId: `jp-${svarId}.${mottakerId}@fjordvik.kommune.example` })]);

    // The outbox delivers exactly one message, to the sender, with the reply's subject and Message-ID.
    const before = smtp.accepted.length;
    await drainOutbox(ctx.db, ctx.blobs, smtpSender(smtp.url), opts);
    await drainOutbox(ctx.db, ctx.blobs, smtpSender(smtp.url), opts);
    const got = smtp.accepted.slice(before);
    expect(got).toHaveLength(1);
    const [m] = got;
    expect(m!.rcptTo).toEqual(['kari.soker@example.no']);
    expect(m!.parsed.to && 'value' in m!.parsed.to ? m!.parsed.to.value.map((a) => a.address) : []).toEqual(['kari.soker@example.no']);
    expect(m!.parsed.subject).toBe(`Svar på søknad om tilbygg (vår ref. ${eksp.body.saksnummer}-${eksp.body.dokumentnummer})`);
    expect(m!.parsed.messageId).toBe(`<jp-${svarId}.${mottakerId}@fjordvik.kommune.example>`);
    expect(m!.parsed.text).toContain('Søknaden er mottatt og blir behandlet innen tre uker.');
    expect((await sbh.get(`/api/journalposter/${svarId}/utsendinger`)).body).toEqual([expect.objectContaining({ status: 'SENDT', forsoek: 1 })]);

    // The answered letter's restanse is gone, the avskrivning referencing the reply.
    expect((await sbh.get(`/api/journalposter/${innId}`)).body).toMatchObject({ restanse: false, avskrivninger: [{ avskrivningsmaate: 'BU', ventende: false, svarJournalpostId: svarId }] });

    // Both historikker show the steps.
    const steg = async (id: string) => ((await sbh.get(`/api/journalposter/${id}/historikk`)).body as { handling: string }[]).map((h) => h.handling);
    expect(await steg(innId)).toEqual(expect.arrayContaining(['journalpost_opprettet', 'avskrivning_registrert', 'avskrivning_trer_i_kraft']));
    const svarSteg = await steg(svarId);
    expect(svarSteg).toEqual(expect.arrayContaining(['journalpost_opprettet', 'dokument_lagt_til', 'journalpost_ekspedert', 'utsending_registrert', 'utsending_levert']));
    expect(svarSteg.filter((h) => h === 'journalpost_ekspedert')).toHaveLength(1);
  });
});
