import type { Actor } from '../auth/actor';
import type { TestContext } from '../test/context';
import { buildDokument, buildJournalpost, buildSak } from '../test/factories';
import { som } from '../test/http';
import { openWorld, type World } from '../test/world';

/**
 * One definition of restanse (manual §5 "Restanse", §10.2, §10.8, §11.1): the desk's
 * Ubehandlet and Forfall and the leader's restanserapport list the same journalposter, over
 * a set of records in every status. The expected set is written from the manual:
 * - I: restanse from registration (§5: "Inngående journalposter må og skal avskrives").
 * - U: only with a forfallsdato, and only once it has gone out (§5: "du har sendt ut post som
 *   du må følge opp"); a draft (R) or an approved letter not yet sent (F) is in Dokumenter i
 *   arbeid / waiting, not in Ubehandlet.
 * - N: once expedited, for its internal recipients (§10.8 step 5: "Eventuelle mottakere får
 *   notatet i kurven Ubehandlet"); not for its author, and not before it is sent.
 * - X and S: never. Avskrevet: never.
 */
describe('§5/§10.8/§11.1 Restanse: the baskets and the restanserapport agree', () => {
  let ctx: TestContext;
  let w: World;
  let sakId: string;
  const forventet = new Map<string, string>();
  const ikke = new Map<string, string>();

  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    sakId = await buildSak(ctx.db, w.sbh);
    // §6: the saksansvarlig lets sbh2 add journalposter (the N-notater) to the sak.
    expect((await som(ctx, w.sbh).post(`/api/saker/${sakId}/tilganger`, { brukerId: w.sbh2.bruker.systemId })).status).toBe(200);
    const sbhId = w.sbh.bruker.systemId;
    const inn = (tittel: string, forfallsdato?: string) => buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', tittel, saksbehandlerId: sbhId, ...(forfallsdato ? { forfallsdato } : {}) });
    const ut = async (tittel: string, forfallsdato?: string) => {
      const id = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'U', tittel, ...(forfallsdato ? { forfallsdato } : {}), korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Mottaker', postadresse: 'Gate 1', postnummer: '2211', poststed: 'Kongsvinger' }] });
      await buildDokument(ctx.db, ctx.blobs, w.sbh, id);
      return id;
    };
    // An N-notat from sbh2 to sbh: sbh follows it up once it is sent.
    const notat = async (tittel: string, type: 'N' | 'X' = 'N') => {
      const id = await buildJournalpost(ctx.db, w.sbh2, sakId, {
        journalposttype: type,
        tittel,
        forfallsdato: '2099-01-01',
        korrespondanseparter: [{ korrespondanseparttype: 'IM', navn: 'Saksbehandler', brukerId: sbhId }],
      });
      await buildDokument(ctx.db, ctx.blobs, w.sbh2, id);
      return id;
    };
    const godkjenn = async (id: string, actor: Actor) => {
      const [o] = (await som(ctx, actor).post(`/api/journalposter/${id}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId })).body;
      expect((await som(ctx, w.leder).post(`/api/oppgaver/${o.systemId}/svar`, { svar: 'Godkjent' })).status).toBeLessThan(300);
    };
    const ekspeder = async (id: string, actor: Actor) => expect((await som(ctx, actor).post(`/api/journalposter/${id}/ekspeder`, {})).status).toBe(200);
    const journalfoer = async (id: string) => expect((await som(ctx, w.ark).post(`/api/journalposter/${id}/journalfoer`)).status).toBe(200);
    const arkiver = async (id: string) => expect((await som(ctx, w.ark).post(`/api/journalposter/${id}/arkiver`)).status).toBe(200);

    // I: S and J carry restanse, past due or not; avskrevet none. A record is archived only
    // once avskrevet (an archived record is closed), so A never carries restanse.
    forventet.set(await inn('I registrert', '2099-01-01'), 'I S');
    forventet.set(await inn('I forfalt', '2020-01-01'), 'I S forfalt');
    const ij = await inn('I journalført');
    await journalfoer(ij);
    forventet.set(ij, 'I J');
    const ia = await inn('I arkivert');
    await journalfoer(ia);
    expect((await som(ctx, w.sbh).post(`/api/journalposter/${ia}/avskrivninger`, { avskrivningsmaate: 'TE' })).status).toBe(201);
    await arkiver(ia);
    ikke.set(ia, 'I A avskrevet');
    const iav = await inn('I avskrevet');
    expect((await som(ctx, w.sbh).post(`/api/journalposter/${iav}/avskrivninger`, { avskrivningsmaate: 'TE' })).status).toBe(201);
    ikke.set(iav, 'I avskrevet');

    // U with a forfallsdato: not while R or F; from E on.
    ikke.set(await ut('U utkast med frist', '2099-01-01'), 'U R med frist');
    const uf = await ut('U godkjent med frist', '2099-01-01');
    await godkjenn(uf, w.sbh);
    ikke.set(uf, 'U F med frist');
    const ue = await ut('U sendt med frist', '2099-01-01');
    await ekspeder(ue, w.sbh);
    forventet.set(ue, 'U E med frist');
    const uforfalt = await ut('U sendt, frist passert', '2020-01-01');
    await ekspeder(uforfalt, w.sbh);
    forventet.set(uforfalt, 'U E forfalt');
    const uj = await ut('U journalført med frist', '2099-01-01');
    await ekspeder(uj, w.sbh);
    await journalfoer(uj);
    forventet.set(uj, 'U J med frist');
    const ua = await ut('U arkivert med frist', '2099-01-01');
    await ekspeder(ua, w.sbh);
    await journalfoer(ua);
    expect((await som(ctx, w.sbh).post(`/api/journalposter/${ua}/avskrivninger`, { avskrivningsmaate: 'TE' })).status).toBe(201);
    await arkiver(ua);
    ikke.set(ua, 'U A avskrevet');
    // U without a forfallsdato: never.
    const uu = await ut('U sendt uten frist');
    await ekspeder(uu, w.sbh);
    ikke.set(uu, 'U E uten frist');

    // N: not while R or F; for the recipient from E on.
    ikke.set(await notat('N utkast'), 'N R');
    const nf = await notat('N godkjent');
    await godkjenn(nf, w.sbh2);
    ikke.set(nf, 'N F');
    const ne = await notat('N sendt');
    await ekspeder(ne, w.sbh2);
    forventet.set(ne, 'N E');
    const nj = await notat('N journalført');
    await ekspeder(nj, w.sbh2);
    await journalfoer(nj);
    forventet.set(nj, 'N J');

    // X and S: never.
    const x = await notat('X sendt', 'X');
    await ekspeder(x, w.sbh2);
    ikke.set(x, 'X E');
    ikke.set(await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'S', tittel: 'Saksframlegg' }), 'S R');
  });
  afterAll(() => ctx.close());

  const kurv = async (actor: Actor, navn: string) => ((await som(ctx, actor).get(`/api/kurver/${navn}`)).body as { systemId: string }[]).map((i) => i.systemId);
  const navn = (ids: Iterable<string>) => [...ids].map((id) => forventet.get(id) ?? ikke.get(id) ?? id).sort();

  it('Ubehandlet and Forfall hold exactly the restanser the manual gives the saksbehandler', async () => {
    const ubehandlet = await kurv(w.sbh, 'ubehandlet');
    const forfall = await kurv(w.sbh, 'forfall');
    expect(navn([...ubehandlet, ...forfall])).toEqual(navn(forventet.keys()));
    expect(navn(forfall)).toEqual(['I S forfalt', 'U E forfalt']);
    // The author of the N-notater follows none of them up.
    expect(navn([...(await kurv(w.sbh2, 'ubehandlet')), ...(await kurv(w.sbh2, 'forfall'))])).toEqual([]);
  });

  it('the restanserapport per saksbehandler lists the same journalposter as the baskets, with the same past due ones', async () => {
    const res = await som(ctx, w.leder).get(`/api/rapporter/restanse?saksbehandlerId=${w.sbh.bruker.systemId}`);
    expect(res.status).toBe(200);
    const rader = res.body.journalposter as { systemId: string; forfalt: boolean }[];
    expect(navn(rader.map((r) => r.systemId))).toEqual(navn([...(await kurv(w.sbh, 'ubehandlet')), ...(await kurv(w.sbh, 'forfall'))]));
    expect(navn(rader.filter((r) => r.forfalt).map((r) => r.systemId))).toEqual(navn(await kurv(w.sbh, 'forfall')));
    const forfatter = await som(ctx, w.leder).get(`/api/rapporter/restanse?saksbehandlerId=${w.sbh2.bruker.systemId}`);
    expect(forfatter.body.journalposter).toEqual([]);
  });

  it('the unit’s restanserapport counts them for the one who follows them up', async () => {
    const res = await som(ctx, w.leder).get(`/api/rapporter/restanse?enhetId=${w.enhet.systemId}`);
    expect(navn((res.body.journalposter as { systemId: string }[]).map((r) => r.systemId))).toEqual(navn(forventet.keys()));
    const per = Object.fromEntries(res.body.perSaksbehandler.map((p: { saksbehandler: { systemId: string }; antall: number; forfalt: number }) => [p.saksbehandler.systemId, [p.antall, p.forfalt]]));
    expect(per).toEqual({ [w.sbh.bruker.systemId]: [forventet.size, 2] });
  });
});
