import { buildSak } from '../test/factories';
import { importHarness } from '../test/import-harness';

/**
 * Svar med e-post (§10.2): the reply the saksbehandler sent from Outlook is archived in the
 * sak as a U that has already gone out (E), and the journalposter it answers are avskrevet
 * EP (Besvart per epost) in the same step, so nothing is left in Ubehandlet.
 */
describe('Svar med e-post: the sent reply archived and the originals avskrevet EP', () => {
  const h = importHarness();
  const { importOne, withMessageId, post, view, counts } = h;

  const incoming = async (navn: string, id: string, sak = h.sakId) => {
    const res = await post(`/api/saker/${sak}/import`, { retning: 'mottatt' }, [withMessageId(navn, id)]);
    expect(res.statusCode).toBe(201);
    return res.json().resultater[0].journalpostId as string;
  };

  it('archives one reply to two incoming journalposter as U in status E and avskriver both EP, pointing at it', async () => {
    const a = await incoming('tekst-utf8', 'innkommende-a@example.no');
    const b = await incoming('latin1', 'innkommende-b@example.no');
    expect([(await view(a)).restanse, (await view(b)).restanse]).toEqual([true, true]);
    const res = await importOne('sendt', { retning: 'sendt', besvarer: `${a}, ${b}` });
    expect(res.statusCode).toBe(201);
    const svarId = res.json().resultater[0].journalpostId;
    const svar = await view(svarId);
    expect([svar.journalposttype, svar.journalstatus, svar.sakId]).toEqual(['U', 'E', h.sakId]);
    for (const id of [a, b]) {
      const jp = await view(id);
      expect([jp.restanse, jp.avskrivninger.map((x: { avskrivningsmaate: string; ventende: boolean }) => [x.avskrivningsmaate, x.ventende])]).toEqual([false, [['EP', false]]]);
    }
    const historikk = await h.ctx.db.selectFrom('historikk').select(['handling', 'journalpostId']).where('journalpostId', 'in', [a, b]).where('handling', '=', 'avskrivning_registrert').execute();
    expect(historikk).toHaveLength(2);
    const avskrivning = await h.ctx.db.selectFrom('avskrivning').select('svarJournalpostId').where('journalpostId', '=', a).executeTakeFirstOrThrow();
    expect(avskrivning.svarJournalpostId).toBe(svarId);
  });

  it('refuses to answer a journalpost in another sak and writes nothing (the reply belongs in the sak it answers)', async () => {
    const annenSak = await buildSak(h.ctx.db, h.world.sbh, { tittel: 'Annen sak' });
    const fremmed = await incoming('windows-1252', 'i-annen-sak@example.no', annenSak);
    const before = await counts();
    const res = await post(`/api/saker/${h.sakId}/import`, { retning: 'sendt', besvarer: fremmed }, [withMessageId('sendt', 'svar-feil-sak@example.no')]);
    expect([res.statusCode, res.json().code]).toEqual([400, 'validation_failed']);
    expect(await counts()).toEqual(before);
    expect((await view(fremmed)).restanse).toBe(true);
  });

  it('takes besvarer only on a sent mail, and only journalpost ids', async () => {
    const a = await incoming('encoded-words', 'innkommende-c@example.no');
    const mottatt = await post(`/api/saker/${h.sakId}/import`, { retning: 'mottatt', besvarer: a }, [withMessageId('sendt', 'feil-retning@example.no')]);
    expect([mottatt.statusCode, mottatt.json().errors?.[0]?.field]).toEqual([400, '/besvarer']);
    const tull = await post(`/api/saker/${h.sakId}/import`, { retning: 'sendt', besvarer: 'ikke-en-id' }, [withMessageId('sendt', 'tull@example.no')]);
    expect([tull.statusCode, tull.json().errors?.[0]?.field]).toEqual([400, '/besvarer']);
    expect((await view(a)).restanse).toBe(true);
  });
});
