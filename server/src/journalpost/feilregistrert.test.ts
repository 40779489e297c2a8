import type { Actor } from '../auth/actor';
import type { TestContext } from '../test/context';
import { buildDokument, buildSak } from '../test/factories';
import { expectProblem, som, type Svar } from '../test/http';
import { openWorld, type World } from '../test/world';
import { idag } from '../test/dato';

/**
 * §12.6 Feilregistrering: a removed journalpost keeps its row and its historikk, and is gone
 * from every other read path: the record, its documents, the lists and counts that held it,
 * the public journal in every format and the møte it was on. The archive lists removed records.
 */
describe('§12.6 a feilregistrert journalpost is gone from every read path', () => {
  let ctx: TestContext;
  let w: World;
  let sakId: string;
  let annenSakId: string;
  let naboId: string;
  let moeteId: string;
  /** The incoming letter: journalført, published, on a møte, referenced, with an oppgave and restanse. */
  let inn: string;
  let innDok: string;
  let oppgaveId: string;
  /** The outgoing letter: expedited on paper, with an utsending and its bundle. */
  let ut: string;
  let utDok: string;
  let utsendingId: string;
  const INN_TITTEL = 'Klage FEILREG-INN-7731';
  const UT_TITTEL = 'Brev FEILREG-UT-7731';
  const iDag = idag();

  const ok = (res: Svar, sti: string) => {
    if (res.status !== 200) throw new Error(`${sti}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const ids = (items: { systemId: string }[]) => items.map((i) => i.systemId);
  const raw = async (url: string, actor?: Actor) =>
    ctx.app.inject({ method: 'GET', url, headers: actor ? await ctx.auth(actor.bruker.brukernavn) : {} });

  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    const { db, blobs } = ctx;
    sakId = await buildSak(db, w.sbh, { tittel: 'Klagesak om feilregistrering' });
    annenSakId = await buildSak(db, w.sbh, { tittel: 'Nabosak' });
    const sbh = som(ctx, w.sbh);
    const ark = som(ctx, w.ark);

    const opprettet = await som(ctx, w.dok).post(`/api/saker/${sakId}/journalposter`, {
      journalposttype: 'I',
      tittel: INN_TITTEL,
      saksbehandlerId: w.sbh.bruker.systemId,
      forfallsdato: '2099-01-01',
      korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Fjordvik Velforening', organisasjonsnummer: '987654321' }],
    });
    inn = opprettet.body.systemId;
    innDok = await buildDokument(db, blobs, w.sbh, inn, 'innholdet i klagen');
    expect((await sbh.put(`/api/dokumenter/${innDok}/publisering`, { publiseres: true })).status).toBe(200);
    expect((await ark.post(`/api/journalposter/${inn}/journalfoer`)).body.journalstatus).toBe('J');

    const utvalg = await ark.post('/api/utvalg', { kode: 'HOK', navn: 'Hovedutvalg for oppvekst' });
    moeteId = (await ark.post(`/api/utvalg/${utvalg.body.systemId}/moeter`, { moetedato: '2027-03-01' })).body.systemId;
    expect((await sbh.post(`/api/journalposter/${inn}/meld-opp`, { moeteId, utvalgssakstype: 'RS' })).status).toBe(201);

    naboId = (await sbh.post(`/api/saker/${annenSakId}/journalposter`, { journalposttype: 'X', tittel: 'Notat om klagen' })).body.systemId;
    expect((await sbh.post(`/api/journalposter/${naboId}/kryssreferanser`, { tilJournalpostId: inn })).status).toBe(201);
    expect((await sbh.post(`/api/saker/${annenSakId}/kryssreferanser`, { tilJournalpostId: inn })).status).toBe(201);

    const oppgave = await sbh.post('/api/oppgaver', { oppgavetype: 'BESKJED', journalpostId: inn, mottakerIds: [w.sbh2.bruker.systemId], merknad: 'Se på denne' });
    expect(oppgave.status).toBe(201);
    oppgaveId = oppgave.body[0].systemId;

    ut = (
      await sbh.post(`/api/saker/${sakId}/journalposter`, {
        journalposttype: 'U',
        tittel: UT_TITTEL,
        korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Papir Mottaker', postadresse: 'Storgata 1', postnummer: '9999', poststed: 'Fjordvik' }],
      })
    ).body.systemId;
    utDok = await buildDokument(db, blobs, w.sbh, ut, 'innholdet i brevet');
    const utView = ok(await sbh.get(`/api/journalposter/${ut}`), 'ut');
    const papir = utView.korrespondanseparter[0].systemId;
    expect((await sbh.post(`/api/journalposter/${ut}/ekspeder`, { mottakere: [{ korrespondansepartId: papir, kanal: 'papir' }] })).status).toBe(200);
    utsendingId = ok(await sbh.get(`/api/journalposter/${ut}/utsendinger`), 'utsendinger')[0].systemId;

    // A second, ordinary published record keeps the period's public journal non-empty (the XML needs one).
    const annen = (await som(ctx, w.dok).post(`/api/saker/${annenSakId}/journalposter`, { journalposttype: 'I', tittel: 'Vanlig henvendelse', saksbehandlerId: w.sbh2.bruker.systemId })).body.systemId;
    await ark.post(`/api/journalposter/${annen}/journalfoer`);
  }, 180_000);
  afterAll(() => ctx.close());

  /** Every read path, as "is the record there?": true, false, or a failure for anything but 200/404. */
  const stier = (): Record<string, () => Promise<boolean>> => {
    const sbh = som(ctx, w.sbh);
    const finnes404 = async (res: Svar | { statusCode: number }, sti: string) => {
      const status = 'statusCode' in res ? res.statusCode : res.status;
      if (status === 404) return false;
      if (status === 200) return true;
      throw new Error(`${sti}: ${status}`);
    };
    return {
      'GET journalpost': async () => finnes404(await sbh.get(`/api/journalposter/${inn}`), 'journalpost'),
      'GET journalpost (arkivet)': async () => finnes404(await som(ctx, w.ark).get(`/api/journalposter/${inn}`), 'journalpost'),
      'sakens journalposter': async () => ids(ok(await sbh.get(`/api/saker/${sakId}/journalposter`), 'liste').items).includes(inn),
      'sakens journalposter, antall': async () => ok(await sbh.get(`/api/saker/${sakId}/journalposter`), 'liste').total === 2,
      'sakens journalposter, filtrert på status J': async () => ids(ok(await sbh.get(`/api/saker/${sakId}/journalposter?journalstatus=J`), 'liste').items).includes(inn),
      søk: async () => ids(ok(await sbh.get(`/api/sok?q=${encodeURIComponent('FEILREG-INN-7731')}`), 'søk').journalposter.items).includes(inn),
      'søk, antall': async () => ok(await sbh.get(`/api/sok?q=FEILREG`), 'søk').journalposter.total === 2,
      'søk (arkivet)': async () => ids(ok(await som(ctx, w.ark).get(`/api/sok?q=FEILREG`), 'søk').journalposter.items).includes(ut),
      'kurv Ubehandlet': async () => ids(ok(await sbh.get('/api/kurver/ubehandlet'), 'kurv')).includes(inn),
      'kurv Ubehandlet, antall': async () => ok(await sbh.get('/api/kurver'), 'kurver').find((k: { kurv: string }) => k.kurv === 'ubehandlet').antall === 1,
      'kurv Mottatte oppgaver': async () => ids(ok(await som(ctx, w.sbh2).get('/api/kurver/mottatte_oppgaver'), 'kurv')).includes(oppgaveId),
      restanserapport: async () => ids(ok(await som(ctx, w.leder).get(`/api/rapporter/restanse?enhetId=${w.enhet.systemId}`), 'rapport').journalposter).includes(inn),
      'kryssreferanser fra en annen journalpost': async () =>
        ok(await sbh.get(`/api/journalposter/${naboId}/kryssreferanser`), 'kryssref').refererer.some((r: { objekt: { systemId: string } }) => r.objekt.systemId === inn),
      'kryssreferanser fra en annen sak': async () =>
        ok(await sbh.get(`/api/saker/${annenSakId}/kryssreferanser`), 'kryssref').refererer.some((r: { objekt: { systemId: string } }) => r.objekt.systemId === inn),
      'journalpostens egne kryssreferanser': async () => finnes404(await sbh.get(`/api/journalposter/${inn}/kryssreferanser`), 'kryssref'),
      'journalpostens oppgaver': async () => finnes404(await sbh.get(`/api/journalposter/${inn}/oppgaver`), 'oppgaver'),
      'møtets saksliste': async () => ok(await sbh.get(`/api/moeter/${moeteId}/saker`), 'møte').some((u: { journalpostId: string }) => u.journalpostId === inn),
      'dokument, intern nedlasting': async () => finnes404(await raw(`/api/dokumenter/${innDok}/innhold`, w.ark), 'dokument'),
      'dokument, bestemt versjon': async () => finnes404(await raw(`/api/dokumenter/${utDok}/versjoner/1/innhold`, w.sbh), 'dokument'),
      'dokument, utskrift': async () => finnes404(await ctx.app.inject({ method: 'POST', url: '/api/utskrift', headers: await ctx.auth(w.sbh.bruker.brukernavn), payload: { dokumenter: [{ dokumentId: innDok }] } }), 'utskrift'),
      utsendinger: async () => finnes404(await sbh.get(`/api/journalposter/${ut}/utsendinger`), 'utsendinger'),
      'utsending, papirpakke': async () => finnes404(await raw(`/api/utsendinger/${utsendingId}/pakke.pdf`, w.sbh), 'pakke'),
      'offentlig journal JSON': async () => ids(ok(await sbh.get(`/api/offentlig-journal?fra=${iDag}&til=${iDag}&antall=100`), 'oj').items).includes(inn),
      'offentlig journal JSON, søk og antall': async () => ok(await sbh.get(`/api/offentlig-journal?fra=${iDag}&til=${iDag}&q=FEILREG`), 'oj').total === 1,
      'offentlig journal HTML': async () => (await raw(`/offentlig-journal?fra=${iDag}&til=${iDag}&antall=100`)).body.includes(INN_TITTEL),
      'offentlig journal XML': async () => (await raw(`/api/offentlig-journal.xml?fra=${iDag}&til=${iDag}`)).body.includes(INN_TITTEL),
      'offentlig journal, publisert dokument': async () => finnes404(await raw(`/offentlig-journal/dokumenter/${innDok}`), 'publisert'),
      'tittelvarsel i saken': async () =>
        (await sbh.post(`/api/saker/${sakId}/journalposter`, { journalposttype: 'X', tittel: INN_TITTEL })).body.advarsler.some((a: { kode: string }) => a.kode === 'lik_tittel'),
    };
  };

  it('is on every path before it is removed', async () => {
    const før: Record<string, boolean> = {};
    for (const [sti, finnes] of Object.entries(stier())) if (sti !== 'tittelvarsel i saken') før[sti] = await finnes();
    expect(før).toEqual(Object.fromEntries(Object.keys(før).map((k) => [k, true])));
  });

  it('is on none after the archive removes it, and the archive lists it among the removed', async () => {
    expect((await som(ctx, w.dok).post(`/api/journalposter/${inn}/feilregistrer`)).status).toBe(204);
    expect((await som(ctx, w.ark).post(`/api/journalposter/${ut}/feilregistrer`)).status).toBe(204);
    const etter: Record<string, boolean> = {};
    for (const [sti, finnes] of Object.entries(stier())) etter[sti] = await finnes();
    const ventet = Object.fromEntries(Object.keys(etter).map((k) => [k, false]));
    expect(etter).toEqual(ventet);

    const fjernet = await som(ctx, w.ark).get('/api/journalposter/feilregistrerte');
    expect(fjernet.status).toBe(200);
    const rad = fjernet.body.items.find((r: { systemId: string }) => r.systemId === inn);
    expect(rad).toMatchObject({ systemId: inn, tittel: INN_TITTEL, sakId, journalstatus: 'J', feilregistrertAv: { systemId: w.dok.bruker.systemId } });
    expect(ids(fjernet.body.items)).toEqual(expect.arrayContaining([inn, ut]));
    expectProblem(await som(ctx, w.sbh).get('/api/journalposter/feilregistrerte'), 403, 'forbidden');
  });

  it('keeps its historikk readable, with the removal and the closing of its oppgave', async () => {
    const h = await som(ctx, w.sbh).get(`/api/journalposter/${inn}/historikk`);
    expect(h.status).toBe(200);
    const handlinger = h.body.map((x: { handling: string; objektId: string }) => `${x.handling}:${x.objektId}`);
    expect(handlinger).toEqual(expect.arrayContaining([`journalpost_opprettet:${inn}`, `journalpost_feilregistrert:${inn}`, `oppgave_trukket:${oppgaveId}`]));
    const sakH = (await som(ctx, w.sbh).get(`/api/saker/${sakId}/historikk`)).body.map((x: { handling: string; objektId: string }) => `${x.handling}:${x.objektId}`);
    expect(sakH).toEqual(expect.arrayContaining([`journalpost_feilregistrert:${inn}`, `journalpost_feilregistrert:${ut}`]));
    const oppgave = await som(ctx, w.sbh2).get(`/api/oppgaver/${oppgaveId}`);
    expect(oppgave.body).toMatchObject({ status: 'fjernet', abilities: { besvar: false, fjernFraKurv: false } });
  });
});
