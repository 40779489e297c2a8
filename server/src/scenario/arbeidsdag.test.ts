import type { TestContext } from '../test/context';
import { buildDokument, buildSak } from '../test/factories';
import { som } from '../test/http';
import { openWorld, type World } from '../test/world';

/**
 * A working day end to end (manual §3.1, §10.1, §10.2.2, §10.6, §11.2, §10.7, §5):
 * DOK registers → SBH's Ubehandlet → Besvar og avskriv → approval, returned, corrected,
 * approved → expedited → restanse gone → journalført → sak closed. Every step in historikk.
 */
describe('En arbeidsdag (§3.1 → §10.2.2 → §11.2 → §10.7 → §5)', () => {
  let ctx: TestContext;
  let w: World;
  beforeAll(async () => ({ ctx, w } = await openWorld()));
  afterAll(() => ctx.close());

  it('plays the day and leaves every step in historikk', async () => {
    const dok = som(ctx, w.dok);
    const sbh = som(ctx, w.sbh);
    const leder = som(ctx, w.leder);
    const ark = som(ctx, w.ark);
    const sakId = await buildSak(ctx.db, w.sbh, { tittel: 'Søknad om skjenkebevilling - Kafé Fjord' });

    // §3.1: the dokumentsenter registers the letter and assigns the saksbehandler.
    const brev = await dok.post(`/api/saker/${sakId}/journalposter`, {
      journalposttype: 'I',
      tittel: 'Søknad om skjenkebevilling',
      saksbehandlerId: w.sbh.bruker.systemId,
      korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Kafé Fjord AS', epostadresse: 'post@kafefjord.example' }],
    });
    expect(brev.status).toBe(201);
    expect(brev.body).toMatchObject({ journalstatus: 'S', restanse: true });
    expect(brev.body.forfallsdato).not.toBeNull(); // default from configuration (I=14 days)
    const brevId = brev.body.systemId as string;

    // It lands in the SBH's Ubehandlet.
    expect((await sbh.get('/api/kurver/ubehandlet')).body.map((i: { systemId: string }) => i.systemId)).toContain(brevId);

    // §10.2.2 way 2: Besvar og avskriv. The sender becomes the recipient; the restanse stays until expedited.
    const svar = await sbh.post('/api/svar', { maate: 'besvar_og_avskriv', journalpostIds: [brevId], tittel: 'Svar på søknad om skjenkebevilling' });
    expect(svar.status).toBe(201);
    expect(svar.body).toMatchObject({ journalposttype: 'U', journalstatus: 'R', korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Kafé Fjord AS' }] });
    const svarId = svar.body.systemId as string;
    // The letter itself (the hoveddokument the mail carries).
    await buildDokument(ctx.db, ctx.blobs, w.sbh, svarId);
    expect((await sbh.get(`/api/journalposter/${brevId}`)).body).toMatchObject({ restanse: true, avskrivninger: [{ avskrivningsmaate: 'BU', ventende: true, svarJournalpostId: svarId }] });

    // §10.6: to approval; the leader returns it (Ikke godkjent).
    const til = await sbh.post(`/api/journalposter/${svarId}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId, merknad: 'Ber om godkjenning' });
    expect(til.status).toBe(201);
    expect((await leder.get('/api/kurver/mottatt_for_godkjenning')).body).toHaveLength(1);
    expect((await sbh.get('/api/kurver/sendt_til_godkjenning')).body).toHaveLength(1);
    const retur = await leder.post(`/api/oppgaver/${til.body[0].systemId}/svar`, { svar: 'Ikke godkjent', merknad: 'Husk klagefrist' });
    expect(retur.status).toBe(200);
    const beskjeder = (await sbh.get('/api/kurver/mottatte_oppgaver')).body;
    expect(beskjeder).toHaveLength(1);
    expect((await sbh.get(`/api/journalposter/${svarId}`)).body.journalstatus).toBe('R');

    // The SBH corrects and resends; the leader approves: F.
    expect((await sbh.patch(`/api/journalposter/${svarId}`, { beskrivelse: 'Klagefrist tre uker' })).status).toBe(200);
    const igjen = await sbh.post(`/api/journalposter/${svarId}/til-godkjenning`, { mottakerId: w.leder.bruker.systemId });
    expect(igjen.status).toBe(201);
    expect((await leder.post(`/api/oppgaver/${igjen.body[0].systemId}/svar`, { svar: 'Godkjent' })).status).toBe(200);
    expect((await sbh.get(`/api/journalposter/${svarId}`)).body.journalstatus).toBe('F');

    // §10.7: the SBH expedites; the original's restanse is gone.
    const eksp = await sbh.post(`/api/journalposter/${svarId}/ekspeder`, {});
    expect(eksp.status).toBe(200);
    expect(eksp.body.journalstatus).toBe('E');
    const original = (await sbh.get(`/api/journalposter/${brevId}`)).body;
    expect(original).toMatchObject({ restanse: false, avskrivninger: [{ avskrivningsmaate: 'BU', ventende: false }] });
    expect((await sbh.get('/api/kurver/ubehandlet')).body.map((i: { systemId: string }) => i.systemId)).not.toContain(brevId);

    // §5: the archive journalfører both and closes the sak.
    expect((await ark.post(`/api/journalposter/${brevId}/journalfoer`)).body.journalstatus).toBe('J');
    expect((await ark.post(`/api/journalposter/${svarId}/journalfoer`)).body.journalstatus).toBe('J');
    const lukk = await ark.post(`/api/saker/${sakId}/status`, { handling: 'avslutt' });
    expect(lukk.status).toBe(200);
    expect(lukk.body.saksstatus).toBe('A');

    const historikk = (await sbh.get(`/api/saker/${sakId}/historikk`)).body.map((h: { handling: string }) => h.handling);
    for (const steg of [
      'journalpost_opprettet',
      'avskrivning_registrert',
      'oppgave_sendt',
      'oppgave_besvart',
      'journalpost_endret',
      'journalpost_status_endret',
      'journalpost_ekspedert',
      'avskrivning_trer_i_kraft',
      'sak_status_endret',
    ]) {
      expect(historikk).toContain(steg);
    }
    expect(historikk.filter((h: string) => h === 'oppgave_besvart')).toHaveLength(2);
  });
});
