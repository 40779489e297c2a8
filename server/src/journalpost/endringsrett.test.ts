import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ENDRINGSRETT, JOURNALSTATUS_KODER } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { TestContext } from '../test/context';
import { buildDokument, buildJournalpost, buildSak } from '../test/factories';
import { expectProblem, som } from '../test/http';
import { openWorld, type World } from '../test/world';

/**
 * Who may change what in which status (docs/journalstatus.md; manual §5, §6, §10.1): the
 * archive corrects registration data on F and E before journalføring; a saksbehandler changes
 * neither registration data nor saksbehandler, unit or internal kopimottakere on a locked record.
 */
describe('§5/§6 Endringsrett per journalstatus', () => {
  let ctx: TestContext;
  let w: World;
  let sakId: string;
  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    sakId = await buildSak(ctx.db, w.sbh);
  });
  afterAll(() => ctx.close());

  const brev = async () => {
    const id = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'U', tittel: `Brev ${Math.random()}`, korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Ola', postadresse: 'Gate 1', postnummer: '2211', poststed: 'Kongsvinger' }] });
    await buildDokument(ctx.db, ctx.blobs, w.sbh, id);
    return id;
  };
  const ferdigstilt = async () => {
    const id = await brev();
    const [o] = (await som(ctx, w.sbh).post(`/api/journalposter/${id}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId })).body;
    await som(ctx, w.leder).post(`/api/oppgaver/${o.systemId}/svar`, { svar: 'Godkjent' });
    expect((await som(ctx, w.sbh).get(`/api/journalposter/${id}`)).body.journalstatus).toBe('F');
    return id;
  };
  const ekspedert = async () => {
    const id = await brev();
    expect((await som(ctx, w.sbh).post(`/api/journalposter/${id}/ekspeder`, {})).status).toBe(200);
    return id;
  };
  const journalfoert = async () => {
    const id = await buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', saksbehandlerId: w.sbh.bruker.systemId });
    expect((await som(ctx, w.ark).post(`/api/journalposter/${id}/journalfoer`)).status).toBe(200);
    return id;
  };
  const patch = (actor: Actor, id: string, body: object) => som(ctx, actor).patch(`/api/journalposter/${id}`, body);

  it.each([
    ['F', ferdigstilt],
    ['E', ekspedert],
  ] as const)('the archive corrects registration data on %s before journalføring, with historikk; the saksbehandler may not (409)', async (status, lag) => {
    const id = await lag();
    expect((await som(ctx, w.sbh).get(`/api/journalposter/${id}`)).body.abilities.update).toBe(false);
    expect((await som(ctx, w.ark).get(`/api/journalposter/${id}`)).body.abilities.update).toBe(true);
    expectProblem(await patch(w.sbh, id, { tittel: 'Saksbehandlerens retting' }), 409, 'journalpost_locked');
    const res = await patch(w.ark, id, { tittel: 'Rettet tittel', korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Ola Nordmann', postadresse: 'Gate 1', postnummer: '2211', poststed: 'Kongsvinger' }] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ journalstatus: status, tittel: 'Rettet tittel', korrespondanseparter: [expect.objectContaining({ navn: 'Ola Nordmann' })] });
    const h = (await som(ctx, w.ark).get(`/api/journalposter/${id}/historikk`)).body as { handling: string; bruker: { systemId: string }; data: { tittel?: unknown } }[];
    expect(h.filter((x) => x.handling === 'journalpost_endret')).toEqual([expect.objectContaining({ bruker: expect.objectContaining({ systemId: w.ark.bruker.systemId }), data: expect.objectContaining({ tittel: { fra: expect.any(String), til: 'Rettet tittel' } }) })]);
    // Documents stay as they were approved and sent, for the archive too.
    expect((await som(ctx, w.ark).get(`/api/journalposter/${id}`)).body.abilities.addDokument).toBe(false);
  });

  it('after journalføring nobody rewrites registration data (409)', async () => {
    const id = await journalfoert();
    expectProblem(await patch(w.ark, id, { tittel: 'For sent' }), 409, 'journalpost_locked');
    expectProblem(await patch(w.sbh, id, { tittel: 'For sent' }), 409, 'journalpost_locked');
  });

  it('§10.1 on a journalført record the saksbehandler may correct the forfallsdato, but saksbehandler and internal kopimottakere only through the dokumentsenter', async () => {
    const id = await journalfoert();
    const sbh = som(ctx, w.sbh);
    expectProblem(await sbh.post(`/api/journalposter/${id}/fordel`, { saksbehandlerId: w.sbh2.bruker.systemId }), 409, 'journalpost_locked');
    expectProblem(await sbh.post(`/api/journalposter/${id}/fordel`, { kopimottakerIds: [w.leder.bruker.systemId] }), 409, 'journalpost_locked');
    // Nothing half-written: the refused request carried a forfallsdato too.
    expectProblem(await sbh.post(`/api/journalposter/${id}/fordel`, { saksbehandlerId: w.sbh2.bruker.systemId, forfallsdato: '2099-05-05' }), 409, 'journalpost_locked');
    const uendret = (await sbh.get(`/api/journalposter/${id}`)).body;
    expect(uendret).toMatchObject({ saksbehandler: { systemId: w.sbh.bruker.systemId }, korrespondanseparter: [] });
    expect(uendret.forfallsdato).not.toBe('2099-05-05');
    expect((await sbh.post(`/api/journalposter/${id}/fordel`, { forfallsdato: '2099-06-01' })).body.forfallsdato).toBe('2099-06-01');
    const dok = await som(ctx, w.dok).post(`/api/journalposter/${id}/fordel`, { saksbehandlerId: w.sbh2.bruker.systemId, kopimottakerIds: [w.leder.bruker.systemId] });
    expect(dok.status).toBe(200);
    expect(dok.body).toMatchObject({ saksbehandler: { systemId: w.sbh2.bruker.systemId }, korrespondanseparter: [expect.objectContaining({ korrespondanseparttype: 'IK', brukerId: w.leder.bruker.systemId })] });
  });

  it('a saksbehandler still reassigns and adds kopimottakere while the record is open (S)', async () => {
    const id = await buildJournalpost(ctx.db, w.dok, sakId, { journalposttype: 'I', saksbehandlerId: w.sbh.bruker.systemId });
    const res = await som(ctx, w.sbh).post(`/api/journalposter/${id}/fordel`, { saksbehandlerId: w.sbh2.bruker.systemId, kopimottakerIds: [w.leder.bruker.systemId] });
    expect(res.status).toBe(200);
  });

  it('docs/journalstatus.md shows the table the service enforces', () => {
    const md = readFileSync(path.resolve(__dirname, '../../../docs/journalstatus.md'), 'utf8');
    const tabell = md.slice(md.indexOf('<!-- endringsrett:start -->'), md.indexOf('<!-- endringsrett:end -->'));
    const rader = tabell
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| endring'))
      .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
    expect(rader.map((r) => r[0])).toEqual(Object.keys(ENDRINGSRETT));
    const navn = (hvem: readonly string[]) => (hvem.includes('saksbehandling') ? 'alle' : hvem.includes('arkiv') ? 'arkivet' : 'ingen');
    for (const [endring, ...celler] of rader) {
      expect({ endring, celler }).toEqual({ endring, celler: JOURNALSTATUS_KODER.map((s) => navn(ENDRINGSRETT[endring as keyof typeof ENDRINGSRETT][s])) });
    }
  });
});
