import type { Actor } from '../auth/actor';
import type { TestContext } from '../test/context';
import { buildDokument, buildJournalpost, buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { openWorld, type World } from '../test/world';

/**
 * §5 avskrivningsmåter and §10.2 "dokumentere sammenheng og knytning mellom dokumenter og
 * tilhørende svardokumenter": a code that names the reply (BU besvart med utgående brev, BI
 * besvart med inngående brev, BX besvart med X-notat, NX besvart med N-notat) needs that reply,
 * of that kind; Besvar gives each dokumenttype the reply that fits it, and the link is in the
 * historikk of both records.
 */
describe('§10.2 Document and its answer', () => {
  let ctx: TestContext;
  let w: World;
  let sakId: string;
  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    sakId = await buildSak(ctx.db, w.sbh);
    // §6: the saksansvarlig lets sbh2 add journalposter (an N-notat to sbh) to the sak.
    expect((await som(ctx, w.sbh).post(`/api/saker/${sakId}/tilganger`, { brukerId: w.sbh2.bruker.systemId })).status).toBe(200);
  });
  afterAll(() => ctx.close());

  const EVA = { korrespondanseparttype: 'EA', navn: 'Eva Hansen', epostadresse: 'eva@example.org' } as const;
  const innkommende = () => buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', saksbehandlerId: w.sbh.bruker.systemId, korrespondanseparter: [EVA] });
  const ekspeder = async (actor: Actor, id: string) => {
    await buildDokument(ctx.db, ctx.blobs, actor, id);
    expect((await som(ctx, actor).post(`/api/journalposter/${id}/ekspeder`, {})).status).toBe(200);
  };
  /** A sent U with a forfallsdato: the saksbehandler follows it up (§5 Restanse). */
  const sendtBrev = async () => {
    const id = await buildJournalpost(ctx.db, w.sbh, sakId, {
      journalposttype: 'U',
      forfallsdato: '2099-01-01',
      korrespondanseparter: [
        { korrespondanseparttype: 'EM', navn: 'Ola Nordmann', epostadresse: 'ola@example.org' },
        { korrespondanseparttype: 'EK', navn: 'Advokat Berg', epostadresse: 'berg@example.org' },
      ],
    });
    await ekspeder(w.sbh, id);
    return id;
  };
  /** An N-notat from sbh2 to sbh, sent: sbh follows it up (§10.8). */
  const sendtNotat = async () => {
    const id = await buildJournalpost(ctx.db, w.sbh2, sakId, { journalposttype: 'N', korrespondanseparter: [{ korrespondanseparttype: 'IM', navn: 'Mottaker', brukerId: w.sbh.bruker.systemId }] });
    await ekspeder(w.sbh2, id);
    return id;
  };
  const avskriv = (id: string, body: object) => som(ctx, w.sbh).post(`/api/journalposter/${id}/avskrivninger`, body);
  const restanse = async (id: string) => (await som(ctx, w.sbh).get(`/api/journalposter/${id}`)).body.restanse as boolean;
  const parter = (jp: { korrespondanseparter: { korrespondanseparttype: string; navn: string }[] }) => jp.korrespondanseparter.map((p) => `${p.korrespondanseparttype}:${p.navn}`).sort();

  it('BU needs the outgoing reply: none is refused (400), an incoming letter is refused (422), nothing is written', async () => {
    const inn = await innkommende();
    expectProblem(await avskriv(inn, { avskrivningsmaate: 'BU' }), 400, 'validation_failed');
    const annetInn = await innkommende();
    expectProblem(await avskriv(inn, { avskrivningsmaate: 'BU', svarJournalpostId: annetInn }), 422, 'unprocessable');
    const notat = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'X' });
    expectProblem(await avskriv(inn, { avskrivningsmaate: 'BU', svarJournalpostId: notat }), 422, 'unprocessable');
    expect((await som(ctx, w.sbh).get(`/api/journalposter/${inn}`)).body).toMatchObject({ restanse: true, avskrivninger: [] });
  });

  it('BI needs the incoming reply: a U avskrevet with an incoming letter, at once; an outgoing one is refused', async () => {
    const brev = await sendtBrev();
    expect(await restanse(brev)).toBe(true);
    expectProblem(await avskriv(brev, { avskrivningsmaate: 'BI' }), 400, 'validation_failed');
    const annetBrev = await sendtBrev();
    expectProblem(await avskriv(brev, { avskrivningsmaate: 'BI', svarJournalpostId: annetBrev }), 422, 'unprocessable');
    const svarInn = await innkommende();
    const ok = await avskriv(brev, { avskrivningsmaate: 'BI', svarJournalpostId: svarInn });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ restanse: false, avskrivninger: [{ avskrivningsmaate: 'BI', ventende: false, svarJournalpostId: svarInn }] });
  });

  it('BX needs an X-notat and NX an N-notat', async () => {
    const n = await sendtNotat();
    const x = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'X' });
    const n2 = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'N', korrespondanseparter: [{ korrespondanseparttype: 'IM', navn: 'Tilbake', brukerId: w.sbh2.bruker.systemId }] });
    expectProblem(await avskriv(n, { avskrivningsmaate: 'BX' }), 400, 'validation_failed');
    expectProblem(await avskriv(n, { avskrivningsmaate: 'BX', svarJournalpostId: n2 }), 422, 'unprocessable');
    expectProblem(await avskriv(n, { avskrivningsmaate: 'NX', svarJournalpostId: x }), 422, 'unprocessable');
    const ok = await avskriv(n, { avskrivningsmaate: 'NX', svarJournalpostId: n2 });
    expect(ok.status).toBe(201);
    expect(ok.body.avskrivninger).toEqual([expect.objectContaining({ avskrivningsmaate: 'NX', svarJournalpostId: n2, ventende: true })]);
  });

  it('Besvar on a U: a follow-up letter to the same recipients; it avskriver only with a code chosen for a U (no BI by default)', async () => {
    const brev = await sendtBrev();
    const sbh = som(ctx, w.sbh);
    // No code names "a U answered by an outgoing letter": the user must choose one.
    expectProblem(await sbh.post('/api/svar', { maate: 'besvar_og_avskriv', journalpostIds: [brev], tittel: 'Purring' }), 422, 'avskrivningsmaate_not_allowed');
    // BI names an incoming letter, which is registered, not written.
    expectProblem(await sbh.post('/api/svar', { maate: 'besvar_og_avskriv', journalpostIds: [brev], tittel: 'Purring', avskrivningsmaate: 'BI' }), 422, 'avskrivningsmaate_not_allowed');
    const purring = await sbh.post('/api/svar', { maate: 'besvar_uten_avskrivning', journalpostIds: [brev], tittel: 'Purring' });
    expect(purring.status).toBe(201);
    expect(purring.body.journalposttype).toBe('U');
    expect(parter(purring.body)).toEqual(['EK:Advokat Berg', 'EM:Ola Nordmann']);
    const svar = await sbh.post('/api/svar', { maate: 'besvar_og_avskriv', journalpostIds: [brev], tittel: 'Svar per e-post', avskrivningsmaate: 'EP' });
    expect(svar.status).toBe(201);
    expect(parter(svar.body)).toEqual(['EK:Advokat Berg', 'EM:Ola Nordmann']);
    expect(await restanse(brev)).toBe(true);
    await ekspeder(w.sbh, svar.body.systemId);
    expect((await sbh.get(`/api/journalposter/${brev}`)).body).toMatchObject({ restanse: false, avskrivninger: [expect.objectContaining({ avskrivningsmaate: 'EP', svarJournalpostId: svar.body.systemId })] });
  });

  it('Besvar on an N-notat: an X-notat back to its author (BX), which avskriver when sent', async () => {
    const n = await sendtNotat();
    const svar = await som(ctx, w.sbh).post('/api/svar', { maate: 'besvar_og_avskriv', journalpostIds: [n], tittel: 'Svar på notat' });
    expect(svar.status).toBe(201);
    expect(svar.body.journalposttype).toBe('X');
    expect(svar.body.korrespondanseparter).toEqual([expect.objectContaining({ korrespondanseparttype: 'IM', navn: w.sbh2.bruker.navn })]);
    expect((await som(ctx, w.sbh).get(`/api/journalposter/${n}`)).body.avskrivninger).toEqual([expect.objectContaining({ avskrivningsmaate: 'BX', ventende: true })]);
    await ekspeder(w.sbh, svar.body.systemId);
    expect(await restanse(n)).toBe(false);
  });

  it('Besvar writes the reply↔original link to the historikk of both records', async () => {
    const a = await innkommende();
    const b = await innkommende();
    const svar = (await som(ctx, w.sbh).post('/api/svar', { maate: 'besvar_og_avskriv', journalpostIds: [a, b], tittel: 'Svar til Eva' })).body;
    const historikk = async (id: string) => (await som(ctx, w.sbh).get(`/api/journalposter/${id}/historikk`)).body as { handling: string; data: Record<string, unknown> }[];
    const paaSvar = (await historikk(svar.systemId)).filter((h) => h.handling === 'kryssreferanse_lagt_til').map((h) => h.data.tilId);
    expect(paaSvar.sort()).toEqual([a, b].sort());
    for (const o of [a, b]) {
      expect((await historikk(o)).filter((h) => h.handling === 'svar_opprettet')).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ svarJournalpostId: svar.systemId, svarNummer: svar.registreringsId, maate: 'besvar_og_avskriv' }) }),
      ]);
    }
  });
});
