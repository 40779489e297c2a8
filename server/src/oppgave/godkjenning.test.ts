import { Readable } from 'node:stream';
import { addVersjon } from '../dokument/dokument.service';
import type { TestContext } from '../test/context';
import { buildBruker, buildDokument, buildJournalpost, buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { openWorld, type World } from '../test/world';
import { idag } from '../test/dato';

const mottaker = [{ korrespondanseparttype: 'EM' as const, navn: 'Mottaker', postadresse: 'Storgata 1, 2211 Kongsvinger' }];

/** §10.6 / §11.2: approval is by someone else, cannot be bypassed, and nothing is left stuck. */
describe('§10.6 / §11.2 Godkjenning: by someone else, never bypassed, never stuck', () => {
  let ctx: TestContext;
  let w: World;
  let sakId: string;
  let leder2: World['leder'];
  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    sakId = await buildSak(ctx.db, w.sbh);
    leder2 = await buildBruker(ctx.db, { roller: [['LED', w.annenEnhet.systemId]] });
  });
  afterAll(() => ctx.close());

  it('a leader cannot send her own letter for approval to herself, nor have it forwarded back to her', async () => {
    const eget = await buildJournalpost(ctx.db, w.leder, sakId, { saksbehandlerId: w.leder.bruker.systemId });
    expectProblem(await som(ctx, w.leder).post(`/api/journalposter/${eget}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId }), 422, 'self_approval');
    const [o] = (await som(ctx, w.leder).post(`/api/journalposter/${eget}/til-godkjenning`, { mottakerId: leder2.bruker.systemId })).body;
    expectProblem(await som(ctx, leder2).post(`/api/oppgaver/${o.systemId}/svar`, { svar: 'Videresendt for godkjenning', mottakerId: w.leder.bruker.systemId }), 422, 'self_approval');
    expect((await som(ctx, leder2).post(`/api/oppgaver/${o.systemId}/svar`, { svar: 'Godkjent' })).body.status).toBe('besvart');
    expect((await som(ctx, w.leder).get(`/api/journalposter/${eget}`)).body.journalstatus).toBe('F');
  });

  it('a deputy cannot approve his own letter on behalf of his leader; the leader can', async () => {
    await som(ctx, w.leder).post('/api/stedfortredere', { stedfortrederId: w.sbh2.bruker.systemId, fraDato: idag(), tilDato: '2099-12-31' });
    const brev = await buildJournalpost(ctx.db, w.sbh2, await buildSak(ctx.db, w.sbh2));
    const [o] = (await som(ctx, w.sbh2).post(`/api/journalposter/${brev}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId })).body;
    const deputy = som(ctx, w.sbh2, { paaVegneAv: w.leder.bruker.systemId });
    expect((await deputy.get('/api/kurver/mottatt_for_godkjenning')).body.map((i: { systemId: string }) => i.systemId)).toContain(o.systemId);
    expectProblem(await deputy.post(`/api/oppgaver/${o.systemId}/svar`, { svar: 'Godkjent' }), 422, 'self_approval');
    expect((await som(ctx, w.sbh2).get(`/api/journalposter/${brev}`)).body.journalstatus).toBe('R');
    expect((await som(ctx, w.leder).post(`/api/oppgaver/${o.systemId}/svar`, { svar: 'Godkjent' })).body.status).toBe('besvart');
  });

  it('one request names one approver; further steps come by Videresendt', async () => {
    const brev = await buildJournalpost(ctx.db, w.sbh, sakId);
    expectProblem(await som(ctx, w.sbh).post('/api/oppgaver', { oppgavetype: 'GODKJENNING', journalpostId: brev, mottakerIds: [w.leder.bruker.systemId, leder2.bruker.systemId] }), 400, 'validation_failed');
    expect(await ctx.db.selectFrom('oppgave').select('systemId').where('journalpostId', '=', brev).execute()).toEqual([]);
  });

  it('a letter cannot be expedited while its approval is open; once approved it goes out and the oppgave is finished', async () => {
    const brev = await buildJournalpost(ctx.db, w.sbh, sakId, { korrespondanseparter: mottaker });
    await buildDokument(ctx.db, ctx.blobs, w.sbh, brev, 'Brevet');
    const [o] = (await som(ctx, w.sbh).post(`/api/journalposter/${brev}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId })).body;
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${brev}/ekspeder`, {}), 409, 'approval_pending');
    expectProblem(await som(ctx, w.sbh).post(`/api/journalposter/${brev}/ekspeder/forhaandsvisning`, {}), 409, 'approval_pending');
    expect((await som(ctx, w.sbh).get(`/api/journalposter/${brev}`)).body.journalstatus).toBe('R');
    expect((await som(ctx, w.leder).post(`/api/oppgaver/${o.systemId}/svar`, { svar: 'Godkjent' })).body.status).toBe('besvart');
    const sendt = await som(ctx, w.sbh).post(`/api/journalposter/${brev}/ekspeder`, {});
    expect(sendt.status).toBe(200);
    expect(sendt.body.journalstatus).toBe('E');
    expect((await som(ctx, w.leder).get('/api/kurver/mottatt_for_godkjenning')).body.map((i: { systemId: string }) => i.systemId)).not.toContain(o.systemId);
  });

  it('removing a journalpost withdraws its open oppgaver with a visible historikk record', async () => {
    const brev = await buildJournalpost(ctx.db, w.sbh, sakId);
    const [o] = (await som(ctx, w.sbh).post(`/api/journalposter/${brev}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId })).body;
    expect((await som(ctx, w.sbh).post(`/api/journalposter/${brev}/feilregistrer`)).status).toBe(204);
    expect((await som(ctx, w.leder).get(`/api/oppgaver/${o.systemId}`)).body.status).toBe('fjernet');
    expect((await som(ctx, w.leder).get('/api/kurver/mottatt_for_godkjenning')).body.map((i: { systemId: string }) => i.systemId)).not.toContain(o.systemId);
    const h = await ctx.db.selectFrom('historikk').select(['handling', 'data', 'brukerId']).where('objektId', '=', o.systemId).where('handling', '=', 'oppgave_trukket').execute();
    expect(h).toEqual([{ handling: 'oppgave_trukket', brukerId: w.sbh.bruker.systemId, data: expect.objectContaining({ oppgavetype: 'GODKJENNING', grunn: 'journalposten er feilregistrert' }) }]);
  });

  it('§10.6 Sendt til godkjenning keeps the item after Videresendt and says who has it; the next approver, of another unit, may add a version', async () => {
    const brev = await buildJournalpost(ctx.db, w.sbh, sakId, { tittel: 'Vedtak om tilskudd' });
    const dokId = await buildDokument(ctx.db, ctx.blobs, w.sbh, brev, 'utkast');
    const [o] = (await som(ctx, w.sbh).post(`/api/journalposter/${brev}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId })).body;
    const sendt = async () => (await som(ctx, w.sbh).get('/api/kurver/sendt_til_godkjenning')).body.filter((i: { tittel: string }) => i.tittel === 'Vedtak om tilskudd');
    expect(await sendt()).toEqual([expect.objectContaining({ systemId: o.systemId, hos: w.leder.bruker.navn })]);
    await som(ctx, w.leder).post(`/api/oppgaver/${o.systemId}/svar`, { svar: 'Videresendt for godkjenning', mottakerId: leder2.bruker.systemId });
    const [neste] = (await som(ctx, leder2).get('/api/kurver/mottatt_for_godkjenning')).body.filter((i: { tittel: string }) => i.tittel === 'Vedtak om tilskudd');
    expect(await sendt()).toEqual([expect.objectContaining({ systemId: neste.systemId, hos: leder2.bruker.navn })]);
    // The forwarding leader does not get the saksbehandler's follow-up.
    expect((await som(ctx, w.leder).get('/api/kurver/sendt_til_godkjenning')).body.filter((i: { tittel: string }) => i.tittel === 'Vedtak om tilskudd')).toEqual([]);

    const staged = await ctx.blobs.stage(Readable.from([Buffer.from('leder 2 retter')]));
    expect(await addVersjon(ctx.db, ctx.blobs, leder2, dokId, 'P', { staged, filnavn: 'brev.txt', mimeType: 'text/plain' })).toBe(2);
    await som(ctx, leder2).post(`/api/oppgaver/${neste.systemId}/svar`, { svar: 'Godkjent' });
    expect(await sendt()).toEqual([]);
    // Once answered, the approver is back to having no rights on another unit's letter.
    const igjen = await ctx.blobs.stage(Readable.from([Buffer.from('for sent')]));
    await expect(addVersjon(ctx.db, ctx.blobs, leder2, dokId, 'P', { staged: igjen, filnavn: 'brev.txt', mimeType: 'text/plain' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('§12.1 and restanse: every oppgave and restanse can be finished', () => {
  let ctx: TestContext;
  let w: World;
  let sakId: string;
  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    sakId = await buildSak(ctx.db, w.sbh);
  });
  afterAll(() => ctx.close());

  it('an incoming letter with restanse is not archived until it is avskrevet (it would stay in Ubehandlet for ever)', async () => {
    const inn = await buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', tittel: 'Søknad om tilskudd', saksbehandlerId: w.sbh.bruker.systemId, korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Søker', postadresse: 'Vei 1' }] });
    expect((await som(ctx, w.ark).post(`/api/journalposter/${inn}/journalfoer`)).body.journalstatus).toBe('J');
    expectProblem(await som(ctx, w.ark).post(`/api/journalposter/${inn}/arkiver`), 409, 'restanse_open');
    const ubehandlet = async () => (await som(ctx, w.sbh).get('/api/kurver/ubehandlet')).body.map((i: { systemId: string }) => i.systemId);
    expect(await ubehandlet()).toContain(inn);
    // Avskrivning is allowed on a journalført record; then the archive archives it.
    expect((await som(ctx, w.sbh).post(`/api/journalposter/${inn}/avskrivninger`, { avskrivningsmaate: 'TE' })).status).toBe(201);
    expect(await ubehandlet()).not.toContain(inn);
    expect((await som(ctx, w.ark).post(`/api/journalposter/${inn}/arkiver`)).body.journalstatus).toBe('A');
  });

  it('§12.1 the moment the receiver reads an oppgave is in historikk (from then on it cannot be deactivated)', async () => {
    const jpId = await buildJournalpost(ctx.db, w.sbh, sakId);
    const [o] = (await som(ctx, w.sbh).post('/api/oppgaver', { oppgavetype: 'BESKJED', journalpostId: jpId, mottakerIds: [w.sbh2.bruker.systemId] })).body;
    // The sender opening it is no reading by the receiver.
    await som(ctx, w.sbh).post(`/api/oppgaver/${o.systemId}/lest`);
    await som(ctx, w.sbh2).post(`/api/oppgaver/${o.systemId}/lest`);
    await som(ctx, w.sbh2).post(`/api/oppgaver/${o.systemId}/lest`);
    const h = (await som(ctx, w.sbh).get(`/api/journalposter/${jpId}/historikk`)).body.filter((x: { handling: string; objektId: string }) => x.objektId === o.systemId);
    expect(h.map((x: { handling: string }) => x.handling)).toEqual(['oppgave_sendt', 'oppgave_lest']);
    expect(h[1].bruker.systemId).toBe(w.sbh2.bruker.systemId);
    expectProblem(await som(ctx, w.sbh).post(`/api/oppgaver/${o.systemId}/deaktiver`), 409, 'oppgave_not_open');
  });
});
