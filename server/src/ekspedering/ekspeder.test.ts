import type { TestContext } from '../test/context';
import { buildDokument, buildJournalpost, buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { openWorld, type World } from '../test/world';

/** §10.4 letters, §10.7 ekspedere, §10.8 notater: "Ekspeder" as a step. */
describe('§10.7 / §10.8 Ekspedering', () => {
  let ctx: TestContext;
  let w: World;
  let sakId: string;
  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    sakId = await buildSak(ctx.db, w.sbh);
  });
  afterAll(() => ctx.close());

  it('sets E and records the chosen channel per recipient', async () => {
    const id = await buildJournalpost(ctx.db, w.sbh, sakId, {
      korrespondanseparter: [
        { korrespondanseparttype: 'EM', navn: 'Med e-post', epostadresse: 'a@example.org' },
        { korrespondanseparttype: 'EM', navn: 'Med papir', postadresse: 'Gata 1' },
      ],
    });
    await buildDokument(ctx.db, ctx.blobs, w.sbh, id);
    const jp = (await som(ctx, w.sbh).get(`/api/journalposter/${id}`)).body;
    const papir = jp.korrespondanseparter.find((p: { navn: string }) => p.navn === 'Med papir').systemId;
    const res = await som(ctx, w.sbh).post(`/api/journalposter/${id}/ekspeder`, { mottakere: [{ korrespondansepartId: papir, kanal: 'papir' }] });
    expect(res.status).toBe(200);
    expect(res.body.journalstatus).toBe('E');
    expect(res.body.sendtDato).not.toBeNull();
    // The same step queues the mail (outbox) and registers the paper recipient's bundle.
    expect(res.body.utsendinger.map((u: { mottakerNavn: string; kanal: string; status: string }) => [u.mottakerNavn, u.kanal, u.status]).sort()).toEqual([
      ['Med e-post', 'epost', 'VENTER'],
      ['Med papir', 'papir', 'REGISTRERT'],
    ]);
    const rows = await ctx.db.selectFrom('ekspedering').select(['mottakerNavn', 'kanal']).where('journalpostId', '=', id).orderBy('mottakerNavn').execute();
    expect(rows).toEqual([
      { mottakerNavn: 'Med e-post', kanal: 'epost' },
      { mottakerNavn: 'Med papir', kanal: 'papir' },
    ]);
    // Locked now: a second expedition is a status conflict.
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${id}/ekspeder`, {}), 409, 'status_conflict');
    expectProblem(await som(ctx, w.sbh).patch(`/api/journalposter/${id}`, { tittel: 'Endret' }), 409, 'journalpost_locked');
  });

  it('stops an e-mail recipient without address, and a letter without recipient (422), writing nothing', async () => {
    const id = await buildJournalpost(ctx.db, w.sbh, sakId, { korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Uten adresse' }] });
    await buildDokument(ctx.db, ctx.blobs, w.sbh, id);
    const jp = (await som(ctx, w.sbh).get(`/api/journalposter/${id}`)).body;
    const partId = jp.korrespondanseparter[0].systemId;
    const uten = await som(ctx, w.sbh).post(`/api/journalposter/${id}/ekspeder`, { mottakere: [{ korrespondansepartId: partId, kanal: 'epost' }] });
    expectProblem(uten, 422, 'recipient_without_address');
    expect(uten.body.mottakere).toEqual([{ korrespondansepartId: partId, navn: 'Uten adresse' }]);
    const tom = await buildJournalpost(ctx.db, w.sbh, sakId);
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${tom}/ekspeder`, {}), 422, 'recipient_missing');
    expect((await som(ctx, w.sbh).get(`/api/journalposter/${id}`)).body.journalstatus).toBe('R');
    for (const t of ['ekspedering', 'utsending'] as const) expect(await ctx.db.selectFrom(t).select('systemId').where('journalpostId', 'in', [id, tom]).execute()).toEqual([]);
  });

  it('needs a hoveddokument only when something is to be e-mailed: paper-only letters go without', async () => {
    const id = await buildJournalpost(ctx.db, w.sbh, sakId, { korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Per Post', postadresse: 'Gata 2' }, { korrespondanseparttype: 'EM', navn: 'Eva Epost', epostadresse: 'eva@example.org' }] });
    // Eva would get e-mail by default, and there is nothing to send: 422, nothing written.
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${id}/ekspeder`, {}), 422, 'unprocessable');
    expect((await som(ctx, w.sbh).get(`/api/journalposter/${id}`)).body.journalstatus).toBe('R');
    expect(await ctx.db.selectFrom('ekspedering').select('systemId').where('journalpostId', '=', id).execute()).toEqual([]);
    // On paper (and by "annen" channel) it goes without a hoveddokument.
    const eva = (await som(ctx, w.sbh).get(`/api/journalposter/${id}`)).body.korrespondanseparter.find((p: { navn: string }) => p.navn === 'Eva Epost').systemId;
    const res = await som(ctx, w.sbh).post(`/api/journalposter/${id}/ekspeder`, { mottakere: [{ korrespondansepartId: eva, kanal: 'annen', kanalBeskrivelse: 'levert personlig' }] });
    expect(res.status).toBe(200);
    expect(res.body.utsendinger.map((u: { mottakerNavn: string; kanal: string; kanalBeskrivelse: string | null; status: string }) => [u.mottakerNavn, u.kanal, u.kanalBeskrivelse, u.status]).sort()).toEqual([
      ['Eva Epost', 'annen', 'levert personlig', 'REGISTRERT'],
      ['Per Post', 'papir', null, 'REGISTRERT'],
    ]);
  });

  it('§10.3 a mail already sent from Outlook (alleredeSendt): expedited on channel "annen", nothing queued, no hoveddokument needed', async () => {
    const id = await buildJournalpost(ctx.db, w.sbh, sakId, { korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Sendt til', epostadresse: 's@example.org' }, { korrespondanseparttype: 'EK', navn: 'Kopi til', epostadresse: 'k@example.org' }] });
    const part = (await som(ctx, w.sbh).get(`/api/journalposter/${id}`)).body.korrespondanseparter[0].systemId;
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${id}/ekspeder`, { alleredeSendt: true, mottakere: [{ korrespondansepartId: part, kanal: 'epost' }] }), 400, 'validation_failed');
    const res = await som(ctx, w.sbh).post(`/api/journalposter/${id}/ekspeder`, { alleredeSendt: true });
    expect(res.status).toBe(200);
    expect(res.body.journalstatus).toBe('E');
    expect(res.body.utsendinger.map((u: { mottakerNavn: string; kanal: string; kanalBeskrivelse: string; status: string }) => [u.mottakerNavn, u.kanal, u.kanalBeskrivelse, u.status]).sort()).toEqual([
      ['Kopi til', 'annen', 'e-post, sendt fra Outlook', 'REGISTRERT'],
      ['Sendt til', 'annen', 'e-post, sendt fra Outlook', 'REGISTRERT'],
    ]);
    expect((await ctx.db.selectFrom('ekspedering').select('kanal').where('journalpostId', '=', id).execute()).map((r) => r.kanal)).toEqual(['annen', 'annen']);
  });

  it('sends an N-notat to its internal recipients’ Ubehandlet with restanse; kopimottakere get it in Kopier', async () => {
    const id = await buildJournalpost(ctx.db, w.sbh, sakId, {
      journalposttype: 'N',
      tittel: 'Notat om oppfølging',
      korrespondanseparter: [
        { korrespondanseparttype: 'IM', navn: 'Kollega', brukerId: w.sbh2.bruker.systemId },
        { korrespondanseparttype: 'IK', navn: 'Leder', brukerId: w.leder.bruker.systemId },
      ],
    });
    const ubehandlet = async () => (await som(ctx, w.sbh2).get('/api/kurver/ubehandlet')).body.map((i: { systemId: string }) => i.systemId);
    expect(await ubehandlet()).not.toContain(id);
    const res = await som(ctx, w.sbh).post(`/api/journalposter/${id}/ekspeder`, {});
    expect(res.body).toMatchObject({ journalstatus: 'E', restanse: true, utsendinger: [] });
    expect(await ubehandlet()).toContain(id);
    expect((await som(ctx, w.leder).get('/api/kurver/kopier')).body.map((i: { nummer: string; tittel: string }) => i.tittel)).toContain('Notat om oppfølging');
    // The recipient follows it up and may avskrive it (NX/BX/TE...).
    const avs = await som(ctx, w.sbh2).post(`/api/journalposter/${id}/avskrivninger`, { avskrivningsmaate: 'TE' });
    expect(avs.body.restanse).toBe(false);
    expect(await ubehandlet()).not.toContain(id);
  });

  it('an X-notat never carries restanse, and an N without internal recipient is refused (422)', async () => {
    const x = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'X' });
    const res = await som(ctx, w.sbh).post(`/api/journalposter/${x}/ekspeder`, {});
    expect(res.body).toMatchObject({ journalstatus: 'E', restanse: false });
    const n = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'N' });
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${n}/ekspeder`, {}), 422, 'recipient_missing');
  });

  it('refuses a leader who may act on the journalpost but lacks the code screening its recipients (403, no name leaks); the saksbehandler expedites', async () => {
    const id = await buildJournalpost(ctx.db, w.sbh, sakId, {
      korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Hemmelig Mottaker' }],
      skjerming: { tilgangskode: 'P', skjermingsnivaa: 3, skjermingshjemmel: 'Offl. § 13' },
    });
    expect((await som(ctx, w.leder).get(`/api/journalposter/${id}`)).body.abilities.ekspeder).toBe(false);
    expect((await som(ctx, w.sbh).get(`/api/journalposter/${id}`)).body.abilities.ekspeder).toBe(true);
    for (const url of [`/api/journalposter/${id}/ekspeder/forhaandsvisning`, `/api/journalposter/${id}/ekspeder`]) {
      const res = await som(ctx, w.leder).post(url, {});
      expectProblem(res, 403, 'forbidden');
      expect(JSON.stringify(res.body)).not.toContain('Hemmelig');
    }
    expect((await som(ctx, w.sbh).get(`/api/journalposter/${id}`)).body.journalstatus).toBe('R');
    const ok = await som(ctx, w.sbh).post(`/api/journalposter/${id}/ekspeder`, {});
    expect([ok.status, ok.body.journalstatus]).toEqual([200, 'E']);
  });

  it('refuses strangers (403)', async () => {
    const id = await buildJournalpost(ctx.db, w.sbh, sakId, { korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'X', postadresse: 'Y' }] });
    expectProblem(await som(ctx, w.fremmed).post(`/api/journalposter/${id}/ekspeder`, {}), 403, 'forbidden');
  });
});
