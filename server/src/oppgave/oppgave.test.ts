import type { TestContext } from '../test/context';
import { Readable } from 'node:stream';
import { addVersjon } from '../dokument/dokument.service';
import { buildBruker, buildDokument, buildJournalpost, buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { openWorld, type World } from '../test/world';

/** §12.1 Oppgaver. */
describe('§12.1 Oppgaver', () => {
  let ctx: TestContext;
  let w: World;
  let sakId: string;
  let jpId: string;
  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    sakId = await buildSak(ctx.db, w.sbh);
    jpId = await buildJournalpost(ctx.db, w.sbh, sakId);
  });
  afterAll(() => ctx.close());

  it('sends to several receivers; the merknad is also kept as a formal merknad on the journalpost', async () => {
    const res = await som(ctx, w.sbh).post('/api/oppgaver', { oppgavetype: 'UTTALELSE', journalpostId: jpId, mottakerIds: [w.sbh2.bruker.systemId, w.leder.bruker.systemId], merknad: 'Kan dere se på dette?' });
    expect(res.status).toBe(201);
    expect(res.body).toHaveLength(2);
    const jp = (await som(ctx, w.sbh).get(`/api/journalposter/${jpId}`)).body;
    expect(jp.merknader).toEqual(expect.arrayContaining([expect.objectContaining({ merknadstype: 'FORMELL', merknadstekst: 'Kan dere se på dette?' })]));
    expect((await som(ctx, w.sbh2).get('/api/kurver/mottatte_oppgaver')).body).toHaveLength(1);
    // Answered with one of the type's answers; the answer goes back to the sender.
    expectProblem(await som(ctx, w.sbh2).post(`/api/oppgaver/${res.body[0].systemId}/svar`, { svar: 'Godkjent' }), 400, 'validation_failed');
    expect((await som(ctx, w.sbh2).post(`/api/oppgaver/${res.body[0].systemId}/svar`, { svar: 'Uttalelse gitt', merknad: 'Ser greit ut' })).body.status).toBe('besvart');
    expectProblem(await som(ctx, w.sbh2).post(`/api/oppgaver/${res.body[0].systemId}/svar`, { svar: 'Uttalelse gitt' }), 409, 'oppgave_not_open');
    expect((await som(ctx, w.sbh).get('/api/kurver/mottatte_oppgaver')).body).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'oppgave', tittel: jp.tittel })]));
  });

  it('shows a yellow merknad to the next step only, unless marked for all', async () => {
    const [privat] = (await som(ctx, w.sbh).post('/api/oppgaver', { oppgavetype: 'BESKJED', journalpostId: jpId, mottakerIds: [w.sbh2.bruker.systemId], merknad: 'Bare til deg' })).body;
    await som(ctx, w.sbh).post('/api/oppgaver', { oppgavetype: 'BESKJED', journalpostId: jpId, mottakerIds: [w.sbh2.bruker.systemId], merknad: 'Til alle', merknadForAlle: true });
    const seenBy = async (actor: typeof w.sbh) => (await som(ctx, actor).get(`/api/journalposter/${jpId}/oppgaver`)).body.map((o: { merknad: string | null }) => o.merknad);
    expect(await seenBy(w.sbh2)).toEqual(expect.arrayContaining(['Bare til deg', 'Til alle']));
    const leder = await seenBy(w.leder);
    expect(leder).toContain('Til alle');
    expect(leder).not.toContain('Bare til deg');
    expect(privat.abilities).toMatchObject({ deaktiver: true });
  });

  it('deactivates until the receiver has read it; kept in history, struck through', async () => {
    const [a] = (await som(ctx, w.sbh).post('/api/oppgaver', { oppgavetype: 'BESKJED', journalpostId: jpId, mottakerIds: [w.sbh2.bruker.systemId] })).body;
    const d = await som(ctx, w.sbh).post(`/api/oppgaver/${a.systemId}/deaktiver`);
    expect(d.body).toMatchObject({ status: 'deaktivert', deaktivert: true });
    expect((await som(ctx, w.sbh).get(`/api/journalposter/${jpId}/oppgaver`)).body.find((o: { systemId: string }) => o.systemId === a.systemId).deaktivert).toBe(true);
    const [b] = (await som(ctx, w.sbh).post('/api/oppgaver', { oppgavetype: 'BESKJED', journalpostId: jpId, mottakerIds: [w.sbh2.bruker.systemId] })).body;
    await som(ctx, w.sbh2).post(`/api/oppgaver/${b.systemId}/lest`);
    expectProblem(await som(ctx, w.sbh).post(`/api/oppgaver/${b.systemId}/deaktiver`), 409, 'oppgave_not_open');
    expectProblem(await som(ctx, w.sbh2).post(`/api/oppgaver/${b.systemId}/deaktiver`), 403, 'forbidden');
    expectProblem(await som(ctx, w.fremmed).get(`/api/oppgaver/${b.systemId}`), 404, 'not_found');
  });

  it('"Fjern fra kurv" for types without answers; types with answers must be answered (422)', async () => {
    const [beskjed, uttalelse] = [
      (await som(ctx, w.sbh).post('/api/oppgaver', { oppgavetype: 'BESKJED', journalpostId: jpId, mottakerIds: [w.sbh2.bruker.systemId] })).body[0],
      (await som(ctx, w.sbh).post('/api/oppgaver', { oppgavetype: 'UTTALELSE', journalpostId: jpId, mottakerIds: [w.sbh2.bruker.systemId] })).body[0],
    ];
    expect((await som(ctx, w.sbh2).post(`/api/oppgaver/${beskjed.systemId}/fjern`)).body.status).toBe('fjernet');
    expectProblem(await som(ctx, w.sbh2).post(`/api/oppgaver/${uttalelse.systemId}/fjern`), 422, 'unprocessable');
    expectProblem(await som(ctx, w.sbh2).post(`/api/oppgaver/${beskjed.systemId}/svar`, { svar: 'x' }), 409, 'oppgave_not_open');
  });

  it('anyone may send "Beskjed til dokumentsenteret", other oppgaver need rights (403)', async () => {
    expect((await som(ctx, w.fremmed).post('/api/oppgaver', { oppgavetype: 'DOKUMENTSENTER', journalpostId: jpId, mottakerIds: [w.dok.bruker.systemId], merknad: 'Feil avsender' })).status).toBe(201);
    expectProblem(await som(ctx, w.fremmed).post('/api/oppgaver', { oppgavetype: 'BESKJED', journalpostId: jpId, mottakerIds: [w.sbh.bruker.systemId] }), 403, 'forbidden');
    expectProblem(await som(ctx, w.sbh).post('/api/oppgaver', { oppgavetype: 'BESKJED', mottakerIds: [w.sbh.bruker.systemId] }), 400, 'validation_failed');
  });
});

/** §10.6 / §11.2 Godkjenning. */
describe('§10.6 / §11.2 Godkjenning', () => {
  let ctx: TestContext;
  let w: World;
  let sakId: string;
  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    sakId = await buildSak(ctx.db, w.sbh);
  });
  afterAll(() => ctx.close());

  it('only from status R, only to a leader, only once at a time', async () => {
    const inn = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'I' });
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${inn}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId }), 409, 'status_conflict');
    const u = await buildJournalpost(ctx.db, w.sbh, sakId);
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${u}/til-godkjenning`, { mottakerId: w.sbh2.bruker.systemId }), 400, 'validation_failed');
    expect((await som(ctx, w.sbh).post(`/api/journalposter/${u}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId })).status).toBe(201);
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${u}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId }), 409, 'status_conflict');
    expectProblem(await som(ctx, w.fremmed).post(`/api/journalposter/${u}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId }), 403, 'forbidden');
  });

  it('Ikke godkjent returns to the previous step, or to the receiver the leader chooses', async () => {
    const u = await buildJournalpost(ctx.db, w.sbh, sakId);
    const [o] = (await som(ctx, w.sbh).post(`/api/journalposter/${u}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId })).body;
    expectProblem(await som(ctx, w.sbh).post(`/api/oppgaver/${o.systemId}/svar`, { svar: 'Godkjent' }), 403, 'forbidden');
    await som(ctx, w.leder).post(`/api/oppgaver/${o.systemId}/svar`, { svar: 'Ikke godkjent', mottakerId: w.sbh2.bruker.systemId, merknad: 'Sbh2 retter' });
    const kurv = (await som(ctx, w.sbh2).get('/api/kurver/mottatte_oppgaver')).body;
    expect(kurv.map((i: { tittel: string }) => i.tittel)).toHaveLength(1);
    expect((await som(ctx, w.sbh).get(`/api/journalposter/${u}`)).body.journalstatus).toBe('R');
  });

  it('Videresendt goes to the next approver; Godkjent sets F on U and S and goes back to the saksbehandler', async () => {
    const l2 = await buildBruker(ctx.db, { roller: [['LED', w.enhet.systemId]] });
    const s = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'S', tittel: 'Saksframlegg til utvalget' });
    const [o] = (await som(ctx, w.sbh).post(`/api/journalposter/${s}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId })).body;
    expectProblem(await som(ctx, w.leder).post(`/api/oppgaver/${o.systemId}/svar`, { svar: 'Videresendt for godkjenning' }), 400, 'validation_failed');
    await som(ctx, w.leder).post(`/api/oppgaver/${o.systemId}/svar`, { svar: 'Videresendt for godkjenning', mottakerId: l2.bruker.systemId });
    const [neste] = (await som(ctx, l2).get('/api/kurver/mottatt_for_godkjenning')).body;
    expect(neste).toBeDefined();
    await som(ctx, l2).post(`/api/oppgaver/${neste.systemId}/svar`, { svar: 'Godkjent' });
    expect((await som(ctx, w.sbh).get(`/api/journalposter/${s}`)).body.journalstatus).toBe('F');
    expect((await som(ctx, w.sbh).get('/api/kurver/mottatte_oppgaver')).body).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'oppgave', tittel: 'Saksframlegg til utvalget' })]));
  });

  it('Godkjent leaves an N-notat in R (it is expedited, not ferdigstilt)', async () => {
    const n = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'N', korrespondanseparter: [{ korrespondanseparttype: 'IM', navn: 'K', brukerId: w.sbh2.bruker.systemId }] });
    const [o] = (await som(ctx, w.sbh).post(`/api/journalposter/${n}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId })).body;
    await som(ctx, w.leder).post(`/api/oppgaver/${o.systemId}/svar`, { svar: 'Godkjent' });
    expect((await som(ctx, w.sbh).get(`/api/journalposter/${n}`)).body.journalstatus).toBe('R');
  });

  it('the approver may add a document version, which becomes the active one', async () => {
    const u = await buildJournalpost(ctx.db, w.sbh, sakId);
    const dokId = await buildDokument(ctx.db, ctx.blobs, w.sbh, u, 'utkast');
    await som(ctx, w.sbh).post(`/api/journalposter/${u}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId });
    const staged = await ctx.blobs.stage(Readable.from([Buffer.from('lederens versjon')]));
    await addVersjon(ctx.db, ctx.blobs, w.leder, dokId, 'P', { staged, filnavn: 'brev.txt', mimeType: 'text/plain' });
    const jp = (await som(ctx, w.sbh).get(`/api/journalposter/${u}`)).body;
    const versjoner = jp.dokumenter[0].versjoner;
    expect(versjoner.find((v: { aktiv: boolean }) => v.aktiv)).toMatchObject({ versjonsnummer: 2, opprettetAvId: w.leder.bruker.systemId });
  });

  it('hides a merknad about a screened record from a receiver without the code, as the record\'s own merknader are (§8 level 2)', async () => {
    const skjermetJp = await buildJournalpost(ctx.db, w.sbh, sakId, { tittel: 'Søknad om permisjon', skjerming: { tilgangskode: 'U', skjermingsnivaa: 2, skjermingshjemmel: 'Offl. § 13' } });
    const [til2] = (await som(ctx, w.sbh).post('/api/oppgaver', { oppgavetype: 'UTTALELSE', journalpostId: skjermetJp, mottakerIds: [w.sbh2.bruker.systemId], merknad: 'Kari er syk til mars' })).body;
    const [tilLeder] = (await som(ctx, w.sbh).post('/api/oppgaver', { oppgavetype: 'BESKJED', journalpostId: skjermetJp, mottakerIds: [w.leder.bruker.systemId], merknad: 'Kari er syk til mars', merknadForAlle: true })).body;
    // The receiver without the code U sees that there is an oppgave, not what it says.
    const hos2 = await som(ctx, w.sbh2).get(`/api/oppgaver/${til2.systemId}`);
    expect(hos2.status).toBe(200);
    expect(hos2.body.merknad).toBeNull();
    expect(JSON.stringify(hos2.body)).not.toContain('Kari');
    // The sender wrote it; the leader has the code for the unit.
    expect((await som(ctx, w.sbh).get(`/api/oppgaver/${til2.systemId}`)).body.merknad).toBe('Kari er syk til mars');
    expect((await som(ctx, w.leder).get(`/api/oppgaver/${tilLeder.systemId}`)).body.merknad).toBe('Kari er syk til mars');
    // An answer's merknad: seen by the one who wrote it and by the sender, not by others without the code.
    const svar = await som(ctx, w.sbh2).post(`/api/oppgaver/${til2.systemId}/svar`, { svar: 'Uttalelse gitt', merknad: 'Kari kan jobbe redusert' });
    expect(svar.body.svarMerknad).toBe('Kari kan jobbe redusert');
    expect((await som(ctx, w.sbh).get(`/api/oppgaver/${til2.systemId}`)).body.svarMerknad).toBe('Kari kan jobbe redusert');
  });
});
